package io.peerclaw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.function.Function;

/**
 * What authentication reads from a request: the method, the path with its query exactly as sent,
 * and its headers. Keeps features that judge requests free of the web framework.
 */
public record IncomingRequest(
        String method, String pathAndQuery, Function<String, Optional<String>> headers) {

    public static IncomingRequest of(ServerRequest req) {
        String path = req.prologue().uriPath().rawPath();
        String query = req.prologue().query().rawValue();
        return new IncomingRequest(
                req.prologue().method().text(),
                query.isEmpty() ? path : path + "?" + query,
                name -> req.headers().first(HeaderNames.create(name)));
    }

    /** The first value of a header, if present and not blank. */
    public Optional<String> header(String name) {
        return headers.apply(name).filter(value -> !value.isBlank());
    }
}
