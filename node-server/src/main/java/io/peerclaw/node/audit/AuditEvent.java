package io.peerclaw.node.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One security event. {@code agentId} is the agent it concerns, if any; {@code actorUserId} the
 * account that acted, if any; {@code details} hold event-specific facts and never secrets.
 */
public record AuditEvent(
        Instant timestamp,
        String type,
        String agentId,
        String actorUserId,
        String sourceIp,
        String requestId,
        Map<String, Object> details) {

    public static final String AGENT_REGISTERED = "agent.registered";
    public static final String AGENT_UPDATED = "agent.updated";
    public static final String AGENT_DEREGISTERED = "agent.deregistered";
    public static final String AGENT_PENDING = "agent.pending";
    public static final String CLAIM_TOKEN_CREATED = "agent.claim_token_created";
    public static final String CLAIM_TOKEN_REDEEMED = "agent.claim_token_redeemed";
    public static final String ACCESS_DECIDED = "agent.access_decided";
    public static final String CONTACT_ADDED = "agent.contact_added";
    public static final String CONTACT_REMOVED = "agent.contact_removed";
    public static final String CONTACT_REQUESTED = "agent.contact_requested";
    public static final String CONTACT_DECIDED = "agent.contact_decided";
    public static final String REVIEW_HIDDEN = "moderation.review_hidden";
    public static final String REPORT_DECIDED = "moderation.report_decided";
    public static final String REPORT_DELETED = "moderation.report_deleted";
    public static final String ROLE_CHANGED = "admin.role_changed";
    public static final String USER_DELETED = "admin.user_deleted";
    public static final String CATEGORY_CHANGED = "admin.category_changed";
    public static final String AGENT_SUSPENDED = "agent.suspended";
    public static final String AGENT_REINSTATED = "agent.reinstated";
    public static final String AGENT_VERIFIED = "agent.verified";
    public static final String AGENT_UNVERIFIED = "agent.unverified";
    public static final String AUTH_FAILED = "auth.failed";
    public static final String RATE_LIMITED = "security.rate_limited";
    public static final String CALL_REFUSED = "gateway.call_refused";
    public static final String BRIDGE_SENT = "bridge.send";
    public static final String KEY_MINTED = "agent.key_minted";
    public static final String KEY_REVOKED = "agent.key_revoked";
    public static final String ACCOUNT_CREATED = "account.created";
    public static final String LOGIN_FAILED = "account.login_failed";
    public static final String SESSION_REVOKED = "account.session_revoked";
    public static final String PASSWORD_CHANGED = "account.password_changed";
    public static final String USER_KEY_CREATED = "account.key_created";
    public static final String USER_KEY_REVOKED = "account.key_revoked";
    public static final String ADMIN_BOOTSTRAPPED = "account.admin_bootstrapped";
    public static final String SETTINGS_CHANGED = "admin.settings_changed";
    public static final String NODE_RESTARTED = "admin.node_restarted";

    public AuditEvent {
        details = Map.copyOf(details);
    }
}
