package io.peerclaw.node.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One security event. {@code agentId} is the agent it concerns, if any; {@code details} hold
 * event-specific facts and never secrets.
 */
public record AuditEvent(
        Instant timestamp,
        String type,
        String agentId,
        String sourceIp,
        String requestId,
        Map<String, Object> details) {

    public static final String AGENT_REGISTERED = "agent.registered";
    public static final String AGENT_UPDATED = "agent.updated";
    public static final String AGENT_DEREGISTERED = "agent.deregistered";
    public static final String AUTH_FAILED = "auth.failed";
    public static final String RATE_LIMITED = "security.rate_limited";
    public static final String KEY_MINTED = "agent.key_minted";
    public static final String KEY_REVOKED = "agent.key_revoked";

    public AuditEvent {
        details = Map.copyOf(details);
    }
}
