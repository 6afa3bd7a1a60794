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

    private static final System.Logger ACCESS = System.getLogger("io.peerclaw.node.access");

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
                .run(
                        () -> {
                            long started = System.nanoTime();
                            try {
                                chain.proceed();
                            } finally {
                                if (ACCESS.isLoggable(System.Logger.Level.DEBUG)) {
                                    ACCESS.log(
                                            System.Logger.Level.DEBUG,
                                            "{0} {1} -> {2} in {3} ms from {4}",
                                            req.prologue().method().text(),
                                            req.prologue().uriPath().rawPath(),
                                            String.valueOf(res.status().code()),
                                            String.valueOf(
                                                    (System.nanoTime() - started) / 1_000_000),
                                            client);
                                }
                            }
                        });
    }
}
