package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One MCP server as a caller sees it for one request: an agent at {@code /mcp/{agent_id}}, or the
 * node itself at {@code /mcp}. Method routing and the shared answers live in {@link
 * #handle(McpMessages.Message.Request, ToolCalls.Exchange)}.
 */
sealed interface McpEndpoint permits AgentEndpoint, GatewayEndpoint {
    JsonNodeFactory NODES = JsonNodeFactory.instance;
    List<String> LOG_LEVELS =
            List.of(
                    "debug",
                    "info",
                    "notice",
                    "warning",
                    "error",
                    "critical",
                    "alert",
                    "emergency");

    /** {@code serverInfo} of the initialize result: name, title, version. */
    ObjectNode serverInfo();

    String instructions();

    ObjectNode listTools(Optional<String> cursor);

    ObjectNode callTool(String name, ObjectNode arguments, ToolCalls.Exchange exchange);

    ObjectNode listResources(Optional<String> cursor);

    ObjectNode listResourceTemplates();

    ObjectNode readResource(String uri);

    /** What the server offers: tools, resources and prompts that do not change, and logging. */
    default ObjectNode capabilities() {
        ObjectNode capabilities = NODES.objectNode();
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("resources").put("subscribe", false).put("listChanged", false);
        capabilities.putObject("prompts").put("listChanged", false);
        capabilities.putObject("logging");
        return capabilities;
    }

    /**
     * Answers a request other than {@code initialize}.
     *
     * @throws McpError the JSON-RPC error to answer with
     */
    default JsonNode handle(McpMessages.Message.Request request, ToolCalls.Exchange exchange) {
        JsonNode params = request.params();
        return switch (request.method()) {
            case "ping" -> NODES.objectNode();
            case "tools/list" -> listTools(cursor(params));
            case "tools/call" -> {
                String name = requiredText(params, "name");
                JsonNode arguments = params.get("arguments");
                if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                    throw McpError.invalidParams("arguments must be an object");
                }
                yield callTool(
                        name,
                        arguments instanceof ObjectNode given ? given : NODES.objectNode(),
                        exchange);
            }
            case "resources/list" -> listResources(cursor(params));
            case "resources/templates/list" -> {
                cursor(params);
                yield listResourceTemplates();
            }
            case "resources/read" -> readResource(requiredText(params, "uri"));
            case "prompts/list" -> {
                cursor(params);
                ObjectNode prompts = NODES.objectNode();
                prompts.putArray("prompts");
                yield prompts;
            }
            case "prompts/get" ->
                    throw McpError.invalidParams("Unknown prompt: " + requiredText(params, "name"));
            case "logging/setLevel" -> {
                String level = requiredText(params, "level");
                if (!LOG_LEVELS.contains(level)) {
                    throw McpError.invalidParams(
                            "level must be one of " + String.join(", ", LOG_LEVELS));
                }
                // Accepted; this server sends no log notifications to filter.
                yield NODES.objectNode();
            }
            default ->
                    throw new McpError(
                            McpError.METHOD_NOT_FOUND, "Method not found: " + request.method());
        };
    }

    /** {@code params.cursor}, absent or a string. */
    static Optional<String> cursor(JsonNode params) {
        JsonNode cursor = params.get("cursor");
        if (cursor == null || cursor.isNull()) {
            return Optional.empty();
        }
        if (!cursor.isTextual()) {
            throw McpError.invalidParams("cursor must be a string");
        }
        return Optional.of(cursor.asText());
    }

    static String requiredText(JsonNode params, String field) {
        JsonNode value = params.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw McpError.invalidParams(field + " is required (a string)");
        }
        return value.asText();
    }

    /** An opaque cursor for a position in a list this server pages itself. */
    static String offsetCursor(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor of {@link #offsetCursor} names; -32602 for any other cursor. */
    static int offset(Optional<String> cursor) {
        if (cursor.isEmpty()) {
            return 0;
        }
        try {
            String raw =
                    new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
            if (raw.startsWith("o:")) {
                int offset = Integer.parseInt(raw.substring(2));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw McpError.invalidParams("Invalid cursor: " + cursor.get());
    }
}
