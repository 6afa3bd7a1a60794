package io.peerclaw.node.gateway.mcp;

import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.http.ApiException;
import java.util.Map;

/**
 * A request refused at the HTTP level (session, version, origin, authentication, limits): the
 * status, its headers, and the JSON-RPC error that is the body.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;
    private final transient Map<String, String> headers;

    Refusal(int status, int code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    Refusal(int status, int code, String message) {
        this(status, code, message, Map.of());
    }

    static Refusal badRequest(String message) {
        return new Refusal(400, McpError.SERVER_ERROR, "Bad Request: " + message);
    }

    /**
     * The node's own refusal (401, 403, 404, 429, ...) with its status and headers; a 401 names
     * this endpoint's protected-resource metadata so OAuth-aware clients can find their way.
     */
    static Refusal of(ApiException e, String resourceMetadataUrl) {
        var headers = new java.util.LinkedHashMap<>(e.headers());
        if (e.code().status() == 401) {
            headers.put("WWW-Authenticate", challenge(resourceMetadataUrl));
        }
        return new Refusal(e.code().status(), McpError.SERVER_ERROR, e.getMessage(), headers);
    }

    /** The gateway's refusal, answered as the node's own refusals are (see above). */
    static Refusal of(Refused refused, String resourceMetadataUrl) {
        return switch (refused) {
            case Refused.UnknownAgent r -> new Refusal(404, McpError.SERVER_ERROR, r.message());
            case Refused.UnknownTask r -> new Refusal(404, McpError.SERVER_ERROR, r.message());
            case Refused.Unauthenticated r ->
                    new Refusal(
                            401,
                            McpError.SERVER_ERROR,
                            r.message(),
                            Map.of("WWW-Authenticate", challenge(resourceMetadataUrl)));
            case Refused.Forbidden r -> new Refusal(403, McpError.SERVER_ERROR, r.message());
            case Refused.RateLimited r -> of(r);
            case Refused.NotAwaitingInput r -> new Refusal(409, McpError.SERVER_ERROR, r.message());
        };
    }

    /** 429 with {@code Retry-After}: over the caller's limit of calls. */
    static Refusal of(Refused.RateLimited limited) {
        return new Refusal(
                429,
                McpError.SERVER_ERROR,
                limited.message(),
                Map.of("Retry-After", Long.toString(limited.retryAfterSeconds())));
    }

    private static String challenge(String resourceMetadataUrl) {
        return "Bearer realm=\"peerclaw\", resource_metadata=\""
                + resourceMetadataUrl
                + "\", PeerClaw-Signature realm=\"peerclaw\"";
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
