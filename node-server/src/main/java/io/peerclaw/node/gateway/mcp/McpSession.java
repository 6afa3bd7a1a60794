package io.peerclaw.node.gateway.mcp;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An MCP Streamable HTTP session, bound to the caller who opened it and to the endpoint it was
 * opened on.
 *
 * @param agentId the agent of {@code /mcp/{agent_id}}, or null for the node's own {@code /mcp}
 * @param callerKey who opened it ({@link io.peerclaw.node.gateway.Admission#callerKey}); nobody
 *     else may use it
 * @param protocolVersion the MCP revision negotiated at {@code initialize}
 * @param lastUsedAt the last use as stored; may trail the real last use by the touch interval
 */
record McpSession(
        UUID id,
        String agentId,
        String callerKey,
        String protocolVersion,
        Instant createdAt,
        Instant lastUsedAt) {
    McpSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(callerKey, "callerKey");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
    }

    McpSession usedAt(Instant when) {
        return new McpSession(id, agentId, callerKey, protocolVersion, createdAt, when);
    }

    /** Whether this session was opened on that endpoint by that caller. */
    boolean belongsTo(String endpointAgentId, String caller) {
        return Objects.equals(agentId, endpointAgentId) && callerKey.equals(caller);
    }
}
