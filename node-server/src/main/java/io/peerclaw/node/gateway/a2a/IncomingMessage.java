package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.Part;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller's message, checked and translated to neutral parts.
 *
 * @param contextId the client's context id as sent, if any
 * @param taskId the task the message continues, as sent, if any
 * @param metadata the message's metadata object, or null
 * @param requestMetadata the request's own metadata object (1.0 {@code SendMessageRequest.metadata}
 *     or 0.3 {@code MessageSendParams.metadata}), or null
 */
record IncomingMessage(
        String messageId,
        List<Part> parts,
        Optional<String> contextId,
        Optional<String> taskId,
        JsonNode metadata,
        JsonNode requestMetadata) {
    IncomingMessage {
        Objects.requireNonNull(messageId, "messageId");
        parts = List.copyOf(parts);
    }

    /**
     * A string member of the message's metadata, else of the request's: how a caller picks a skill
     * ({@code skill} or {@code tool}) or, at the node's own endpoint, a target agent.
     *
     * @throws A2aException -32602 when the member is there but not a non-empty string
     */
    Optional<String> metadataText(String name) {
        for (JsonNode source : new JsonNode[] {metadata, requestMetadata}) {
            if (source != null && source.has(name) && !source.get(name).isNull()) {
                JsonNode value = source.get(name);
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw new A2aException(
                            A2aError.invalidParams("metadata." + name + " must be a string"));
                }
                return Optional.of(value.asText());
            }
        }
        return Optional.empty();
    }

    /** The skill the caller chose: metadata {@code skill}, else {@code tool}. */
    Optional<String> skill() {
        return metadataText("skill").or(() -> metadataText("tool"));
    }
}
