package io.peerclaw.shared.protocol.api;

import io.peerclaw.shared.model.AgentCard;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The provider console: an owner's agents, claim tokens, access requests and figures. */
public final class Provider {
    private Provider() {}

    /**
     * A partial update of an owned agent: absent fields stay as they are. Card fields replace the
     * card's; the rest are the owner's settings.
     */
    public record AgentUpdate(
            String name,
            String description,
            String version,
            List<String> capabilities,
            List<AgentCard.Skill> skills,
            List<AgentCard.Tool> tools,
            AgentCard.Endpoint endpoint,
            List<String> protocols,
            AgentCard.Auth auth,
            Map<String, String> metadata,
            AgentCard.PeerClawExtension peerclaw,
            String visibility,
            Boolean playgroundEnabled,
            Boolean publicEndpoint,
            List<String> categories) {}

    /** A one-time code an agent redeems to register into the provider's account. */
    public record ClaimToken(
            String code, String status, String agentId, Instant createdAt, Instant expiresAt) {}

    public record ClaimTokenList(List<ClaimToken> tokens) {}

    /** {@code POST /api/v1/agents/claim}, signed by the agent's key. */
    public record ClaimRequest(String token, AgentCard card) {}

    public record AccessRequestCreate(String message) {}

    /** The owner's answer: {@code approved} or {@code rejected}. */
    public record AccessDecision(String status, String reason, Instant expiresAt) {}

    public record AccessRequest(
            String id,
            String agentId,
            String userId,
            String status,
            String message,
            String rejectReason,
            Instant expiresAt,
            Instant createdAt,
            Instant updatedAt) {}

    public record AccessRequestList(List<AccessRequest> accessRequests) {}

    public record TimePoint(Instant timestamp, long count) {}

    /** Invocation figures of one agent over a window, in buckets. */
    public record Analytics(
            String agentId,
            Instant since,
            int bucketMinutes,
            long totalCalls,
            double successRate,
            double avgLatencyMs,
            List<TimePoint> timeSeries) {}

    public record Dashboard(
            long totalAgents,
            long onlineAgents,
            long verifiedAgents,
            long suspendedAgents,
            long pendingAgents,
            double averageReputation,
            long pendingAccessRequests,
            long totalCalls) {}
}
