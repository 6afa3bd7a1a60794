package io.peerclaw.node.admin;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live-feed client's view of the audit trail: events wait in a bounded queue, and when the
 * client falls that far behind new events are dropped (and counted) instead of making the recording
 * thread wait.
 */
final class ActivitySubscriber implements AutoCloseable {
    private final BlockingQueue<AuditEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AuditLog.Subscription subscription;

    ActivitySubscriber(AuditLog audit, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.subscription =
                audit.subscribe(
                        event -> {
                            if (!queue.offer(event)) {
                                dropped.incrementAndGet();
                            }
                        });
    }

    /** The next event, or null when none came within {@code wait}. */
    AuditEvent next(Duration wait) throws InterruptedException {
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many events were dropped since the last call. */
    long takeDropped() {
        return dropped.getAndSet(0);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
