package io.peerclaw.node.http;

import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;
import io.peerclaw.shared.model.AgentId;
import java.util.Optional;

/** Query parameters read the same way by every route: trimmed, blank as absent, ranges checked. */
public final class QueryParameters {
    private QueryParameters() {}

    /** The parameter's first value, trimmed; empty when absent or blank. */
    public static Optional<String> text(ServerRequest req, String name) {
        return text(req.query(), name);
    }

    /** The parameter's first value, trimmed; empty when absent or blank. */
    public static Optional<String> text(Parameters query, String name) {
        return query.first(name).asOptional().map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * {@code true} or {@code false}, or empty when absent.
     *
     * @throws ApiException 400 naming the parameter for any other value
     */
    public static Optional<Boolean> flag(Parameters query, String name) {
        return text(query, name)
                .map(
                        value ->
                                switch (value) {
                                    case "true" -> true;
                                    case "false" -> false;
                                    default ->
                                            throw ApiException.invalid(
                                                    name, "must be true or false");
                                });
    }

    /**
     * An agent id, or empty when absent.
     *
     * @throws ApiException 400 naming the parameter when it is not an agent id
     */
    public static Optional<AgentId> agentId(ServerRequest req, String name) {
        return text(req, name)
                .map(
                        value ->
                                AgentId.parse(value)
                                        .orElseThrow(
                                                () ->
                                                        ApiException.invalid(
                                                                name, "is not an agent id")));
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
