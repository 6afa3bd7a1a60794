package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a tool call's arguments before the call counts against the caller's limit. Problems are
 * answered as tool errors ({@code isError}), as MCP 2025-11-25 asks for input validation, so the
 * model can correct itself.
 */
final class ToolArguments {
    private static final Set<String> MESSAGE_FIELDS = Set.of("message", "contextId", "taskId");

    private ToolArguments() {}

    /** A message agent's arguments, read. */
    record Message(String text, Optional<UUID> contextId, Optional<UUID> taskId) {}

    /** Reads {@code message}, {@code contextId} and {@code taskId}; anything else is a problem. */
    static Message message(String tool, JsonNode arguments) {
        var problems = new ArrayList<String>();
        JsonNode message = arguments.get("message");
        if (message == null || message.isNull()) {
            problems.add("message is required (a string)");
        } else if (!message.isTextual()) {
            problems.add("message must be a string");
        } else if (message.asText().isBlank()) {
            problems.add("message must not be empty");
        }
        Optional<UUID> contextId = uuid(arguments, "contextId", problems);
        Optional<UUID> taskId = uuid(arguments, "taskId", problems);
        arguments
                .fieldNames()
                .forEachRemaining(
                        name -> {
                            if (!MESSAGE_FIELDS.contains(name)) {
                                problems.add(
                                        "unexpected field "
                                                + name
                                                + " (this tool takes message, contextId and"
                                                + " taskId)");
                            }
                        });
        if (!problems.isEmpty()) {
            throw new Invalid(tool, problems);
        }
        return new Message(message.asText(), contextId, taskId);
    }

    /**
     * Checks what a JSON Schema's root says of the arguments: the required fields, the type of each
     * declared field given, and no others when {@code additionalProperties} is false. Deeper rules
     * are the agent's to check.
     */
    static void check(String tool, JsonNode schema, JsonNode arguments) {
        var problems = new ArrayList<String>();
        for (JsonNode name : schema.path("required")) {
            JsonNode value = arguments.get(name.asText());
            if (value == null || value.isNull()) {
                problems.add(name.asText() + " is required");
            }
        }
        schema.path("properties")
                .properties()
                .forEach(
                        field -> {
                            JsonNode value = arguments.get(field.getKey());
                            JsonNode type = field.getValue().path("type");
                            if (value != null
                                    && !value.isNull()
                                    && type.isTextual()
                                    && !fits(value, type.asText())) {
                                problems.add(field.getKey() + " must be " + article(type.asText()));
                            }
                        });
        JsonNode declared = schema.path("properties");
        if (schema.path("additionalProperties").isBoolean()
                && !schema.get("additionalProperties").asBoolean()) {
            arguments
                    .fieldNames()
                    .forEachRemaining(
                            name -> {
                                if (!declared.has(name)) {
                                    problems.add("unexpected field " + name);
                                }
                            });
        }
        if (!problems.isEmpty()) {
            throw new Invalid(tool, problems);
        }
    }

    /** Arguments that do not fit the tool; the message says every problem found. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String tool, List<String> problems) {
            super(
                    "Invalid arguments for tool " + tool + ": " + String.join("; ", problems),
                    null,
                    false,
                    false);
        }
    }

    private static Optional<UUID> uuid(JsonNode arguments, String field, List<String> problems) {
        JsonNode value = arguments.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return Optional.empty();
        }
        Optional<UUID> parsed =
                value.isTextual() ? McpSessions.parse(value.asText()) : Optional.empty();
        if (parsed.isEmpty()) {
            problems.add(field + " must be a UUID string");
        }
        return parsed;
    }

    private static boolean fits(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" ->
                    value.isIntegralNumber()
                            || (value.isNumber()
                                    && value.asDouble() == Math.rint(value.asDouble()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
    }

    private static String article(String type) {
        return (type.equals("integer") || type.equals("object") || type.equals("array")
                        ? "an "
                        : "a ")
                + type;
    }
}
