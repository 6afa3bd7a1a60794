package io.peerclaw.node.admin;

import java.time.Instant;

/**
 * What the admin routes may know and do about the running node itself; the composition root
 * implements it (the admin feature cannot reach the node's lifecycle otherwise).
 */
public interface NodeControl {
    /** Facts about the node for {@code GET /admin/node}. */
    record Facts(
            String version,
            Instant startedAt,
            String url,
            int port,
            String dataDir,
            String configFile,
            String databaseDriver,
            String databaseDescription) {}

    Facts facts();

    /**
     * Stops the node and starts it again with its configuration re-read, on another thread: this
     * returns at once so that the request asking for it can still be answered.
     */
    void restartSoon();
}
