package io.peerclaw.node.http;

import java.util.Optional;

/**
 * Who is asking, for logs and audit: the request id and the client's address (after trusted
 * proxies). Bound for the duration of each request by {@link RequestContextFilter}.
 */
public record RequestContext(String requestId, String clientIp) {
    static final ScopedValue<RequestContext> CURRENT = ScopedValue.newInstance();

    /** Runs work with this context bound, so its log lines and audit entries carry it. */
    public <T> T call(java.util.function.Supplier<T> work) {
        return ScopedValue.where(CURRENT, this).call(work::get);
    }

    /** The context of the request this thread is serving, if any. */
    public static Optional<RequestContext> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }
}
