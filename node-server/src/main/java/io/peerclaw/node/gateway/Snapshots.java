package io.peerclaw.node.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.shared.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's own JSON for what a task holds (parts, messages, artifacts), as stored in {@code
 * gateway_tasks.snapshot_json}. Not a wire format: front doors translate to their protocol.
 */
final class Snapshots {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Snapshots() {}

    record Content(
            List<HistoryMessage> history,
            List<Artifact> artifacts,
            List<Part> statusMessage,
            CallError error) {}

    static String write(Task task) {
        ObjectNode root = NODES.objectNode();
        ArrayNode history = root.putArray("history");
        for (HistoryMessage message : task.history()) {
            ObjectNode m = history.addObject();
            m.put("from_agent", message.fromAgent());
            m.put("message_id", message.messageId());
            m.set("parts", parts(message.parts()));
        }
        ArrayNode artifacts = root.putArray("artifacts");
        for (Artifact artifact : task.artifacts()) {
            ObjectNode a = artifacts.addObject();
            a.put("artifact_id", artifact.artifactId());
            if (artifact.name() != null) {
                a.put("name", artifact.name());
            }
            a.set("parts", parts(artifact.parts()));
        }
        root.set("status_message", parts(task.statusMessage()));
        if (task.error() != null) {
            ObjectNode e = root.putObject("error");
            e.put("kind", task.error().kind().name());
            e.put("message", task.error().message());
        }
        return Json.text(root);
    }

    static Content read(String json) {
        JsonNode root = Json.tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var history = new ArrayList<HistoryMessage>();
        for (JsonNode m : root.path("history")) {
            history.add(
                    new HistoryMessage(
                            m.path("from_agent").asBoolean(),
                            m.path("message_id").asText(),
                            parts(m.path("parts"))));
        }
        var artifacts = new ArrayList<Artifact>();
        for (JsonNode a : root.path("artifacts")) {
            artifacts.add(
                    new Artifact(
                            a.path("artifact_id").asText(),
                            a.hasNonNull("name") ? a.get("name").asText() : null,
                            parts(a.path("parts"))));
        }
        CallError error = null;
        if (root.hasNonNull("error")) {
            error =
                    new CallError(
                            CallError.Kind.valueOf(root.get("error").path("kind").asText()),
                            root.get("error").path("message").asText());
        }
        return new Content(history, artifacts, parts(root.path("status_message")), error);
    }

    static ArrayNode parts(List<Part> parts) {
        ArrayNode out = NODES.arrayNode();
        for (Part part : parts) {
            ObjectNode p = out.addObject();
            switch (part) {
                case Part.Text t -> p.put("type", "text").put("text", t.text());
                case Part.Data d -> {
                    p.put("type", "data");
                    p.set("value", d.value());
                }
                case Part.FileUrl f -> {
                    p.put("type", "file_url").put("url", f.url());
                    optional(p, f.mediaType(), f.name());
                }
                case Part.FileBytes f -> {
                    p.put("type", "file_bytes").put("base64", f.base64());
                    optional(p, f.mediaType(), f.name());
                }
            }
        }
        return out;
    }

    private static void optional(ObjectNode p, String mediaType, String name) {
        if (mediaType != null) {
            p.put("media_type", mediaType);
        }
        if (name != null) {
            p.put("name", name);
        }
    }

    static List<Part> parts(JsonNode array) {
        var out = new ArrayList<Part>();
        for (JsonNode p : array) {
            String mediaType = p.hasNonNull("media_type") ? p.get("media_type").asText() : null;
            String name = p.hasNonNull("name") ? p.get("name").asText() : null;
            out.add(
                    switch (p.path("type").asText()) {
                        case "data" -> new Part.Data(p.get("value"));
                        case "file_url" ->
                                new Part.FileUrl(p.path("url").asText(), mediaType, name);
                        case "file_bytes" ->
                                new Part.FileBytes(p.path("base64").asText(), mediaType, name);
                        default -> new Part.Text(p.path("text").asText());
                    });
        }
        return out;
    }
}
