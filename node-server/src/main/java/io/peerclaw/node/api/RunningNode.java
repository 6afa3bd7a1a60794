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

    @Override
    void close();
}
