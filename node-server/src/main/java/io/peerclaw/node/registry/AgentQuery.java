package io.peerclaw.node.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a listing or discovery asks for. Every condition narrows; {@code capabilities} must all be
 * present. {@code upOnly} keeps agents whose status is not offline.
 */
record AgentQuery(
        List<String> capabilities,
        Optional<String> protocol,
        Optional<String> status,
        boolean upOnly,
        Optional<Cursor> after,
        int limit) {

    /** Position in the newest-first order: the last row of the previous page. */
    record Cursor(Instant registeredAt, String id) {}
}
