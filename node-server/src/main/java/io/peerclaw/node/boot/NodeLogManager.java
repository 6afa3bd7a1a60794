package io.peerclaw.node.boot;

import java.util.logging.LogManager;

/**
 * The process's JUL log manager while a node runs in it: it keeps the log handlers through JVM
 * shutdown. The JDK resets logging from a shutdown hook of its own, which runs at the same time as
 * the hook that stops the node, so on SIGTERM the node's last lines ("stopping the node", "node
 * stopped in N ms", and whatever a closing feature reports) went nowhere. Nothing else resets
 * logging: the node's own configuration does, through {@link NodeLogging#configure}. The handlers
 * write and flush each record as it comes, so there is nothing left to close at exit.
 *
 * <p>Installed by {@code api.ShutdownLogging.install()}, before anything logs.
 */
public final class NodeLogManager extends LogManager {
    public NodeLogManager() {
        super();
    }

    /** Ignored: see the class comment. */
    @Override
    public void reset() {}

    void resetForConfiguration() {
        super.reset();
    }
}
