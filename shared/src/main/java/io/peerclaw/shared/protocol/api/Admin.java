package io.peerclaw.shared.protocol.api;

import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.protocol.api.Accounts.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The admin area ({@code /api/v1/admin/…} for users, agents and the audit trail) and the first
 * start ({@code /api/v1/setup}). Reports are {@link Reviews.ReportList} and {@link
 * Reviews.ReportUpdate}.
 */
public final class Admin {
    private Admin() {}

    /** {@code GET /setup}: whether the node still has no admin account. */
    public record SetupStatus(boolean needsAdmin) {}

    /** {@code POST /setup/admin}: the first admin's credentials. */
    public record FirstAdmin(String email, String password) {}

    /** The answer to {@code POST /setup/admin}. */
    public record AdminCreated(User user) {}

    /** {@code GET /admin/dashboard}: the node's counts at a glance. */
    public record Dashboard(
            long totalUsers,
            Map<String, Long> usersByRole,
            long totalAgents,
            long onlineAgents,
            long verifiedAgents,
            long suspendedAgents,
            long privateAgents,
            long totalReviews,
            long pendingReports,
            long totalInvocations,
            long invocationsToday) {}

    /** {@code GET /admin/users}: one page, and the token of the next (absent after the last). */
    public record UserList(List<User> users, String nextPageToken) {}

    /** {@code GET /admin/users/{id}}: the account and how many agents it owns. */
    public record UserDetail(User user, long agents, long pendingAgents) {}

    /** {@code PUT /admin/users/{id}/role}. */
    public record RoleChange(String role) {}

    /** {@code POST /admin/agents/{id}/suspend}: the reason, which the owner sees. */
    public record Suspension(String reason) {}

    /**
     * An agent as an admin (or its owner) sees it: its card's members with the node's {@link
     * AgentFacts} beside them in the same JSON object (shared.json flattens the two).
     */
    public record ManagedAgent(AgentCard card, AgentFacts facts) {}

    /**
     * What the node keeps about an agent beyond its card; {@code registration} is {@code pending}
     * or {@code registered}, the suspension's time and reason are there only while suspended.
     * {@code ownerEmail} is in the admin's list only, beside {@code ownerUserId}.
     */
    public record AgentFacts(
            String registration,
            String ownerUserId,
            boolean playgroundEnabled,
            boolean publicEndpoint,
            boolean verified,
            double reputationScore,
            boolean suspended,
            Instant suspendedAt,
            String suspendedReason,
            String ownerEmail) {
        /** The same facts naming the owner by email too. */
        public AgentFacts withOwnerEmail(String email) {
            return new AgentFacts(
                    registration,
                    ownerUserId,
                    playgroundEnabled,
                    publicEndpoint,
                    verified,
                    reputationScore,
                    suspended,
                    suspendedAt,
                    suspendedReason,
                    email);
        }
    }

    /** {@code GET /admin/agents}: one page, and the token of the next (absent after the last). */
    public record AgentPage(List<ManagedAgent> agents, String nextPageToken) {}

    /**
     * {@code GET /admin/agents/{id}}: the agent, its owner (null when unowned), its reviews and how
     * its calls went.
     */
    public record AgentDetail(
            ManagedAgent agent, User owner, ReviewSummary reviews, CallStats invocationStats) {}

    /** An agent's reviews as admins see them, hidden ones included among the latest. */
    public record ReviewSummary(
            double averageRating,
            long totalReviews,
            List<Long> distribution,
            long hiddenReviews,
            List<Reviews.Review> latest) {}

    /** Calls to an agent (or the node): how many, how many failed, and how long they took. */
    public record CallStats(
            long totalCalls,
            long successCalls,
            long errorCalls,
            double avgDurationMs,
            long p95DurationMs) {}

    /** {@code GET /admin/audit}: stored audit events, newest first. */
    public record AuditEvents(List<AuditEntry> events) {}

    /**
     * One stored audit event; {@code agentName} and {@code actorEmail} name its agent and actor
     * when they still exist (absent otherwise), so the console need not show bare ids.
     */
    public record AuditEntry(
            long id,
            Instant occurredAt,
            String eventType,
            String agentId,
            String actorUserId,
            String sourceIp,
            String requestId,
            Map<String, Object> details,
            String agentName,
            String actorEmail) {}
}
