package io.peerclaw.node.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a client address): {@code burst} tokens, refilled at {@code rate} per
 * second. Idle buckets are forgotten only after they would have refilled completely, so forgetting
 * never grants more than a full bucket.
 */
public final class TokenBuckets {
    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    public TokenBuckets(double ratePerSecond, int burst, LongSupplier nanoTime) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        long refillNanos = (long) Math.ceil(burst / ratePerNano);
        this.buckets =
                Caffeine.newBuilder()
                        .expireAfterAccess(
                                Duration.ofNanos(
                                        Math.max(refillNanos, Duration.ofMinutes(1).toNanos())))
                        .ticker(nanoTime::getAsLong)
                        .maximumSize(1_000_000)
                        .build();
    }

    /**
     * Takes one token for the key.
     *
     * @return 0 when granted, otherwise how many nanoseconds until a token is available
     */
    public long tryAcquire(String key) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens =
                    Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * ratePerNano);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / ratePerNano);
        }
    }
}
