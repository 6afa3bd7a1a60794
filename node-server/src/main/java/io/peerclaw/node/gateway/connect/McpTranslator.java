package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.shared.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** MCP tools, arguments and tool results to and from the neutral envelope (protocols.md §2.4). */
final class McpTranslator {
    /** How the TypeScript SDK reports a protocol error inside a tool result. */
    private static final Pattern SDK_ERROR =
            Pattern.compile("^MCP error (-?\\d+): (.*)$", Pattern.DOTALL);

    private static final Pattern UNKNOWN_TOOL =
            Pattern.compile("(?i)(unknown tool|tool .*not found|no such tool)");

    private McpTranslator() {}

    /** What the call sends as {@code arguments}, or why the message does not fit the tool. */
    sealed interface Arguments {
        record Fit(ObjectNode arguments) implements Arguments {}

        record Misfit(CallError error) implements Arguments {}
    }

    static Skill skill(JsonNode tool) {
        if (tool == null || !tool.path("name").isTextual() || tool.get("name").asText().isEmpty()) {
            throw new BadWire("a tool has no name");
        }
        String title = text(tool, "title");
        if (title == null) {
            title = text(tool.path("annotations"), "title");
        }
        JsonNode input = tool.get("inputSchema");
        JsonNode output = tool.get("outputSchema");
        return new Skill(
                tool.get("name").asText(),
                title,
                text(tool, "description"),
                List.of(),
                input != null && input.isObject()
                        ? input
                        : Json.mapper().createObjectNode().put("type", "object"),
                output != null && output.isObject() ? output : null);
    }

    /**
     * The tool's arguments: a JSON object part as given; else the text, when the schema leaves one
     * place for it (the one required string property, or the one string property when nothing is
     * required); else none needed when the tool takes nothing.
     */
    static Arguments arguments(List<Part> parts, Skill tool) {
        for (Part part : parts) {
            if (part instanceof Part.Data(JsonNode value) && value.isObject()) {
                return new Arguments.Fit(((ObjectNode) value).deepCopy());
            }
        }
        String text = Part.text(parts);
        JsonNode properties = tool.inputSchema().path("properties");
        var required = new ArrayList<String>();
        tool.inputSchema().path("required").forEach(name -> required.add(name.asText()));
        var strings = new ArrayList<String>();
        properties
                .properties()
                .forEach(
                        field -> {
                            if ("string".equals(field.getValue().path("type").asText())) {
                                strings.add(field.getKey());
                            }
                        });
        String slot = null;
        if (required.size() == 1 && strings.contains(required.getFirst())) {
            slot = required.getFirst();
        } else if (required.isEmpty() && strings.size() == 1) {
            slot = strings.getFirst();
        }
        if (slot != null) {
            var arguments = Json.mapper().createObjectNode();
            arguments.put(slot, text);
            return new Arguments.Fit(arguments);
        }
        if (required.isEmpty() && properties.isEmpty()) {
            return new Arguments.Fit(Json.mapper().createObjectNode());
        }
        var expected = new ArrayList<String>();
        properties.fieldNames().forEachRemaining(expected::add);
        return new Arguments.Misfit(
                new CallError(
                        Kind.BAD_ARGUMENTS,
                        "the tool "
                                + tool.name()
                                + " takes a JSON object with "
                                + (required.isEmpty()
                                        ? "the fields " + String.join(", ", expected)
                                        : "the required fields " + String.join(", ", required))
                                + "; send it as a data part"));
    }

    // ---------------------------------------------------------------- results

