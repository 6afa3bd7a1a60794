package io.peerclaw.node.boot;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.peerclaw.shared.json.Json;
import java.util.Map;

/**
 * Loads and initialises the web server's and JSON's classes on a second core while the main thread
 * opens the database: the first routing and server builders discover Helidon's services and the
 * first mapper builds Jackson's tables, a few hundred milliseconds that do not depend on storage.
 * The main thread {@link #join() joins} it before it touches either, so no class is initialised
 * from both threads at once (two initialisers waiting on each other would deadlock).
 */
final class WarmUp {
    private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());

    private final Thread thread;

    private WarmUp(Thread thread) {
        this.thread = thread;
    }

    static WarmUp start() {
        return new WarmUp(Thread.ofPlatform().name("peerclaw-warm-up").daemon().start(WarmUp::run));
    }

    private static void run() {
        try {
            HttpRouting.builder().build();
            WebServerConfig.builder().port(0).buildPrototype();
            Json.tree(Json.bytes(Map.of("warm", true)));
        } catch (RuntimeException | LinkageError e) {
            // The main thread meets the same problem where it matters and reports it there.
            LOG.log(System.Logger.Level.DEBUG, "warming up the server classes failed", e);
        }
    }

    /** Waits until the warm-up ended, however it ended. */
    void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
