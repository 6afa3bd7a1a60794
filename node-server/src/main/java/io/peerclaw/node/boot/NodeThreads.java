package io.peerclaw.node.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every executor of the node, made by the composition root and handed to the features that need
 * one, so that none is left running when the node stops. Closed after the features, which cancel
 * their own jobs and write what they buffer first: scheduled jobs already running may finish, work
 * on virtual threads (waiting on the network) is interrupted at once.
 */
final class NodeThreads implements AutoCloseable {
    private static final long GRACE_SECONDS = 5;

    private final List<ExecutorService> schedulers = new ArrayList<>();
    private final List<ExecutorService> virtual = new ArrayList<>();

    /** One daemon platform thread running scheduled jobs in turn, named {@code name}. */
    ScheduledExecutorService scheduler(String name) {
        return keep(
                schedulers,
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name(name).daemon().factory()));
    }

    /** A new virtual thread for every task (work that mostly waits on the network or a disk). */
    ExecutorService virtual(String name) {
        return keep(
                virtual,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name, 0).factory()));
    }

    private synchronized <T extends ExecutorService> T keep(
            List<ExecutorService> kind, T executor) {
        kind.add(executor);
        return executor;
    }

    /** Interrupts virtual work, lets scheduled jobs end for a few seconds, then stops them. */
    @Override
    public synchronized void close() {
        virtual.forEach(ExecutorService::shutdownNow);
        schedulers.forEach(ExecutorService::shutdown);
        var all = new ArrayList<>(virtual);
        all.addAll(schedulers);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        try {
            for (var executor : all) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!executor.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    executor.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            all.forEach(ExecutorService::shutdownNow);
            Thread.currentThread().interrupt();
        }
    }
}
