package io.peerclaw.node.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * Cross-origin access for the configured browser origins ({@code server.cors_origins}). With no
 * origins configured (the default) nothing is added and browsers keep to same-origin.
 */
public final class CorsFilter implements Filter {
    private static final HeaderName REQUEST_METHOD =
            HeaderNames.create("Access-Control-Request-Method");
    private static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String ALLOWED_HEADERS =
            "Content-Type, Authorization, X-Request-Id, X-PeerClaw-PublicKey, X-PeerClaw-Signature,"
                    + " X-PeerClaw-Timestamp, X-PeerClaw-Nonce, X-PeerClaw-Agent-ID, A2A-Version,"
                    + " Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID";
    private static final String EXPOSED_HEADERS =
            "X-Request-Id, Retry-After, Location, WWW-Authenticate, Mcp-Session-Id";

    private final List<String> origins;
    private final boolean any;

    public CorsFilter(List<String> origins) {
        this.origins = List.copyOf(origins);
        this.any = origins.contains("*");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        var origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty() || origins.isEmpty()) {
            chain.proceed();
            return;
        }
        boolean allowed = any || origins.contains(origin.get());
        boolean preflight =
                req.prologue().method() == Method.OPTIONS && req.headers().contains(REQUEST_METHOD);
        if (preflight) {
            if (!allowed) {
                throw new ApiException(
                        ErrorCode.FORBIDDEN, "origin " + origin.get() + " is not allowed");
            }
            allow(res, origin.get());
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        if (allowed) {
            allow(res, origin.get());
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        chain.proceed();
    }

    private void allow(RoutingResponse res, String origin) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
        if (!any) {
            res.header(HeaderNames.VARY, "Origin");
        }
    }
}
