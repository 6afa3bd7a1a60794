package io.peerclaw.node.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a fresh one),
 * echoes it in the answer, and binds the {@link RequestContext} so that log lines and audit entries
 * of the request carry it.
 */
public final class RequestContextFilter implements Filter {
    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ClientAddresses clients;

    public RequestContextFilter(ClientAddresses clients) {
        this.clients = clients;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String given = req.headers().first(REQUEST_ID).orElse("");
        String requestId = SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        String client =
                clients.resolve(req.remotePeer().address(), req.headers().values(FORWARDED_FOR));
        res.header(REQUEST_ID, requestId);
        ScopedValue.where(RequestContext.CURRENT, new RequestContext(requestId, client))
                .run(chain::proceed);
    }
}
