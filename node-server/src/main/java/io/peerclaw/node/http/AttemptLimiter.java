package io.peerclaw.node.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.OptionalLong;

/**
 * Counts events per key (an email, an address) in a fixed window; once {@code limit} is reached the
 * key is locked out until the window that began with its first event has passed, plus {@code
 * lockout}. Kept in memory: a restart forgets, which errs towards letting people in.
 */
public final class AttemptLimiter {
    private final int limit;
    private final Duration window;
    private final Duration lockout;
    private final InstantSource clock;
    private final Cache<String, Attempts> attempts;

    private record Attempts(int count, Instant windowStart, Instant lockedUntil) {}

    public AttemptLimiter(int limit, Duration window, Duration lockout, InstantSource clock) {
        this.limit = limit;
        this.window = window;
        this.lockout = lockout;
        this.clock = clock;
        this.attempts =
                Caffeine.newBuilder()
                        .maximumSize(100_000)
                        .expireAfterAccess(window.plus(lockout).plusMinutes(1))
                        .build();
    }

    /** Seconds until {@code key} may try again, or empty when it may now. */
    public OptionalLong lockedFor(String key) {
        Attempts current = attempts.getIfPresent(key);
        Instant now = clock.instant();
        if (current == null || current.lockedUntil() == null) {
            return OptionalLong.empty();
        }
        long seconds = Duration.between(now, current.lockedUntil()).toSeconds();
        return seconds > 0 ? OptionalLong.of(seconds + 1) : OptionalLong.empty();
    }

    /** Counts one event; returns the lockout it caused, if it reached the limit. */
    public OptionalLong record(String key) {
        Instant now = clock.instant();
        Attempts next =
                attempts.asMap()
                        .compute(
                                key,
                                (k, old) -> {
                                    if (old == null
                                            || !now.isBefore(old.windowStart().plus(window))
                                                    && (old.lockedUntil() == null
                                                            || !now.isBefore(old.lockedUntil()))) {
                                        old = new Attempts(0, now, null);
                                    }
                                    int count = old.count() + 1;
                                    Instant locked =
                                            count >= limit ? now.plus(lockout) : old.lockedUntil();
                                    return new Attempts(count, old.windowStart(), locked);
                                });
        return next.lockedUntil() != null && next.count() == limit
                ? OptionalLong.of(lockout.toSeconds())
                : OptionalLong.empty();
    }

    public void clear(String key) {
        attempts.invalidate(key);
    }
}
