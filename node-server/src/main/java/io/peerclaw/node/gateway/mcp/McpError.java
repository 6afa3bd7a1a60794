package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC error to answer a request with (MCP's error codes, protocols.md §2.5). Thrown by the
 * handlers, answered in one place.
 *
 * @see JsonRpc#error
 */
final class McpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    /** The transport refused the request (bad session header, auth, limits): HTTP 4xx. */
    static final int SERVER_ERROR = -32000;

    /** The session is unknown, expired or someone else's (the TypeScript SDK's code for it). */
    static final int SESSION_NOT_FOUND = -32001;

    /** {@code resources/read} of something that is not there (MCP up to 2025-11-25). */
    static final int RESOURCE_NOT_FOUND = -32002;

    private final int code;
    private final transient JsonNode data;

    McpError(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    McpError(int code, String message) {
        this(code, message, null);
    }

    static McpError invalidParams(String message) {
        return new McpError(INVALID_PARAMS, message);
    }

    int code() {
        return code;
    }

    JsonNode data() {
        return data;
    }
}
