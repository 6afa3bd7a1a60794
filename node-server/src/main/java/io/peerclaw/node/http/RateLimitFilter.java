package io.peerclaw.node.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The per-client-IP token bucket of {@code rate_limit.*}. Health probes are exempt so that a
 * monitor never sees a busy node as a dead one.
 */
public final class RateLimitFilter implements Filter {
    private final TokenBuckets buckets;
    private final Consumer<String> onLimited;

    /**
     * @param onLimited told the client address each time a request is refused (for the audit log)
     */
    public RateLimitFilter(TokenBuckets buckets, Consumer<String> onLimited) {
        this.buckets = buckets;
        this.onLimited = onLimited;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.path().path().startsWith("/api/v1/health")) {
            chain.proceed();
            return;
        }
        String client = RequestContext.current().map(RequestContext::clientIp).orElse("unknown");
        long waitNanos = buckets.tryAcquire(client);
        if (waitNanos > 0) {
            onLimited.accept(client);
            throw ApiException.rateLimited(
                    Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999)));
        }
        chain.proceed();
    }
}
