package io.peerclaw.node.gateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The body of {@code POST /api/v1/invoke/{agent_id}}, validated: {@code {message, protocol?,
 * metadata?, stream?, session_id?}}. {@code metadata.tool} picks the agent's tool or skill and
 * {@code metadata.arguments} (an object) supplies a tool's arguments; the rest of the metadata is
 * passed to the agent. It never names a URL: the gateway calls only the registered endpoint.
 *
 * @param sessionId the caller's session id as sent (echoed back), or a new UUID
 */
record InvokeRequest(
        String message,
        Optional<String> protocol,
        JsonNode metadata,
        boolean stream,
        String sessionId,
        Optional<String> tool,
        Optional<JsonNode> arguments) {

    static final int MAX_MESSAGE_CHARS = 256 * 1024;
    static final int MAX_SESSION_CHARS = 128;

    static InvokeRequest parse(byte[] body) {
        JsonNode root = JsonBodies.object(body);
        var errors = new ArrayList<FieldError>();
        JsonNode message = root.get("message");
        if (message == null || !message.isTextual() || message.asText().isBlank()) {
            errors.add(new FieldError("message", "is required: the text to send to the agent"));
        } else if (message.asText().length() > MAX_MESSAGE_CHARS) {
            errors.add(
                    new FieldError(
                            "message", "must be at most " + MAX_MESSAGE_CHARS + " characters"));
        }
        Optional<String> protocol = Optional.empty();
        JsonNode p = root.get("protocol");
        if (p != null && !p.isNull()) {
            if (!p.isTextual() || !List.of("a2a", "mcp", "acp").contains(p.asText())) {
                errors.add(new FieldError("protocol", "must be one of a2a, mcp, acp"));
            } else {
                protocol = Optional.of(p.asText());
            }
        }
        JsonNode metadata = root.get("metadata");
        Optional<String> tool = Optional.empty();
        Optional<JsonNode> arguments = Optional.empty();
        if (metadata != null && !metadata.isNull()) {
            if (!metadata.isObject()) {
                errors.add(new FieldError("metadata", "must be an object"));
            } else {
                JsonNode t = metadata.get("tool");
                if (t != null && (!t.isTextual() || t.asText().isBlank())) {
                    errors.add(new FieldError("metadata.tool", "must be a tool or skill name"));
                } else if (t != null) {
                    tool = Optional.of(t.asText());
                }
                JsonNode a = metadata.get("arguments");
                if (a != null && !a.isObject()) {
                    errors.add(new FieldError("metadata.arguments", "must be an object"));
                } else if (a != null) {
                    arguments = Optional.of(a);
                }
            }
        } else {
            metadata = null;
        }
        JsonNode stream = root.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            errors.add(new FieldError("stream", "must be true or false"));
        }
        String session = UUID.randomUUID().toString();
        JsonNode s = root.get("session_id");
        if (s != null && !s.isNull()) {
            if (!s.isTextual()
                    || s.asText().isBlank()
                    || s.asText().length() > MAX_SESSION_CHARS
                    || !s.asText().matches("[\\x21-\\x7e]+")) {
                errors.add(
                        new FieldError(
                                "session_id",
                                "must be 1 to "
                                        + MAX_SESSION_CHARS
                                        + " visible ASCII characters (a UUID is best)"));
            } else {
                session = s.asText();
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new InvokeRequest(
                message.asText(),
                protocol,
                metadata,
                stream != null && stream.asBoolean(),
                session,
                tool,
                arguments);
    }

    /**
     * The conversation id: the session id itself when it is a UUID, else a UUID derived from it and
     * the caller, so two callers' equal session names never share a conversation.
     */
    UUID contextId(String callerKey) {
        try {
            return UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(
                    (callerKey + '\n' + sessionId).getBytes(StandardCharsets.UTF_8));
        }
    }

    CallRequest toCall(String callerKey) {
        var parts = new ArrayList<Part>();
        parts.add(new Part.Text(message));
        arguments.ifPresent(a -> parts.add(new Part.Data(a)));
        return new CallRequest(
                UUID.randomUUID(), contextId(callerKey), null, tool.orElse(null), parts, metadata);
    }
}
