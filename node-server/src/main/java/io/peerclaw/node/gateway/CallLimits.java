package io.peerclaw.node.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * How many calls each caller may make per hour: an exact sliding window (a log of the last {@code
 * limit} call times per caller). A caller's log is forgotten only after a full window without
 * calls, when it would be empty anyway, so forgetting idle callers never hands out a fresh
 * allowance early (upstream's limiter did).
 */
final class CallLimits {
    private static final Duration WINDOW = Duration.ofHours(1);

    private final int anonymousPerWindow;
    private final int userPerWindow;
    private final LongSupplier nanoTime;
    private final Cache<String, ArrayDeque<Long>> logs;

    CallLimits(int anonymousPerHour, int userPerHour, LongSupplier nanoTime) {
        this.anonymousPerWindow = anonymousPerHour;
        this.userPerWindow = userPerHour;
        this.nanoTime = nanoTime;
        this.logs =
                Caffeine.newBuilder()
                        .expireAfterAccess(WINDOW)
                        .ticker(nanoTime::getAsLong)
                        .maximumSize(1_000_000)
                        .build();
    }

    /**
     * Counts a call for the caller, or says how many seconds until one is allowed.
     *
     * @return empty when the call is allowed and counted
     */
    OptionalLong acquire(String callerKey) {
        int limit = callerKey.startsWith("anon:") ? anonymousPerWindow : userPerWindow;
        if (limit <= 0) {
            return OptionalLong.of(WINDOW.toSeconds());
        }
        long now = nanoTime.getAsLong();
        long windowNanos = WINDOW.toNanos();
        ArrayDeque<Long> log = logs.get(callerKey, _ -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && now - log.peekFirst() >= windowNanos) {
                log.pollFirst();
            }
            if (log.size() >= limit) {
                long waitNanos = log.peekFirst() + windowNanos - now;
                return OptionalLong.of(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
            }
            log.addLast(now);
            return OptionalLong.empty();
        }
    }
}
