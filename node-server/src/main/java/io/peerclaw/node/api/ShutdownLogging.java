package io.peerclaw.node.api;

/**
 * Makes a node's log lines outlive the JDK's own logging shutdown, so that a node stopping on
 * SIGTERM still says so ({@code boot.NodeLogManager}). A process's {@code main} calls {@link
 * #install} first thing, before anything logs: this class holds no logger of its own for that
 * reason, and it names the manager by string so as not to load logging early.
 */
public final class ShutdownLogging {
    private static final String LOG_MANAGER_PROPERTY = "java.util.logging.manager";

    private ShutdownLogging() {}

    /** Chooses the node's log manager, unless one was chosen with {@code -D} already. */
    public static void install() {
        if (System.getProperty(LOG_MANAGER_PROPERTY) == null) {
            System.setProperty(LOG_MANAGER_PROPERTY, "io.peerclaw.node.boot.NodeLogManager");
        }
    }
}
