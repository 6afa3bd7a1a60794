package io.peerclaw.node.api;

import java.net.URI;
import java.nio.file.Path;

/** A started node. Closing it stops serving, writes buffered state and closes its storage. */
public interface RunningNode extends AutoCloseable {
    int port();

    /** Where a local client reaches it, e.g. {@code http://127.0.0.1:8080}. */
    URI baseUri();

    Path dataDirectory();

    /** The database in use, for display (no credentials). */
    String database();

    /**
     * Stops the node and starts it again in this process with its configuration re-read (same data
     * folder); a port chosen by 0 is kept. If the new configuration cannot start, the previous one
     * is started again and the reason logged.
     *
     * @throws NodeStartException when the node cannot be started again at all
     */
    void restart();

    @Override
    void close();
}
