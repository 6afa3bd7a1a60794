package io.peerclaw.node.audit;

import java.time.Instant;
import java.util.Map;

/** A stored audit event, as admins list them. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        String eventType,
        String agentId,
        String actorUserId,
        String sourceIp,
        String requestId,
        Map<String, Object> details) {}
