package io.peerclaw.node.gateway;

import java.time.Instant;
import java.util.UUID;

/**
 * One call to an agent, as the invocation log keeps it. Bodies are kept only as previews of at most
 * {@code gateway.preview_bytes}.
 *
 * @param userId the calling user, or null
 * @param callerAgentId the calling agent, or null
 * @param protocol the agent's protocol
 * @param status {@code success}, {@code error}, {@code timeout} or {@code rejected}
 */
public record Invocation(
        UUID id,
        String agentId,
        UUID taskId,
        String userId,
        String callerAgentId,
        String ipAddress,
        String protocol,
        String frontDoor,
        String status,
        long durationMs,
        String error,
        String requestPreview,
        String responsePreview,
        Instant createdAt) {}
