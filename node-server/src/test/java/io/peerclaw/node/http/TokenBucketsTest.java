package io.peerclaw.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final TokenBuckets buckets = new TokenBuckets(2, 3, now::get);

    @Test
    void grantsTheBurstThenRefillsAtTheRate() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.tryAcquire("a")).isZero();
        }
        long wait = buckets.tryAcquire("a");
        assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        now.addAndGet(wait);
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isPositive();
    }

    @Test
    void keepsClientsApartAndNeverExceedsTheBurst() {
        for (int i = 0; i < 3; i++) {
            buckets.tryAcquire("a");
        }
        assertThat(buckets.tryAcquire("b")).isZero();
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.tryAcquire("a")).isZero();
        }
        assertThat(buckets.tryAcquire("a")).isPositive();
    }
}