    /** A {@code tools/call} result: one artifact, or a failure with the tool's words. */
    static CallResult result(JsonNode result, String toolName, String artifactId) {
        if (result == null || !result.isObject()) {
            throw new BadWire("the tool result is not an object");
        }
        List<Part> parts = content(result.get("content"));
        if (result.path("isError").asBoolean(false)) {
            CallError error = toolError(Part.text(parts));
            return new CallResult(CallState.FAILED, List.of(), parts, null, error);
        }
        var all = new ArrayList<>(parts);
        JsonNode structured = result.get("structuredContent");
        if (structured != null && !structured.isNull()) {
            all.add(new Part.Data(structured));
        }
        return CallResult.completed(List.of(new Artifact(artifactId, toolName, all)), null);
    }

    static List<Part> content(JsonNode content) {
        var parts = new ArrayList<Part>();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (!content.isArray()) {
            throw new BadWire("the tool result's content is not a list");
        }
        content.forEach(block -> parts.add(part(block)));
        return parts;
    }

    static Part part(JsonNode block) {
        String type = block.path("type").asText("");
        return switch (type) {
            case "text" -> new Part.Text(block.path("text").asText(""));
            case "image", "audio" ->
                    new Part.FileBytes(required(block, "data"), text(block, "mimeType"), null);
            case "resource_link" ->
                    new Part.FileUrl(
                            required(block, "uri"), text(block, "mimeType"), text(block, "name"));
            case "resource" -> {
                JsonNode resource = block.path("resource");
                if (resource.has("text")) {
                    yield new Part.Text(resource.get("text").asText(""));
                }
                yield new Part.FileBytes(
                        required(resource, "blob"),
                        text(resource, "mimeType"),
                        text(resource, "uri"));
            }
            default -> throw new BadWire("unknown content type " + type);
        };
    }

    /** A neutral part as MCP content (for answers the gateway gives as a tool result). */
    static ObjectNode content(Part part) {
        var block = Json.mapper().createObjectNode();
        switch (part) {
            case Part.Text text -> block.put("type", "text").put("text", text.text());
            case Part.Data data -> block.put("type", "text").put("text", Json.text(data.value()));
            case Part.FileUrl file -> {
                block.put("type", "resource_link").put("uri", file.url());
                block.put("name", file.name() != null ? file.name() : file.url());
                if (file.mediaType() != null) {
                    block.put("mimeType", file.mediaType());
                }
            }
            case Part.FileBytes file -> {
                String type = file.mediaType() == null ? "" : file.mediaType();
                if (type.startsWith("image/") || type.startsWith("audio/")) {
                    block.put("type", type.substring(0, type.indexOf('/')));
                    block.put("data", file.base64()).put("mimeType", type);
                } else {
                    var resource = block.put("type", "resource").putObject("resource");
                    resource.put("uri", file.name() != null ? file.name() : "attachment:file");
                    if (file.mediaType() != null) {
                        resource.put("mimeType", file.mediaType());
                    }
                    resource.put("blob", file.base64());
                }
            }
        }
        return block;
    }

    /** A JSON-RPC error answering {@code tools/call}. */
    static CallError error(int code, String message) {
        if (code == -32602) {
            return new CallError(
                    UNKNOWN_TOOL.matcher(message).find() ? Kind.UNKNOWN_TOOL : Kind.BAD_ARGUMENTS,
                    message);
        }
        return new CallError(Kind.AGENT_ERROR, message + " (" + code + ")");
    }

    /**
     * A tool result with {@code isError}: the tool's own failure, unless the SDK put a protocol
     * error there (an unknown tool, arguments that failed validation).
     */
    static CallError toolError(String text) {
        var sdk = SDK_ERROR.matcher(text.strip());
        if (sdk.matches() && sdk.group(1).equals("-32602")) {
            return error(-32602, sdk.group(2));
        }
        return new CallError(
                Kind.AGENT_ERROR, text.isBlank() ? "the tool reported an error" : text);
    }

    /** The tool names, for a caller that must pick one. */
    static String names(List<Skill> tools) {
        return String.join(", ", tools.stream().map(Skill::name).sorted().toList());
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new BadWire("a content block lacks " + field.toLowerCase(Locale.ROOT));
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }
}
