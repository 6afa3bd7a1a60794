package io.peerclaw.shared.protocol.api;

import java.time.Instant;
import java.util.Map;

/** Heartbeat request and answer. */
public final class Heartbeat {
    private Heartbeat() {}

    /** Body of {@code POST /api/v1/agents/{id}/heartbeat}; both fields are optional. */
    public record Request(String status, Map<String, String> metadata) {}

    /** When the node expects the next heartbeat. */
    public record Response(Instant nextDeadline) {}
}
