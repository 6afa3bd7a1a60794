package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.shared.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A2A 1.0 and 0.3 messages, parts, tasks and states to and from the neutral envelope. */
final class A2aTranslator {
    private A2aTranslator() {}

    // ---------------------------------------------------------------- requests

    /** {@code SendMessage} / {@code message/send} params: the message, and blocking in 0.3. */
    static ObjectNode sendParams(CallRequest request, Skill skill, A2aVersion version) {
        var params = Json.mapper().createObjectNode();
        params.set("message", message(request, skill, version));
        var configuration = params.putObject("configuration");
        if (version == A2aVersion.V0_3) {
            configuration.put("blocking", true); // 1.0 blocks unless returnImmediately is set
        }
        return params;
    }

    static ObjectNode message(CallRequest request, Skill skill, A2aVersion version) {
        var message = Json.mapper().createObjectNode();
        if (version == A2aVersion.V0_3) {
            message.put("kind", "message");
        }
        message.put("messageId", request.callId().toString());
        if (request.remoteTaskId() != null) {
            // The task has its context already; a different one is refused (a2a-js: -32602).
            message.put("taskId", request.remoteTaskId());
        } else {
            message.put("contextId", request.contextId().toString());
        }
        message.put("role", version == A2aVersion.V1_0 ? "ROLE_USER" : "user");
        var parts = message.putArray("parts");
        request.parts().forEach(part -> parts.add(part(part, version)));
        var metadata = Json.mapper().createObjectNode();
        if (request.metadata() != null && request.metadata().isObject()) {
            metadata.setAll((ObjectNode) request.metadata().deepCopy());
        }
        if (skill != null) {
            // A2A has no skill selector; agents that care read these, others ignore them.
            metadata.put("tool", skill.name());
            metadata.put("skill", skill.name());
        }
        if (!metadata.isEmpty()) {
            message.set("metadata", metadata);
        }
        return message;
    }

    static ObjectNode part(Part part, A2aVersion version) {
        var node = Json.mapper().createObjectNode();
        if (version == A2aVersion.V1_0) {
            switch (part) {
                case Part.Text text -> node.put("text", text.text());
                case Part.Data data -> node.set("data", data.value());
                case Part.FileUrl file -> {
                    node.put("url", file.url());
                    putIfSet(node, "mediaType", file.mediaType());
                    putIfSet(node, "filename", file.name());
                }
                case Part.FileBytes file -> {
                    node.put("raw", file.base64());
                    putIfSet(node, "mediaType", file.mediaType());
                    putIfSet(node, "filename", file.name());
                }
            }
            return node;
        }
        switch (part) {
            case Part.Text text -> node.put("kind", "text").put("text", text.text());
            case Part.Data data -> node.put("kind", "data").set("data", data.value());
            case Part.FileUrl file -> {
                var content = node.put("kind", "file").putObject("file").put("uri", file.url());
                putIfSet(content, "mimeType", file.mediaType());
                putIfSet(content, "name", file.name());
            }
            case Part.FileBytes file -> {
                var content =
                        node.put("kind", "file").putObject("file").put("bytes", file.base64());
                putIfSet(content, "mimeType", file.mediaType());
                putIfSet(content, "name", file.name());
            }
        }
        return node;
    }

    // ---------------------------------------------------------------- answers

    /**
     * A part the agent sent. A part of no known shape is kept whole as data, so nothing the agent
     * said is lost.
     */
    static Part part(JsonNode node, A2aVersion version) {
        if (node == null || !node.isObject()) {
            throw new BadWire("a part is not an object");
        }
        if (version == A2aVersion.V0_3 || node.has("kind")) {
            switch (node.path("kind").asText("")) {
                case "text" -> {
                    return new Part.Text(node.path("text").asText(""));
                }
                case "data" -> {
                    return new Part.Data(node.path("data"));
                }
                case "file" -> {
                    JsonNode file = node.path("file");
                    String type = text(file, "mimeType");
                    String name = text(file, "name");
                    if (file.hasNonNull("uri")) {
                        return new Part.FileUrl(file.get("uri").asText(), type, name);
                    }
                    if (file.hasNonNull("bytes")) {
                        return new Part.FileBytes(file.get("bytes").asText(), type, name);
                    }
                    throw new BadWire("a file part has neither uri nor bytes");
                }
                default -> {
                    return new Part.Data(node);
                }
            }
        }
        String type = text(node, "mediaType");
        String name = text(node, "filename");
        if (node.has("text")) {
            return new Part.Text(node.get("text").asText(""));
        }
        if (node.has("data")) {
            return new Part.Data(node.get("data"));
        }
        if (node.hasNonNull("url")) {
            return new Part.FileUrl(node.get("url").asText(), type, name);
        }
        if (node.hasNonNull("raw")) {
            return new Part.FileBytes(node.get("raw").asText(), type, name);
        }
        return new Part.Data(node);
    }

    static List<Part> parts(JsonNode parts, A2aVersion version) {
        var out = new ArrayList<Part>();
        if (parts != null && parts.isArray()) {
            parts.forEach(part -> out.add(part(part, version)));
        }
        return out;
    }

