package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.CallListener;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.JsonRpc;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.RunningCall;
import io.peerclaw.node.gateway.Task;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running call as an A2A event stream: the task first, then each status change and artifact chunk
 * as the agent reports it, then the final status, after which the stream ends (terminal or
 * interrupted).
 *
 * <p>Events are queued by the call's thread and written by the request's, so a slow client never
 * holds up the call; the call settles only after its last event was queued, so the final status
 * always comes last. Artifacts the agent did not stream (a non-streaming agent answers at the end)
 * are sent whole just before the final status.
 */
final class TaskStream implements CallListener {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private sealed interface Item {
        record Event(CallEvent event) implements Item {}

        record Settled(Task task) implements Item {}
    }

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Wire wire;
    private final JsonNode requestId;
    private final OptionalInt historyLength;
    private final InstantSource clock;

    TaskStream(Wire wire, JsonNode requestId, OptionalInt historyLength, InstantSource clock) {
        this.wire = wire;
        this.requestId = requestId;
        this.historyLength = historyLength;
        this.clock = clock;
    }

    @Override
    public void on(CallEvent event) {
        queue.add(new Item.Event(event));
    }

    /** Hears the call's end; call after the listener is registered with the call. */
    void follow(RunningCall running) {
        running.settled()
                .whenComplete(
                        (task, error) ->
                                queue.add(
                                        new Item.Settled(
                                                task != null ? task : running.snapshot())));
    }

    /**
     * Writes the stream until the call settles or {@code max} passes (then with the task as it
     * stands), then returns; a client that went away stops it early.
     */
    void writeTo(Sink sink, RunningCall running, Task first, Duration max) {
        try {
            pump(sink, running, first, max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.stopListening(this);
        }
    }

    /** Ends when the client leaves: the call goes on and its task stays readable. */
    private void pump(Sink sink, RunningCall running, Task first, Duration max)
            throws InterruptedException {
        send(sink, wire.streamTask(wire.task(first, historyLength, true)));
        Set<String> sent = new HashSet<>();
        first.artifacts().forEach(a -> sent.add(a.artifactId()));
        CallState last = first.state();
        if (last == CallState.SUBMITTED || last == CallState.WORKING) {
            // The gateway starts work without an event of its own, and the task shown first may
            // or may not have started: "working" is always said once, right after it.
            last = CallState.WORKING;
            send(sink, status(first, CallState.WORKING, List.of(), false));
        }
        long deadline = System.nanoTime() + max.toNanos();
        while (!sink.clientLeft()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                finish(sink, running.snapshot(), sent);
                return;
            }
            Item item = queue.poll(Math.min(left, KEEP_ALIVE.toNanos()), TimeUnit.NANOSECONDS);
            switch (item) {
                case null -> sink.keepAlive();
                case Item.Event(CallEvent.StatusChanged changed) -> {
                    // Settled states are told once, with the task's final status; the agent's
                    // own "submitted" comes after the gateway's "working" and would go backwards.
                    if (!changed.state().settled()
                            && changed.state() != CallState.SUBMITTED
                            && (changed.state() != last || !changed.message().isEmpty())) {
                        last = changed.state();
                        send(sink, status(first, changed.state(), changed.message(), false));
                    }
                }
                case Item.Event(CallEvent.ArtifactChunk chunk) -> {
                    sent.add(chunk.artifact().artifactId());
                    send(
                            sink,
                            wire.artifactUpdate(
                                    first.id(),
                                    first.contextId(),
                                    chunk.artifact(),
                                    chunk.append(),
                                    chunk.lastChunk()));
                }
                case Item.Settled(Task task) -> {
                    finish(sink, task, sent);
                    return;
                }
            }
        }
    }

    private void finish(Sink sink, Task task, Set<String> sent) {
        for (Artifact artifact : task.artifacts()) {
            if (!sent.contains(artifact.artifactId())) {
                send(sink, wire.artifactUpdate(task.id(), task.contextId(), artifact, false, true));
            }
        }
        send(
                sink,
                wire.statusUpdate(
                        task.id(),
                        task.contextId(),
                        task.state(),
                        task.statusMessage(),
                        task.updatedAt(),
                        true));
    }

    private ObjectNode status(Task task, CallState state, List<Part> message, boolean end) {
        return wire.statusUpdate(task.id(), task.contextId(), state, message, clock.instant(), end);
    }

    private void send(Sink sink, ObjectNode event) {
        sink.send(JsonRpc.result(requestId, event));
    }
}
