package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.shared.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tools and tool results in MCP's terms (protocols.md §2.4, §4.3): a skill as a {@code Tool}, a
 * task as a {@code CallToolResult}. Pure functions.
 *
 * <ul>
 *   <li>Completed: the artifacts as content; data the agent returned as {@code structuredContent}
 *       (an MCP agent's own structured content passes through unchanged, other agents' data also
 *       appears as JSON text, as MCP asks for compatibility).
 *   <li>Failed, rejected, canceled: {@code isError} with the agent's words or the reason.
 *   <li>Waiting for input: the agent's question, and {@code structuredContent} {@code {taskId,
 *       contextId, state: "input-required"}}: calling the tool again with that {@code taskId}
 *       answers it.
 *   <li>Still running when the wait ends: a text saying so and {@code {taskId, contextId, state:
 *       "working"}}; the call goes on and the task can be read later.
 * </ul>
 *
 * A tool with an {@code outputSchema} must return matching {@code structuredContent} unless it
 * reports an error (the SDK client checks), so for such tools those last two answers are marked
 * {@code isError} and carry no structured content. Every result's {@code _meta} names the task.
 */
final class ToolResults {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String META_PREFIX = "peerclaw.io/";

    private ToolResults() {}

    /** How to present one tool's results. */
    record Shape(boolean nativeMcp, boolean outputSchema, String agentName, String getTaskHint) {}

    // ---------------------------------------------------------------- tools

    /**
     * A skill as an MCP tool. An agent that takes messages (A2A, ACP) gets {@code message} plus the
     * optional {@code contextId} (continue a conversation) and {@code taskId} (answer a question
     * the agent asked).
     */
    static ObjectNode tool(Skill skill, boolean messageAgent) {
        ObjectNode tool = NODES.objectNode();
        tool.put("name", skill.name());
        if (skill.title() != null && !skill.title().isBlank()) {
            tool.put("title", skill.title());
        }
        if (!skill.description().isBlank()) {
            tool.put("description", skill.description());
        }
        tool.set(
                "inputSchema",
                messageAgent
                        ? messageSchema(skill.inputSchema())
                        : objectSchema(skill.inputSchema()));
        if (skill.outputSchema() != null && skill.outputSchema().isObject()) {
            tool.set("outputSchema", objectSchema(skill.outputSchema()));
        }
        return tool;
    }

    /** The schema of a message agent's tool: the given one with the conversation fields added. */
    static ObjectNode messageSchema(JsonNode given) {
        ObjectNode schema = objectSchema(given);
        ObjectNode properties =
                schema.get("properties") instanceof ObjectNode p
                        ? p
                        : schema.putObject("properties");
        if (!properties.has("message")) {
            properties
                    .putObject("message")
                    .put("type", "string")
                    .put("description", "What to ask the agent");
        }
        properties
                .putObject("contextId")
                .put("type", "string")
                .put(
                        "description",
                        "Continue a conversation: the contextId of an earlier answer (a UUID)");
        properties
                .putObject("taskId")
                .put("type", "string")
                .put(
                        "description",
                        "Answer the agent's question: the taskId of an answer whose state was"
                                + " input-required (a UUID)");
        ArrayNode required = NODES.arrayNode().add("message");
        schema.set("required", required);
        return schema;
    }

    /** A copy whose root is {@code "type": "object"}, which MCP clients insist on. */
    private static ObjectNode objectSchema(JsonNode given) {
        ObjectNode schema =
                given != null && given.isObject()
                        ? ((ObjectNode) given).deepCopy()
                        : NODES.objectNode();
        schema.put("type", "object");
        return schema;
    }

    // ---------------------------------------------------------------- results

    static ObjectNode result(Task task, Shape shape) {
        ObjectNode result =
                switch (task.state()) {
                    case COMPLETED -> completed(task, shape);
                    case INPUT_REQUIRED, AUTH_REQUIRED -> interrupted(task, shape);
                    case FAILED, REJECTED, CANCELED -> failed(task);
                    case SUBMITTED, WORKING -> working(task, shape);
                };
        ObjectNode meta = result.putObject("_meta");
        meta.put(META_PREFIX + "taskId", task.id().toString());
        meta.put(META_PREFIX + "contextId", task.contextId().toString());
        meta.put(META_PREFIX + "state", wire(task.state()));
        return result;
    }

    /** A tool error the gateway reports itself (bad arguments, refusals): text and isError. */
    static ObjectNode error(String text) {
        ObjectNode result = NODES.objectNode();
        result.putArray("content").add(text(text));
        result.put("isError", true);
        return result;
    }

    /** A successful answer of the gateway's own tools: text and structured content. */
    static ObjectNode answer(String text, JsonNode structured) {
        ObjectNode result = NODES.objectNode();
        result.putArray("content").add(text(text));
        if (structured != null && structured.isObject()) {
            result.set("structuredContent", structured);
        }
        result.put("isError", false);
        return result;
    }

