package io.peerclaw.node.gateway;

import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.reputation.ReputationEngine.CallOutcome;
import io.peerclaw.node.storage.StorageException;
import io.peerclaw.shared.model.AgentId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes what calls leave behind (task states, invocation records, reputation events) off the
 * request path, in group commits: whatever queued while the last transaction ran goes into the next
 * one. A call therefore never waits for the database; its task stays readable on this node from
 * memory until written. Stopping the node writes everything queued.
 */
final class CallRecorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CallRecorder.class.getName());
    private static final int MAX_BATCH = 512;

    private sealed interface Item {}

    private record TaskItem(GatewayStore.TaskWrite write) implements Item {}

    private record InvocationItem(Invocation invocation, AgentId agent, CallOutcome outcome)
            implements Item {}

    private record Barrier(CompletableFuture<Void> done) implements Item {}

    private final GatewayStore store;
    private final ReputationEngine reputation;
    private final Consumer<Task> written;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();

    /**
     * Agent and outcome pairs over their cap: a busy agent reaches its hourly cap of call events
     * quickly, and asking the engine again for each further call would cost a transaction each.
     * Checked again after a minute.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> capped =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .expireAfterWrite(java.time.Duration.ofMinutes(1))
                    .maximumSize(100_000)
                    .build();

    private final Thread thread;
    private volatile boolean closing;

    /** The writer thread has ended: whoever queues from now on writes on its own thread. */
    private volatile boolean stopped;

    /**
     * @param written told of each task once it is in the database, so memory can let go of it
     */
    CallRecorder(GatewayStore store, ReputationEngine reputation, Consumer<Task> written) {
        this.store = store;
        this.reputation = reputation;
        this.written = written;
        this.thread = Thread.ofPlatform().name("peerclaw-call-recorder").daemon().start(this::run);
    }

    /**
     * Queues a task's state.
     *
     * @param fresh it has never been queued before, so no row exists for it
     */
    void task(Task task, java.time.Instant expiresAt, boolean fresh) {
        enqueue(new TaskItem(new GatewayStore.TaskWrite(task, expiresAt, fresh)));
    }

    /** Logs an invocation and, unless {@code outcome} is null, credits or debits the agent. */
    void invocation(Invocation invocation, AgentId agent, CallOutcome outcome) {
        enqueue(new InvocationItem(invocation, agent, outcome));
    }

    private void enqueue(Item item) {
        queue.add(item);
        // Read after the add: either close() drains after this item was queued, or this thread
        // sees the writer gone and writes the item itself (a call that ends as the node stops).
        if (stopped) {
            writeQueued();
        }
    }

    /** Writes whatever is queued, on the calling thread (once the writer thread has ended). */
    private void writeQueued() {
        var batch = new ArrayList<Item>();
        while (queue.drainTo(batch, MAX_BATCH) > 0) {
            write(batch);
            batch.clear();
        }
    }

    /** Waits until everything queued before this call is written. */
    void flush() {
        var done = new CompletableFuture<Void>();
        enqueue(new Barrier(done));
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "call records were not written in time", e);
        }
    }

    private void run() {
        var batch = new ArrayList<Item>();
        while (!closing || !queue.isEmpty()) {
            try {
                Item first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                closing = true;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Item> batch) {
        Map<UUID, GatewayStore.TaskWrite> tasks = new LinkedHashMap<>();
        var invocations = new ArrayList<InvocationItem>();
        var barriers = new ArrayList<CompletableFuture<Void>>();
        for (Item item : batch) {
            switch (item) {
                // The latest state wins; a first write stays an insert.
                case TaskItem t ->
                        tasks.merge(
                                t.write().task().id(),
                                t.write(),
                                (earlier, later) ->
                                        new GatewayStore.TaskWrite(
                                                later.task(),
                                                later.expiresAt(),
                                                earlier.fresh() || later.fresh()));
                case InvocationItem i -> invocations.add(i);
                case Barrier b -> barriers.add(b.done());
            }
        }
        try {
            store.write(
                    tasks.values(), invocations.stream().map(InvocationItem::invocation).toList());
            tasks.values().forEach(w -> written.accept(w.task()));
        } catch (StorageException e) {
            // Losing a log line is better than stopping calls; the task stays in memory.
            LOG.log(
                    System.Logger.Level.ERROR,
                    "could not write " + batch.size() + " call records",
                    e);
        }
        for (InvocationItem i : invocations) {
            if (i.outcome() == null) {
                continue;
            }
            String key = i.agent().value() + '|' + i.outcome();
            if (capped.getIfPresent(key) != null) {
                continue;
            }
            try {
                var recorded =
                        reputation.routedCall(i.agent(), i.outcome(), i.invocation().frontDoor());
                if (recorded
                                instanceof
                                ReputationEngine.Outcome.Ignored(ReputationEngine.Reason reason)
                        && reason == ReputationEngine.Reason.CAPPED) {
                    capped.put(key, Boolean.TRUE);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "reputation event not recorded", e);
            }
        }
        barriers.forEach(b -> b.complete(null));
    }

    /**
     * Writes everything queued and from then on writes each record as it comes. Closed before the
     * reputation engine, the audit log and the database (NodeWiring).
     */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
        writeQueued();
    }
}
