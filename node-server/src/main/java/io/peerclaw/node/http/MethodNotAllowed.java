package io.peerclaw.node.http;

import io.helidon.webserver.http.Handler;
import java.util.List;
import java.util.Map;

/**
 * The answer for a known path asked with a method it does not serve: 405 with {@code Allow}.
 * Services register it with {@code rules.any(path, MethodNotAllowed.allowing(...))} after their
 * real routes for that path.
 */
public final class MethodNotAllowed {
    private MethodNotAllowed() {}

    public static Handler allowing(String... methods) {
        String allow = String.join(", ", methods);
        return (req, res) -> {
            throw new ApiException(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    req.prologue().method().text() + " is not served here; use " + allow,
                    List.of(),
                    Map.of("Allow", allow));
        };
    }
}
