package io.peerclaw.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptLimiterTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final AttemptLimiter limiter =
            new AttemptLimiter(3, Duration.ofMinutes(15), Duration.ofMinutes(15), clock);

    @Test
    void theLimitLocksOutForTheLockoutPeriod() {
        assertThat(limiter.record("k")).isEmpty();
        assertThat(limiter.record("k")).isEmpty();
        assertThat(limiter.lockedFor("k")).isEmpty();
        assertThat(limiter.record("k")).hasValue(900);
        assertThat(limiter.lockedFor("k")).hasValue(901);
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.lockedFor("k").getAsLong()).isBetween(299L, 301L);
        clock.advance(Duration.ofMinutes(5));
        assertThat(limiter.lockedFor("k")).isEmpty();
        assertThat(limiter.record("k")).isEmpty();
    }

    @Test
    void oldAttemptsStopCountingWhenTheWindowEnds() {
        limiter.record("k");
        limiter.record("k");
        clock.advance(Duration.ofMinutes(16));
        assertThat(limiter.record("k")).isEmpty();
        assertThat(limiter.record("k")).isEmpty();
        assertThat(limiter.lockedFor("k")).isEmpty();
    }

    @Test
    void keysAreCountedApartAndCanBeCleared() {
        limiter.record("a");
        limiter.record("a");
        limiter.clear("a");
        limiter.record("a");
        limiter.record("b");
        limiter.record("b");
        assertThat(limiter.lockedFor("a")).isEmpty();
        assertThat(limiter.record("b")).isPresent();
        assertThat(limiter.lockedFor("a")).isEmpty();
    }
}
