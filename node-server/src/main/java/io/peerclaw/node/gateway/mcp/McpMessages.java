package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.peerclaw.node.gateway.JsonRpc;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.json.JsonReadException;

/**
 * Reading JSON-RPC 2.0 messages as MCP's Streamable HTTP carries them (the envelope itself is
 * {@link JsonRpc}'s): one message per POST (batches were removed in 2025-06-18), ids that are
 * strings or numbers and never null, notifications and the client's responses besides requests.
 */
final class McpMessages {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private McpMessages() {}

    /** One message from the client. */
    sealed interface Message {
        /** A request: the client waits for its response. */
        record Request(JsonNode id, String method, JsonNode params) implements Message {}

        /** A notification: no response. */
        record Notification(String method, JsonNode params) implements Message {}

        /** The client's answer to a request of ours (we send none; it is accepted and dropped). */
        record Response(JsonNode id) implements Message {}
    }

    /**
     * Reads one message.
     *
     * @throws McpError -32700 for a body that is not JSON, -32600 for anything that is not one
     *     JSON-RPC 2.0 message
     */
    static Message parse(byte[] body) {
        if (body.length == 0) {
            throw new McpError(McpError.INVALID_REQUEST, "Invalid Request: the body is empty");
        }
        JsonNode root;
        try {
            root = Json.tree(body);
        } catch (JsonReadException | IllegalArgumentException e) {
            throw new McpError(McpError.PARSE_ERROR, "Parse error: the body is not JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new McpError(McpError.PARSE_ERROR, "Parse error: the body is not JSON");
        }
        if (root.isArray()) {
            throw new McpError(
                    McpError.INVALID_REQUEST,
                    "Invalid Request: batches are not supported; send one JSON-RPC message per"
                            + " request");
        }
        if (!root.isObject()) {
            throw new McpError(
                    McpError.INVALID_REQUEST, "Invalid Request: a JSON-RPC object is required");
        }
        if (!JsonRpc.declaresVersion(root)) {
            throw new McpError(
                    McpError.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
        }
        JsonNode id = root.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
            throw new McpError(
                    McpError.INVALID_REQUEST, "Invalid Request: id must be a string or an integer");
        }
        JsonNode method = root.get("method");
        JsonNode params = root.get("params");
        if (method != null) {
            if (!method.isTextual() || method.asText().isEmpty()) {
                throw new McpError(
                        McpError.INVALID_REQUEST, "Invalid Request: method must be a string");
            }
            if (params != null && !params.isNull() && !params.isObject()) {
                throw new McpError(
                        McpError.INVALID_REQUEST, "Invalid Request: params must be an object");
            }
            JsonNode given = params == null || params.isNull() ? NODES.objectNode() : params;
            return id == null
                    ? new Message.Notification(method.asText(), given)
                    : new Message.Request(id, method.asText(), given);
        }
        if (id != null && (root.has("result") || root.has("error"))) {
            return new Message.Response(id);
        }
        throw new McpError(
                McpError.INVALID_REQUEST,
                "Invalid Request: neither a request, a notification nor a response");
    }
}
