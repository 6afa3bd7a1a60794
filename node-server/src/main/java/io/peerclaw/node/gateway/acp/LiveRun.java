package io.peerclaw.node.gateway.acp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.CallListener;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.RunningCall;
import io.peerclaw.node.gateway.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A run streamed as it happens ({@code mode: stream}): the agent's events, queued by the call's
 * thread as they arrive, written by the request's thread as ACP events. {@code run.created} and
 * {@code run.in-progress} first, then {@code message.created} and one {@code message.part} per part
 * of each chunk, then {@code message.completed} and the last {@code run.*} event once the call
 * settles. A working status with words (progress) becomes a {@code generic} event.
 */
final class LiveRun implements CallListener {
    /** Where the events go; a client that left is no error, it ends the writing. */
    interface Sink {
        void event(ObjectNode event);

        /** A comment line, so that idle connections are not closed by proxies. */
        void keepAlive();

        /** Whether the client left: later events go nowhere. */
        boolean clientLeft();
    }

    private record Settled(Task task) {}

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final List<ObjectNode> sent = new ArrayList<>();

    @Override
    public void on(CallEvent event) {
        queue.add(event);
    }

    /**
     * Writes the run's events until it settles, the client leaves or {@code max} passes; the call
     * itself goes on regardless and stays readable.
     *
     * @param resumed the run continues after input: it was created before
     */
    void pump(RunningCall running, boolean resumed, Sink sink, Duration keepAlive, Duration max) {
        running.settled().thenAccept(task -> queue.add(new Settled(task)));
        long deadline = System.nanoTime() + max.toNanos();
        try {
            Task start = running.snapshot();
            if (!resumed) {
                sink.event(RunJson.runEvent(RunJson.earlier(start, "created", null)));
            }
            sink.event(RunJson.runEvent(RunJson.earlier(start, "in-progress", null)));
            while (System.nanoTime() < deadline && !sink.clientLeft()) {
                Object next = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                switch (next) {
                    case null -> sink.keepAlive();
                    case CallEvent.ArtifactChunk chunk -> chunk(running.snapshot(), chunk, sink);
                    case CallEvent.StatusChanged status -> progress(status, sink);
                    case Settled settled -> {
                        finish(settled.task(), sink);
                        return;
                    }
                    default -> throw new IllegalStateException("unexpected " + next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.stopListening(this);
        }
    }

    private void chunk(Task now, CallEvent.ArtifactChunk chunk, Sink sink) {
        var parts = RunJson.parts(chunk.artifact().parts(), chunk.artifact().name());
        for (ObjectNode event : RunJson.messageEvents(now, parts, sent)) {
            if (!"message.completed".equals(event.get("type").asText())) {
                sink.event(event);
            }
        }
        sent.addAll(parts);
    }

    private static void progress(CallEvent.StatusChanged status, Sink sink) {
        String said = Part.text(status.message());
        if (status.state() == CallState.WORKING && !said.isBlank()) {
            ObjectNode generic = JsonNodeFactory.instance.objectNode();
            generic.put("status", "in-progress").put("message", said);
            sink.event(RunJson.event("generic", "generic", generic));
        }
    }

    private void finish(Task last, Sink sink) {
        List<ObjectNode> output = RunJson.outputParts(last);
        // Parts the chunks did not carry (a final answer that was never streamed) follow them.
        List<ObjectNode> rest =
                output.size() > sent.size() && output.subList(0, sent.size()).equals(sent)
                        ? output.subList(sent.size(), output.size())
                        : sent.isEmpty() ? output : List.of();
        for (ObjectNode event : RunJson.messageEvents(last, rest, sent)) {
            sink.event(event);
        }
        sink.event(RunJson.runEvent(RunJson.run(last)));
    }
}
