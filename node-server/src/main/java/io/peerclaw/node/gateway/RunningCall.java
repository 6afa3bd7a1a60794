package io.peerclaw.node.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call in flight on this node: its task as it stands, the listeners its events go to, and the
 * moment it settles. Front doors wait on it (blocking calls) or listen to it (streams).
 */
public final class RunningCall {
    private final UUID invocationId;
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Task> settled = new CompletableFuture<>();
    private volatile Task task;
    private volatile Thread worker;

    /** A row exists or is queued for the task (guarded by this). */
    private boolean stored;

    RunningCall(UUID invocationId, Task initial) {
        this.invocationId = invocationId;
        this.task = initial;
    }

    public UUID invocationId() {
        return invocationId;
    }

    public UUID taskId() {
        return task.id();
    }

    /** The task as it stands now. */
    public Task snapshot() {
        return task;
    }

    /** Adds a listener for the events still to come. */
    public void listen(CallListener listener) {
        listeners.add(listener);
    }

    public void stopListening(CallListener listener) {
        listeners.remove(listener);
    }

    /**
     * Waits until the call settles or {@code max} passes, and returns the task as it then stands
     * (still working when the wait ran out).
     */
    public Task await(Duration max) {
        try {
            return settled.get(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return task;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return task;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the call's worker failed", e.getCause());
        }
    }

    /** Completes when the call settles, with its final task. */
    public CompletableFuture<Task> settled() {
        return settled;
    }

    public boolean done() {
        return settled.isDone();
    }

    void update(Task newTask) {
        task = newTask;
    }

    void emit(CallEvent event) {
        for (CallListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                // A listener whose client went away must not stop the call or other listeners.
                listeners.remove(listener);
            }
        }
    }

    /**
     * Marks the task as queued for writing; true when this is its first write. Callers hold this
     * object's lock so that the first write and the last cannot race.
     */
    boolean markStored() {
        boolean first = !stored;
        stored = true;
        return first;
    }

    void runsOn(Thread thread) {
        worker = thread;
    }

    void interrupt() {
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    void settle(Task last) {
        task = last;
        settled.complete(last);
    }
}
