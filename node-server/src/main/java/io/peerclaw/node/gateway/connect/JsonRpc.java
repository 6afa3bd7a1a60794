package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.shared.json.Json;
import java.util.Optional;

/** JSON-RPC 2.0 messages as A2A and MCP carry them. */
final class JsonRpc {
    private JsonRpc() {}

    /** What the agent answered to one request. */
    sealed interface Response {
        record Result(JsonNode result) implements Response {}

        record Error(int code, String message) implements Response {}
    }

    static ObjectNode request(long id, String method, JsonNode params) {
        var request = Json.mapper().createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        if (params != null) {
            request.set("params", params);
        }
        return request;
    }

    static ObjectNode notification(String method) {
        var notification = Json.mapper().createObjectNode();
        notification.put("jsonrpc", "2.0");
        notification.put("method", method);
        return notification;
    }

    /**
     * The response to request {@code id} when {@code message} is one (ids compare as numbers or as
     * text, as servers echo them either way); empty for anything else.
     */
    static Optional<Response> response(JsonNode message, long id) {
        if (message == null || !message.isObject() || message.has("method")) {
            return Optional.empty();
        }
        JsonNode echoed = message.get("id");
        boolean ours =
                echoed != null
                        && ((echoed.isIntegralNumber() && echoed.asLong() == id)
                                || (echoed.isTextual()
                                        && echoed.asText().equals(Long.toString(id))));
        if (!ours) {
            return Optional.empty();
        }
        JsonNode error = message.get("error");
        if (error != null && error.isObject()) {
            return Optional.of(
                    new Response.Error(
                            error.path("code").asInt(0),
                            error.path("message").asText("the agent answered an error")));
        }
        if (message.has("result")) {
            return Optional.of(new Response.Result(message.get("result")));
        }
        throw new BadWire("the JSON-RPC response has neither result nor error");
    }

    /** A JSON-RPC error with no id: how some servers answer a request they could not read. */
    static Optional<Response.Error> unaddressedError(JsonNode message) {
        if (message != null
                && message.isObject()
                && message.path("error").isObject()
                && (message.get("id") == null || message.get("id").isNull())) {
            JsonNode error = message.get("error");
            return Optional.of(
                    new Response.Error(
                            error.path("code").asInt(0),
                            error.path("message").asText("the agent answered an error")));
        }
        return Optional.empty();
    }
}
