package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.HistoryMessage;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Task;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One generation of A2A's JSON, both ways: requests in, tasks, messages and stream events out. The
 * shapes the two generations share live here; {@link WireV1} and {@link WireV03} say how parts,
 * states, roles and result envelopes differ. Pure functions: no clock, no gateway.
 */
abstract sealed class Wire permits WireV1, WireV03 {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Milliseconds and a {@code Z}, as the A2A clients' validators expect. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static Wire of(A2aVersion version) {
        return switch (version) {
            case V1_0 -> WireV1.INSTANCE;
            case V0_3 -> WireV03.INSTANCE;
        };
    }

    abstract A2aVersion version();

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    // ------------------------------------------------------------------ what differs

    /** A part of the caller's message; {@code path} names it in errors. */
    abstract Part part(JsonNode part, String path);

    abstract ObjectNode part(Part part);

    abstract String state(CallState state);

    /** The role of a message: the caller's or the agent's. */
    abstract String role(boolean fromAgent);

    /** Adds the 0.3 {@code kind} discriminator; nothing in 1.0. */
    abstract void kind(ObjectNode node, String kind);

    /** The configuration asks to be answered at once, before the task settles. */
    abstract boolean returnImmediately(JsonNode configuration);

    /** The name of an inline push-notification config in the configuration. */
    abstract String inlinePushConfig();

    /**
     * A result or stream event holding {@code object}: 1.0 wraps it in the name of what it holds
     * ({@code {"task":…}}), 0.3 sends it bare.
     */
    abstract ObjectNode wrapped(ObjectNode object, String member);

    /** Marks the status update a stream ends with: 0.3 says so with {@code final}, 1.0 does not. */
    abstract void markLast(ObjectNode update, boolean last);

    /**
     * A boolean member: 1.0 (ProtoJSON) leaves it out at its default (false), 0.3 always has it.
     */
    abstract void flag(ObjectNode node, String member, boolean value);

    /** SendMessage's result for a task. */
    final JsonNode sendResult(ObjectNode task) {
        return wrapped(task, "task");
    }

    /** SendMessage's result for a message. */
    final JsonNode sendResultMessage(ObjectNode message) {
        return wrapped(message, "message");
    }

    /** A stream's first event, the task. */
    final ObjectNode streamTask(ObjectNode task) {
        return wrapped(task, "task");
    }

    /** A stream's single event when the answer is a message. */
    final ObjectNode streamMessage(ObjectNode message) {
        return wrapped(message, "message");
    }

    /**
     * A status change as a stream event.
     *
     * @param last the stream ends with it
     */
    final ObjectNode statusUpdate(
            UUID taskId,
            UUID contextId,
            CallState state,
            List<Part> message,
            Instant at,
            boolean last) {
        ObjectNode update = NODES.objectNode();
        kind(update, "status-update");
        update.put("taskId", taskId.toString());
        update.put("contextId", contextId.toString());
        update.set("status", status(taskId, contextId, state, message, at));
        markLast(update, last);
        return wrapped(update, "statusUpdate");
    }

    final ObjectNode artifactUpdate(
            UUID taskId, UUID contextId, Artifact artifact, boolean append, boolean lastChunk) {
        ObjectNode update = NODES.objectNode();
        kind(update, "artifact-update");
        update.put("taskId", taskId.toString());
        update.put("contextId", contextId.toString());
        update.set("artifact", artifact(artifact));
        flag(update, "append", append);
        flag(update, "lastChunk", lastChunk);
        return wrapped(update, "artifactUpdate");
    }

    /**
     * A boolean of the send configuration, or {@code absent} when it is missing or null.
     *
     * @throws A2aException -32602 for anything but true and false
     */
    static boolean configurationFlag(JsonNode configuration, String member, boolean absent) {
        JsonNode value = configuration.get(member);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw invalid("configuration." + member + " must be true or false");
        }
        return value.asBoolean();
    }

    // ------------------------------------------------------------------ requests in

    /**
     * The message of SendMessage's params, checked: a {@code messageId}, the user's role, at least
     * one valid part.
     *
     * @throws A2aException -32602 naming what is wrong
     */
    IncomingMessage message(JsonNode params) {
        JsonNode message = params.get("message");
        if (message == null || !message.isObject()) {
            throw invalid("message is required");
        }
        String messageId = text(message, "message.messageId");
        if (messageId == null || messageId.isEmpty()) {
            throw invalid("message.messageId is required");
        }
        String role = text(message, "message.role");
        if (role == null || role.isEmpty()) {
            throw invalid("message.role is required");
        }
        if (!role.equals(role(false))) {
            throw invalid("message.role must be " + role(false));
        }
        JsonNode parts = message.get("parts");
        if (parts == null || !parts.isArray()) {
            throw invalid("message.parts is required");
        }
        if (parts.isEmpty()) {
            throw invalid("message.parts must not be empty");
        }
        var out = new ArrayList<Part>();
        for (int i = 0; i < parts.size(); i++) {
            String path = "message.parts[" + i + "]";
            JsonNode part = parts.get(i);
            if (!part.isObject()) {
                throw invalid(path + " must be an object");
            }
            out.add(part(part, path));
        }
        return new IncomingMessage(
                messageId,
                out,
                Optional.ofNullable(text(message, "message.contextId")).filter(s -> !s.isEmpty()),
                Optional.ofNullable(text(message, "message.taskId")).filter(s -> !s.isEmpty()),
                object(message, "message.metadata"),
                object(params, "metadata"));
    }

    /** SendMessage's {@code configuration}, or an empty object. */
    static JsonNode configuration(JsonNode params) {
        JsonNode configuration = params.get("configuration");
        if (configuration == null || configuration.isNull()) {
            return NODES.objectNode();
        }
        if (!configuration.isObject()) {
            throw invalid("configuration must be an object");
        }
        return configuration;
    }

    /**
     * How many of the latest history messages to show: empty for all (the field is absent), 0 for
     * none.
     */
    static OptionalInt historyLength(JsonNode node, String path) {
        JsonNode value = node.get("historyLength");
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw invalid(path + " must be a whole number of at least 0");
        }
        return OptionalInt.of(value.asInt());
    }

    /** A string member, null when absent or null; -32602 when it is there but not a string. */
    static String text(JsonNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(path + " must be a string");
        }
        return value.asText();
    }

    static JsonNode object(JsonNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(path + " must be an object");
        }
        return value;
    }

    /** Base64 as A2A carries bytes; the URL-safe alphabet is accepted too. */
    static String base64(String value, String path) {
        try {
            if (value.indexOf('-') >= 0 || value.indexOf('_') >= 0) {
                Base64.getUrlDecoder().decode(value);
            } else {
                Base64.getDecoder().decode(value);
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw invalid(path + " is not base64");
        }
    }

    static A2aException invalid(String detail) {
        return new A2aException(A2aError.invalidParams(detail));
    }

    // ------------------------------------------------------------------ answers out

    /**
     * A task as A2A shows it.
     *
     * @param historyLength the latest messages to include (empty: all; 0: none)
     * @param includeArtifacts false leaves them out (ListTasks without {@code includeArtifacts})
     */
    ObjectNode task(Task task, OptionalInt historyLength, boolean includeArtifacts) {
        ObjectNode out = NODES.objectNode();
        kind(out, "task");
        out.put("id", task.id().toString());
        out.put("contextId", task.contextId().toString());
        out.set(
                "status",
                status(
                        task.id(),
                        task.contextId(),
                        task.state(),
                        task.statusMessage(),
                        task.updatedAt()));
        if (includeArtifacts && !task.artifacts().isEmpty()) {
            ArrayNode artifacts = out.putArray("artifacts");
            task.artifacts().forEach(a -> artifacts.add(artifact(a)));
        }
        List<HistoryMessage> history = task.history();
        if (historyLength.isPresent()) {
            int keep = Math.min(historyLength.getAsInt(), history.size());
            history = history.subList(history.size() - keep, history.size());
        }
        if (!history.isEmpty()) {
            ArrayNode messages = out.putArray("history");
            for (HistoryMessage m : history) {
                messages.add(
                        message(
                                m.messageId(),
                                m.fromAgent(),
                                m.parts(),
                                task.id(),
                                task.contextId()));
            }
        }
        return out;
    }

    /** {@code {state, message?, timestamp}}; the message is the agent's words with the state. */
    ObjectNode status(
            UUID taskId, UUID contextId, CallState state, List<Part> message, Instant at) {
        ObjectNode status = NODES.objectNode();
        status.put("state", state(state));
        if (!message.isEmpty()) {
            // Stable across reads of the same status: derived from the task and the moment.
            String id =
                    UUID.nameUUIDFromBytes(
                                    (taskId + "/status/" + at.toEpochMilli())
                                            .getBytes(StandardCharsets.UTF_8))
                            .toString();
            status.set("message", message(id, true, message, taskId, contextId));
        }
        status.put("timestamp", timestamp(at));
        return status;
    }

    ObjectNode message(
            String messageId, boolean fromAgent, List<Part> parts, UUID taskId, UUID contextId) {
        ObjectNode out = NODES.objectNode();
        kind(out, "message");
        out.put("messageId", messageId);
        if (contextId != null) {
            out.put("contextId", contextId.toString());
        }
        if (taskId != null) {
            out.put("taskId", taskId.toString());
        }
        out.put("role", role(fromAgent));
        ArrayNode array = out.putArray("parts");
        parts.forEach(p -> array.add(part(p)));
        return out;
    }

    ObjectNode artifact(Artifact artifact) {
        ObjectNode out = NODES.objectNode();
        out.put("artifactId", artifact.artifactId());
        if (artifact.name() != null) {
            out.put("name", artifact.name());
        }
        ArrayNode parts = out.putArray("parts");
        artifact.parts().forEach(p -> parts.add(part(p)));
        return out;
    }
}
