package io.peerclaw.node.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** Query parameters read the same way by every route: trimmed, blank as absent, ranges checked. */
public final class QueryParameters {
    private QueryParameters() {}

    /** The parameter's first value, trimmed; empty when absent or blank. */
    public static Optional<String> text(ServerRequest req, String name) {
        return req.query().first(name).asOptional().map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * A whole number from {@code min} to {@code max}, or {@code fallback} when absent.
     *
     * @throws ApiException 400 naming the parameter otherwise
     */
    public static int integer(ServerRequest req, String name, int fallback, int min, int max) {
        var value = text(req, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid(name, "must be a number from " + min + " to " + max);
    }
}
