package io.peerclaw.node.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A message to an agent, as every front door hands it to the gateway.
 *
 * @param callId this call's id: the task id in A2A, the run id in ACP, the invocation id
 * @param contextId the conversation: A2A's context id, ACP's session id
 * @param remoteTaskId the agent's own task id when continuing an interrupted task, else null
 * @param skill the tool or skill the caller picked (MCP tool name, A2A skill id, the {@code tool}
 *     metadata), or null to let the gateway choose when the agent has one
 * @param parts the message's content
 * @param metadata the caller's metadata, passed through (a JSON object, or null)
 */
public record CallRequest(
        UUID callId,
        UUID contextId,
        String remoteTaskId,
        String skill,
        List<Part> parts,
        JsonNode metadata) {
    public CallRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(contextId, "contextId");
        parts = List.copyOf(parts);
    }

    /** The message's text. */
    public String text() {
        return Part.text(parts);
    }
}
