package io.peerclaw.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallLimitsTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final CallLimits limits = new CallLimits(3, 5, nanos::get);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void anonymousCallersGetTheirOwnSmallerAllowancePerAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire("anon:10.0.0.1")).isEmpty();
        }
        assertThat(limits.acquire("anon:10.0.0.1")).isPresent();
        assertThat(limits.acquire("anon:10.0.0.2")).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(limits.acquire("user:u1")).isEmpty();
        }
        assertThat(limits.acquire("user:u1")).isPresent();
    }

    @Test
    void theWindowSlidesCallByCall() {
        assertThat(limits.acquire("anon:a")).isEmpty();
        advance(Duration.ofMinutes(20));
        assertThat(limits.acquire("anon:a")).isEmpty();
        advance(Duration.ofMinutes(20));
        assertThat(limits.acquire("anon:a")).isEmpty();
        // Three calls in the last 40 minutes: refused until the first leaves the window.
        var wait = limits.acquire("anon:a");
        assertThat(wait).isPresent();
        assertThat(wait.getAsLong()).isEqualTo(Duration.ofMinutes(20).toSeconds());
        advance(Duration.ofMinutes(20));
        assertThat(limits.acquire("anon:a")).isEmpty();
        assertThat(limits.acquire("anon:a")).isPresent();
    }

    @Test
    void anIdleCallerIsNotForgivenBeforeItsWindowHasPassed() {
        for (int i = 0; i < 3; i++) {
            limits.acquire("anon:b");
        }
        // Upstream forgot idle clients after five minutes and gave them a full allowance again.
        advance(Duration.ofMinutes(30));
        assertThat(limits.acquire("anon:b")).isPresent();
        advance(Duration.ofMinutes(31));
        assertThat(limits.acquire("anon:b")).isEmpty();
    }

    @Test
    void aZeroAllowanceRefusesEveryCall() {
        var closed = new CallLimits(0, 1, nanos::get);
        assertThat(closed.acquire("anon:c")).hasValue(3600);
        assertThat(closed.acquire("user:x")).isEmpty();
    }
}
