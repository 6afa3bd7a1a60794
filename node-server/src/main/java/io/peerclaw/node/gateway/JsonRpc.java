package io.peerclaw.node.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.shared.json.Json;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON-RPC 2.0 envelope, the same wherever A2A and MCP carry it: the front doors read requests
 * and write results and errors with it, the connectors write requests and read responses. What a
 * dialect accepts (ids, notifications, batches) and its error codes stay with its door.
 */
public final class JsonRpc {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {}

    /**
     * A request as a door accepted it.
     *
     * @param id a string, a number or null, echoed in every answer
     * @param params the params object (empty when absent)
     */
    public record Request(JsonNode id, String method, ObjectNode params) {}

    /** What an agent answered to one request. */
    public sealed interface Response {
        record Result(JsonNode result) implements Response {}

        record Error(int code, String message) implements Response {}
    }

    // ------------------------------------------------------------------ writing

    public static ObjectNode request(long id, String method, JsonNode params) {
        ObjectNode request = NODES.objectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        if (params != null) {
            request.set("params", params);
        }
        return request;
    }

    /** A message that is answered by nobody; {@code params} may be null for none. */
    public static ObjectNode notification(String method, JsonNode params) {
        ObjectNode notification = NODES.objectNode();
        notification.put("jsonrpc", "2.0");
        notification.put("method", method);
        if (params != null) {
            notification.set("params", params);
        }
        return notification;
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    /** An error answer whose {@code error} member the dialect built. */
    public static ObjectNode error(JsonNode id, ObjectNode error) {
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id == null ? NullNode.instance : id);
        response.set("error", error);
        return response;
    }

    /** An error answer of code and message, with {@code data} when not null. */
    public static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode error = NODES.objectNode();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        return error(id, error);
    }

    // ------------------------------------------------------------------ reading

    /**
     * The response to request {@code id} when {@code message} is one (ids compare as numbers or as
     * text, as servers echo them either way); empty for anything else.
     *
     * @param malformed what to throw for a response with neither result nor error
     */
    public static Optional<Response> response(
            JsonNode message, long id, Function<String, ? extends RuntimeException> malformed) {
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
            return Optional.of(errorOf(error));
        }
        if (message.has("result")) {
            return Optional.of(new Response.Result(message.get("result")));
        }
        throw malformed.apply("the JSON-RPC response has neither result nor error");
    }

    /** A JSON-RPC error with no id: how some servers answer a request they could not read. */
    public static Optional<Response.Error> unaddressedError(JsonNode message) {
        if (message != null
                && message.isObject()
                && message.path("error").isObject()
                && (message.get("id") == null || message.get("id").isNull())) {
            return Optional.of(errorOf(message.get("error")));
        }
        return Optional.empty();
    }

    private static Response.Error errorOf(JsonNode error) {
        return new Response.Error(
                error.path("code").asInt(0),
                error.path("message").asText("the agent answered an error"));
    }

    /** Whether a message declares JSON-RPC 2.0. */
    public static boolean declaresVersion(JsonNode message) {
        return "2.0".equals(message.path("jsonrpc").textValue());
    }

    /** The id of a request body, if it is an object with a string or integer id; else JSON null. */
    public static JsonNode idOf(byte[] body) {
        try {
            JsonNode id = Json.tree(body).get("id");
            return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : NullNode.instance;
        } catch (RuntimeException e) {
            return NullNode.instance;
        }
    }
}