    static Artifact artifact(JsonNode node, A2aVersion version) {
        if (node == null || !node.isObject()) {
            throw new BadWire("an artifact is not an object");
        }
        String id = text(node, "artifactId");
        return new Artifact(
                id == null ? UUID.randomUUID().toString() : id,
                text(node, "name"),
                parts(node.get("parts"), version));
    }

    /** A task state in either generation's spelling. */
    static Optional<CallState> state(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        String name =
                wire.startsWith("TASK_STATE_")
                        ? wire.substring("TASK_STATE_".length())
                        : wire.toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (name) {
            case "SUBMITTED" -> Optional.of(CallState.SUBMITTED);
            case "WORKING" -> Optional.of(CallState.WORKING);
            case "INPUT_REQUIRED" -> Optional.of(CallState.INPUT_REQUIRED);
            case "AUTH_REQUIRED" -> Optional.of(CallState.AUTH_REQUIRED);
            case "COMPLETED" -> Optional.of(CallState.COMPLETED);
            case "FAILED" -> Optional.of(CallState.FAILED);
            case "CANCELED", "CANCELLED" -> Optional.of(CallState.CANCELED);
            case "REJECTED" -> Optional.of(CallState.REJECTED);
            default -> Optional.empty();
        };
    }

    static String state(CallState state, A2aVersion version) {
        return version == A2aVersion.V1_0
                ? "TASK_STATE_" + state.name()
                : state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What a blocking send returned: a task, or a bare message (one artifact, completed). */
    static CallResult result(JsonNode result, A2aVersion version) {
        return switch (payload(result, version)) {
            case Payload.Task(JsonNode task) -> task(task, version);
            case Payload.Message(JsonNode message) -> message(message, version);
            case Payload.StatusUpdate _, Payload.ArtifactUpdate _ ->
                    throw new BadWire("a send answered an update instead of a task or message");
        };
    }

    static CallResult task(JsonNode task, A2aVersion version) {
        String id = text(task, "id");
        if (id == null) {
            throw new BadWire("the task has no id");
        }
        CallState state = taskState(task.path("status"));
        List<Part> said = parts(task.path("status").path("message").get("parts"), version);
        var artifacts = new ArrayList<Artifact>();
        task.path("artifacts").forEach(artifact -> artifacts.add(artifact(artifact, version)));
        return new CallResult(state, artifacts, said, id, error(state, said));
    }

    static CallResult message(JsonNode message, A2aVersion version) {
        String id = text(message, "messageId");
        String taskId = text(message, "taskId");
        var artifact =
                new Artifact(
                        id == null ? UUID.randomUUID().toString() : id,
                        null,
                        parts(message.get("parts"), version));
        return new CallResult(
                CallState.COMPLETED,
                List.of(artifact),
                List.of(),
                taskId == null || taskId.isEmpty() ? null : taskId,
                null);
    }

    static CallState taskState(JsonNode status) {
        String wire = text(status, "state");
        return state(wire)
                .orElseThrow(() -> new BadWire("the task state " + wire + " is not A2A's"));
    }

    /** The error a failed or rejected task carries: the agent's own words, if any. */
    static CallError error(CallState state, List<Part> said) {
        if (state != CallState.FAILED && state != CallState.REJECTED) {
            return null;
        }
        String text = Part.text(said);
        return new CallError(
                Kind.AGENT_ERROR,
                text.isBlank()
                        ? "the agent's task " + state.name().toLowerCase(Locale.ROOT)
                        : text);
    }

    /** A JSON-RPC error from an A2A agent. */
    static CallError error(int code, String message) {
        return new CallError(
                code == -32001 ? Kind.UNKNOWN_TASK : Kind.AGENT_ERROR, message + " (" + code + ")");
    }

    // ---------------------------------------------------------------- stream results

    /** One result of a send or of a stream event, whichever generation spelled it. */
    sealed interface Payload {
        record Task(JsonNode task) implements Payload {}

        record Message(JsonNode message) implements Payload {}

        record StatusUpdate(JsonNode update) implements Payload {}

        record ArtifactUpdate(JsonNode update) implements Payload {}
    }

    static Payload payload(JsonNode result, A2aVersion version) {
        if (result == null || !result.isObject()) {
            throw new BadWire("the result is not an object");
        }
        if (result.has("kind")) {
            return switch (result.get("kind").asText()) {
                case "task" -> new Payload.Task(result);
                case "message" -> new Payload.Message(result);
                case "status-update" -> new Payload.StatusUpdate(result);
                case "artifact-update" -> new Payload.ArtifactUpdate(result);
                default -> throw new BadWire("unknown result kind " + result.get("kind"));
            };
        }
        if (result.path("task").isObject()) {
            return new Payload.Task(result.get("task"));
        }
        if (result.path("message").isObject()) {
            return new Payload.Message(result.get("message"));
        }
        if (result.path("statusUpdate").isObject()) {
            return new Payload.StatusUpdate(result.get("statusUpdate"));
        }
        if (result.path("artifactUpdate").isObject()) {
            return new Payload.ArtifactUpdate(result.get("artifactUpdate"));
        }
        // A 0.3 agent that leaves out kind still sends a task's shape.
        if (version == A2aVersion.V0_3 && result.has("status") && result.has("id")) {
            return new Payload.Task(result);
        }
        if (version == A2aVersion.V0_3 && result.has("messageId")) {
            return new Payload.Message(result);
        }
        throw new BadWire("the result is neither a task nor a message");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
