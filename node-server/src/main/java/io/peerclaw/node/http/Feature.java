package io.peerclaw.node.http;

import java.util.List;

/**
 * A capability as the composition root sees it: the routes it serves and what it holds open.
 * Everything else a feature needs is handed to its {@code create} method, executors included, so
 * that the root can start, stop and roll back every feature the same way.
 */
public interface Feature extends AutoCloseable {
    /** The services this feature serves; empty for one that serves none. */
    default List<Mount> routes() {
        return List.of();
    }

    /**
     * Stops what the feature runs and writes what it buffers. Called once, in the reverse order of
     * creation, also after a start that failed part way; must not throw.
     */
    @Override
    default void close() {}
}
