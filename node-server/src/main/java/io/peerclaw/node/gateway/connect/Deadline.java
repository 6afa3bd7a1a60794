package io.peerclaw.node.gateway.connect;

import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.net.OutboundHttp;
import java.time.Duration;
import java.util.Optional;

/** One deadline shared by every request a call makes (card, session, the call itself). */
record Deadline(Duration total, long endNanos) {

    static Deadline after(Duration total) {
        return new Deadline(total, System.nanoTime() + total.toNanos());
    }

    /** The time left for one request, within what the client accepts; empty when spent. */
    Optional<Duration> left() {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            return Optional.empty();
        }
        var duration = Duration.ofNanos(left);
        return Optional.of(
                duration.compareTo(OutboundHttp.MAX_TIMEOUT) > 0
                        ? OutboundHttp.MAX_TIMEOUT
                        : duration);
    }

    /** The time left, but no more than {@code most}: for side requests such as a card. */
    Optional<Duration> left(Duration most) {
        return left().map(left -> left.compareTo(most) > 0 ? most : left);
    }

    CallError expired() {
        return new CallError(
                CallError.Kind.TIMEOUT,
                "the agent did not answer within " + total.toMillis() + " ms");
    }
}