    private static ObjectNode completed(Task task, Shape shape) {
        ObjectNode result = NODES.objectNode();
        ArrayNode content = result.putArray("content");
        var data = new ArrayList<JsonNode>();
        for (Artifact artifact : task.artifacts()) {
            // Text parts in a row are one text: the chunks of a streamed answer join up again.
            var text = new StringBuilder();
            for (Part part : artifact.parts()) {
                if (part instanceof Part.Text(String chunk)) {
                    text.append(chunk);
                    continue;
                }
                flush(text, content);
                if (part instanceof Part.Data(JsonNode value)) {
                    data.add(value);
                    if (shape.nativeMcp()) {
                        continue; // the MCP agent's own content already carries its text copy
                    }
                }
                content.add(content(part));
            }
            flush(text, content);
        }
        if (content.isEmpty() && !shape.nativeMcp()) {
            task.statusMessage().forEach(p -> content.add(content(p)));
        }
        JsonNode structured = structured(data, shape.nativeMcp());
        if (structured != null) {
            result.set("structuredContent", structured);
        }
        result.put("isError", false);
        return result;
    }

    private static void flush(StringBuilder text, ArrayNode content) {
        if (!text.isEmpty()) {
            content.add(text(text.toString()));
            text.setLength(0);
        }
    }

    /** An MCP agent's structured content as it was; other agents' data as an object. */
    private static JsonNode structured(List<JsonNode> data, boolean nativeMcp) {
        if (data.isEmpty()) {
            return null;
        }
        if (nativeMcp || (data.size() == 1 && data.getFirst().isObject())) {
            JsonNode last = data.getLast();
            return last.isObject() ? last : null;
        }
        ObjectNode wrapped = NODES.objectNode();
        ArrayNode all = wrapped.putArray("data");
        data.forEach(all::add);
        return wrapped;
    }

    private static ObjectNode failed(Task task) {
        ObjectNode result = NODES.objectNode();
        ArrayNode content = result.putArray("content");
        task.statusMessage().forEach(p -> content.add(content(p)));
        if (content.isEmpty()) {
            String reason =
                    task.error() != null
                            ? task.error().message()
                            : task.state() == CallState.CANCELED
                                    ? "the task was canceled"
                                    : "the agent reported the task " + wire(task.state());
            content.add(text(reason));
        }
        result.put("isError", true);
        return result;
    }

    private static ObjectNode interrupted(Task task, Shape shape) {
        ObjectNode result = NODES.objectNode();
        ArrayNode content = result.putArray("content");
        task.statusMessage().forEach(p -> content.add(content(p)));
        content.add(
                text(
                        shape.agentName()
                                + " needs "
                                + (task.state() == CallState.AUTH_REQUIRED
                                        ? "authorization"
                                        : "more input")
                                + " to go on: call the tool again with taskId \""
                                + task.id()
                                + "\" and your reply as the message."));
        if (shape.outputSchema()) {
            result.put("isError", true);
        } else {
            result.set("structuredContent", handle(task));
            result.put("isError", false);
        }
        return result;
    }

    private static ObjectNode working(Task task, Shape shape) {
        ObjectNode result = NODES.objectNode();
        result.putArray("content")
                .add(
                        text(
                                shape.agentName()
                                        + " is still working on this (task "
                                        + task.id()
                                        + "). The task goes on; "
                                        + shape.getTaskHint()));
        if (shape.outputSchema()) {
            result.put("isError", true);
        } else {
            result.set("structuredContent", handle(task));
            result.put("isError", false);
        }
        return result;
    }

    private static ObjectNode handle(Task task) {
        ObjectNode handle = NODES.objectNode();
        handle.put("taskId", task.id().toString());
        handle.put("contextId", task.contextId().toString());
        handle.put("state", wire(task.state()));
        return handle;
    }

    /** A state as MCP callers see it: {@code working}, {@code input-required}, ... */
    static String wire(CallState state) {
        return switch (state) {
            case SUBMITTED, WORKING -> "working";
            default -> state.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    static ObjectNode text(String text) {
        return NODES.objectNode().put("type", "text").put("text", text);
    }

    /** A neutral part as an MCP content block. */
    static ObjectNode content(Part part) {
        ObjectNode block = NODES.objectNode();
        switch (part) {
            case Part.Text t -> block.put("type", "text").put("text", t.text());
            case Part.Data d -> block.put("type", "text").put("text", Json.text(d.value()));
            case Part.FileUrl f -> {
                block.put("type", "resource_link").put("uri", f.url());
                block.put("name", f.name() != null ? f.name() : f.url());
                if (f.mediaType() != null) {
                    block.put("mimeType", f.mediaType());
                }
            }
            case Part.FileBytes f -> {
                String type = f.mediaType() == null ? "" : f.mediaType().toLowerCase(Locale.ROOT);
                if (type.startsWith("image/") || type.startsWith("audio/")) {
                    block.put("type", type.substring(0, type.indexOf('/')));
                    block.put("data", f.base64()).put("mimeType", f.mediaType());
                } else {
                    ObjectNode resource = block.put("type", "resource").putObject("resource");
                    // A resource needs a URI: the name when it is one, else a name made into one.
                    String uri =
                            f.name() == null
                                    ? "attachment:file"
                                    : f.name().contains(":") ? f.name() : "attachment:" + f.name();
                    resource.put("uri", uri);
                    if (f.mediaType() != null) {
                        resource.put("mimeType", f.mediaType());
                    }
                    resource.put("blob", f.base64());
                }
            }
        }
        return block;
    }
}
