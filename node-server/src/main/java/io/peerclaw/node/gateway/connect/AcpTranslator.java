package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.shared.json.Json;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** ACP 0.2 messages, parts, runs and statuses to and from the neutral envelope (§3, §4). */
final class AcpTranslator {
    static final int MAX_NAME_LENGTH = 63;

    private AcpTranslator() {}

    // ---------------------------------------------------------------- requests

    static ObjectNode message(List<Part> parts) {
        var message = Json.mapper().createObjectNode();
        message.put("role", "user");
        var wire = message.putArray("parts");
        parts.forEach(part -> wire.add(part(part)));
        return message;
    }

    static ObjectNode part(Part part) {
        var node = Json.mapper().createObjectNode();
        switch (part) {
            case Part.Text text ->
                    node.put("content_type", "text/plain").put("content", text.text());
            case Part.Data data ->
                    node.put("content_type", "application/json")
                            .put("content", Json.text(data.value()));
            case Part.FileUrl file -> {
                node.put("content_type", mediaType(file.mediaType()));
                node.put("content_url", file.url());
                if (file.name() != null) {
                    node.put("name", file.name());
                }
            }
            case Part.FileBytes file -> {
                node.put("content_type", mediaType(file.mediaType()));
                node.put("content", file.base64());
                node.put("content_encoding", "base64");
                if (file.name() != null) {
                    node.put("name", file.name());
                }
            }
        }
        return node;
    }

    /**
     * An agent name as ACP allows it (an RFC 1123 label): lowercase letters, digits and inner
     * hyphens, at most 63 characters.
     */
    static String agentName(String text) {
        String folded =
                Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}+", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("^-+|-+$", "");
        if (folded.length() > MAX_NAME_LENGTH) {
            folded = folded.substring(0, MAX_NAME_LENGTH).replaceAll("-+$", "");
        }
        return folded.isEmpty() ? "agent" : folded;
    }

    // ---------------------------------------------------------------- answers

    static Part part(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new BadWire("a message part is not an object");
        }
        String type = node.path("content_type").asText("text/plain");
        String name = text(node, "name");
        if (node.hasNonNull("content_url")) {
            return new Part.FileUrl(node.get("content_url").asText(), type, name);
        }
        String content = node.path("content").asText("");
        if ("base64".equals(node.path("content_encoding").asText("plain"))) {
            return new Part.FileBytes(content, type, name);
        }
        String bare = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (bare.equals("application/json") || bare.endsWith("+json")) {
            Optional<JsonNode> value = AgentHttp.json(content);
            if (value.isPresent()) {
                return new Part.Data(value.get());
            }
        }
        return new Part.Text(content);
    }

    static List<Part> parts(JsonNode message) {
        var parts = new ArrayList<Part>();
        message.path("parts").forEach(part -> parts.add(part(part)));
        return parts;
    }

    static Optional<CallState> state(String status) {
        return switch (status == null ? "" : status) {
            case "created" -> Optional.of(CallState.SUBMITTED);
            // Cancelling is still under way; only cancelled is over.
            case "in-progress", "cancelling" -> Optional.of(CallState.WORKING);
            case "awaiting" -> Optional.of(CallState.INPUT_REQUIRED);
            case "completed" -> Optional.of(CallState.COMPLETED);
            case "failed" -> Optional.of(CallState.FAILED);
            case "cancelled" -> Optional.of(CallState.CANCELED);
            default -> Optional.empty();
        };
    }

    static String status(CallState state) {
        return switch (state) {
            case SUBMITTED -> "created";
            case WORKING -> "in-progress";
            case INPUT_REQUIRED, AUTH_REQUIRED -> "awaiting";
            case COMPLETED -> "completed";
            case FAILED, REJECTED -> "failed";
            case CANCELED -> "cancelled";
        };
    }

    static String runId(JsonNode run) {
        String id = text(run, "run_id");
        if (id == null || id.isEmpty()) {
            throw new BadWire("the run has no run_id");
        }
        return id;
    }

    static CallState runState(JsonNode run) {
        String status = text(run, "status");
        return state(status)
                .orElseThrow(() -> new BadWire("the run status " + status + " is not ACP's"));
    }

    /** A run as it stands: state, output as artifacts, the question or the failure. */
    static CallResult result(JsonNode run) {
        if (run == null || !run.isObject()) {
            throw new BadWire("the run is not an object");
        }
        String runId = runId(run);
        CallState state = runState(run);
        List<Part> said = statusMessage(run, state);
        var artifacts = new ArrayList<Artifact>();
        JsonNode output = run.path("output");
        for (int i = 0; i < output.size(); i++) {
            artifacts.addAll(artifacts(runId, i, output.get(i)));
        }
        CallError error =
                state == CallState.FAILED
                        ? new CallError(
                                Kind.AGENT_ERROR,
                                said.isEmpty() ? "the agent's run failed" : Part.text(said))
                        : null;
        return new CallResult(state, artifacts, said, runId, error);
    }

    /**
     * Output message {@code index} as artifacts: its unnamed parts together, each named part (ACP's
     * artifact) on its own. Ids are derived from the run, so stream chunks and the final result
     * agree.
     */
    static List<Artifact> artifacts(String runId, int index, JsonNode message) {
        var artifacts = new ArrayList<Artifact>();
        var unnamed = new ArrayList<Part>();
        for (JsonNode wire : message.path("parts")) {
            Part part = part(wire);
            String name = text(wire, "name");
            if (name == null || name.isEmpty()) {
                unnamed.add(part);
            } else {
                artifacts.add(new Artifact(artifactId(runId, index, name), name, List.of(part)));
            }
        }
        if (!unnamed.isEmpty()) {
            artifacts.addFirst(new Artifact(artifactId(runId, index, null), null, unnamed));
        }
        return artifacts;
    }

    static String artifactId(String runId, int index, String name) {
        return runId + "/" + index + (name == null ? "" : "/" + name);
    }

    /** The question of an awaiting run, the reason of a failed one. */
    static List<Part> statusMessage(JsonNode run, CallState state) {
        if (state == CallState.INPUT_REQUIRED) {
            return parts(run.path("await_request").path("message"));
        }
        if (state == CallState.FAILED && run.path("error").hasNonNull("message")) {
            return List.of(new Part.Text(run.path("error").get("message").asText()));
        }
        return List.of();
    }

    /**
     * A non-2xx answer ({@code {code, message}}): a run or agent the server does not know, input it
     * refused, or its own failure.
     */
    static CallError error(int status, JsonNode body, boolean resuming) {
        String code = body == null ? "" : body.path("code").asText("");
        String message =
                body != null && body.hasNonNull("message")
                        ? body.get("message").asText()
                        : "the agent answered HTTP " + status;
        if (code.equals("not_found") || (code.isEmpty() && status == 404)) {
            return new CallError(resuming ? Kind.UNKNOWN_TASK : Kind.UNKNOWN_TOOL, message);
        }
        if (code.equals("invalid_input") || (code.isEmpty() && (status == 400 || status == 422))) {
            return new CallError(Kind.BAD_ARGUMENTS, message);
        }
        if (code.equals("server_error")) {
            return new CallError(Kind.AGENT_ERROR, message);
        }
        return new CallError(Kind.BAD_RESPONSE, message);
    }

    private static String mediaType(String mediaType) {
        return mediaType == null ? "application/octet-stream" : mediaType;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }
}
