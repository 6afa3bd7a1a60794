package io.peerclaw.node.audit;

import java.time.Instant;
import java.util.Optional;

/** Filters over the stored audit events; newest first, below {@code beforeId} when given. */
public record AuditQuery(
        Optional<String> actorUserId,
        Optional<String> eventType,
        Optional<String> agentId,
        Optional<Instant> since,
        Optional<Long> beforeId,
        int limit) {}
