package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.JsonRpc;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.json.JsonReadException;

/**
 * Reading a JSON-RPC request by A2A's rules (the envelope itself is {@link JsonRpc}'s): every
 * method answers, so an id is required; errors are A2A's.
 */
final class A2aRequests {
    private A2aRequests() {}

    /** Thrown for a body that is not a valid request; carries the id when one was readable. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient JsonNode id;
        private final transient A2aError error;

        Malformed(JsonNode id, A2aError error) {
            super(error.message(), null, false, false);
            this.id = id;
            this.error = error;
        }

        JsonNode id() {
            return id;
        }

        A2aError error() {
            return error;
        }
    }

    /**
     * Reads a request. Every A2A method answers, so a request must carry an id: one without is not
     * taken as a notification but refused (-32600), and batches are refused the same way.
     *
     * @throws Malformed -32700 for a body that is not JSON, -32600 for a bad envelope
     */
    static JsonRpc.Request read(byte[] body) {
        JsonNode root;
        try {
            if (body.length == 0) {
                throw new Malformed(NullNode.instance, A2aError.parse("the body is empty"));
            }
            root = Json.tree(body);
        } catch (JsonReadException e) {
            throw new Malformed(NullNode.instance, A2aError.parse(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new Malformed(
                    NullNode.instance,
                    A2aError.invalidRequest(
                            root != null && root.isArray()
                                    ? "batches are not supported"
                                    : "the request must be a JSON object"));
        }
        JsonNode id = root.get("id");
        boolean idValid = id != null && (id.isTextual() || id.isNumber() || id.isNull());
        JsonNode echoed = idValid ? id : NullNode.instance;
        if (!JsonRpc.declaresVersion(root)) {
            throw new Malformed(echoed, A2aError.invalidRequest("jsonrpc must be \"2.0\""));
        }
        if (id == null) {
            throw new Malformed(echoed, A2aError.invalidRequest("id is required"));
        }
        if (!idValid) {
            throw new Malformed(
                    echoed, A2aError.invalidRequest("id must be a string, a number or null"));
        }
        JsonNode method = root.get("method");
        if (method == null || !method.isTextual() || method.asText().isEmpty()) {
            throw new Malformed(echoed, A2aError.invalidRequest("method must be a string"));
        }
        JsonNode params = root.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new Malformed(echoed, A2aError.invalidParams("params must be an object"));
        }
        return new JsonRpc.Request(
                id,
                method.asText(),
                params instanceof ObjectNode object
                        ? object
                        : JsonNodeFactory.instance.objectNode());
    }
}
