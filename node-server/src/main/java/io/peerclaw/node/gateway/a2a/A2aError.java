package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A JSON-RPC error of the A2A binding (protocols.md §1.9).
 *
 * @param reason the {@code google.rpc.ErrorInfo} reason A2A 1.0 puts in {@code error.data}: the
 *     error's name in upper snake case without "Error"
 */
record A2aError(int code, String message, String reason) {
    static final String DOMAIN = "a2a-protocol.org";

    A2aError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reason, "reason");
    }

    static A2aError parse(String detail) {
        return new A2aError(-32700, "Invalid JSON payload: " + detail, "PARSE_ERROR");
    }

    static A2aError invalidRequest(String detail) {
        return new A2aError(-32600, "Invalid JSON-RPC request: " + detail, "INVALID_REQUEST");
    }

    static A2aError methodNotFound(String method) {
        return new A2aError(-32601, "Method not found: " + method, "METHOD_NOT_FOUND");
    }

    static A2aError invalidParams(String detail) {
        return new A2aError(-32602, "Invalid params: " + detail, "INVALID_PARAMS");
    }

    static A2aError internal(String detail) {
        return new A2aError(-32603, "Internal error: " + detail, "INTERNAL_ERROR");
    }

    static A2aError taskNotFound(String id) {
        return new A2aError(-32001, "Task not found: " + id, "TASK_NOT_FOUND");
    }

    static A2aError taskNotCancelable(String id, String state) {
        return new A2aError(
                -32002, "Task not cancelable: " + id + " is " + state, "TASK_NOT_CANCELABLE");
    }

    static A2aError pushNotificationNotSupported() {
        return new A2aError(
                -32003,
                "Push notifications are not supported: the agent card says pushNotifications"
                        + " false",
                "PUSH_NOTIFICATION_NOT_SUPPORTED");
    }

    static A2aError unsupportedOperation(String detail) {
        return new A2aError(-32004, "Unsupported operation: " + detail, "UNSUPPORTED_OPERATION");
    }

    static A2aError contentTypeNotSupported(String type) {
        return new A2aError(
                -32005,
                "Unsupported Content-Type \"" + type + "\"; expected application/json",
                "CONTENT_TYPE_NOT_SUPPORTED");
    }

    static A2aError extendedCardNotConfigured() {
        return new A2aError(
                -32007,
                "Extended agent card not configured: the agent card says extendedAgentCard"
                        + " false",
                "EXTENDED_AGENT_CARD_NOT_CONFIGURED");
    }

    static A2aError versionNotSupported(String version) {
        return new A2aError(
                -32009,
                "The requested A2A protocol version '"
                        + version
                        + "' is not supported. Supported versions: 1.0, 0.3",
                "VERSION_NOT_SUPPORTED");
    }

    /**
     * The {@code error} member: A2A 1.0 adds {@code data}, an array holding one {@code
     * google.rpc.ErrorInfo}; 0.3 has code and message only.
     */
    ObjectNode json(A2aVersion wire) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("message", message);
        if (wire == A2aVersion.V1_0) {
            error.putArray("data")
                    .addObject()
                    .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                    .put("reason", reason)
                    .put("domain", DOMAIN);
        }
        return error;
    }
}
