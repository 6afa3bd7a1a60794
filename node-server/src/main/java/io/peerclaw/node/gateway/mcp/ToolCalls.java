package io.peerclaw.node.gateway.mcp;

import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.CallStart;
import io.peerclaw.node.gateway.FrontDoor;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.gateway.RunningCall;
import io.peerclaw.node.gateway.Task;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a tool call through the gateway and waits for it: at most {@code gateway.call_timeout} (50 s
 * by default), because MCP clients give up after 60 s. A call still running then is answered as
 * working and goes on; its task stays readable (the {@code get_task} tool of {@code /mcp}, A2A
 * {@code GetTask}).
 *
 * <p>A streamed call reports each chunk as it comes. Events are queued by the call's thread and
 * written by the request's own thread, so a slow client slows nobody else down.
 */
final class ToolCalls {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Gateway gateway;

    ToolCalls(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Receives what a streamed call reports, one message per chunk. */
    @FunctionalInterface
    interface Progress {
        /**
         * @return whether the client is still there
         */
        boolean report(String message);
    }

    /**
     * How one {@code tools/call} request is served.
     *
     * @param progress where chunks go, or null when the client asked for no progress
     * @param started told the task id as soon as the call runs, so the client can cancel it
     */
    record Exchange(Progress progress, Consumer<UUID> started) {
        static Exchange plain() {
            return new Exchange(null, _ -> {});
        }
    }

    /** What a tool call came to: the task as it stands, or a refused continuation. */
    sealed interface Outcome {
        record Answered(Task task) implements Outcome {}

        /** The task to continue is not the caller's, or does not wait for input. */
        record NotContinued(Refused refused) implements Outcome {}
    }

    /**
     * Starts the call and waits for it to settle or for the wait to run out.
     *
     * @param continues the caller's task waiting for input that this message answers
     * @throws Refusal 429 over the caller's limit
     */
    Outcome call(
            Admission admission, CallRequest request, Optional<UUID> continues, Exchange exchange) {
        var events = new LinkedBlockingQueue<CallEvent>();
        boolean stream = exchange.progress() != null;
        RunningCall running;
        switch (gateway.start(
                admission,
                FrontDoor.MCP,
                request,
                new Gateway.CallOptions(stream, continues, UUID.randomUUID().toString()),
                stream ? events::add : null)) {
            case CallStart.Started(RunningCall started) -> running = started;
            case Refused.RateLimited limited -> throw Refusal.of(limited);
            case Refused refused -> {
                return new Outcome.NotContinued(refused);
            }
        }
        exchange.started().accept(running.taskId());
        Duration wait = gateway.settings().callTimeout();
        if (!stream) {
            return new Outcome.Answered(running.await(wait));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                CallEvent event = events.poll(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS);
                if (event != null) {
                    if (!report(event, exchange.progress())) {
                        return clientLeft(running);
                    }
                } else if (running.done()) {
                    break;
                }
            }
            // Events are queued before the call settles: what is left came before the end.
            for (CallEvent event = events.poll(); event != null; event = events.poll()) {
                if (!report(event, exchange.progress())) {
                    return clientLeft(running);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Outcome.Answered(running.done() ? running.settled().join() : running.snapshot());
    }

    /** The client left; the call goes on without it. */
    private static Outcome clientLeft(RunningCall running) {
        return new Outcome.Answered(running.snapshot());
    }

    /**
     * An artifact chunk's text, or the agent's words with a new state, as one progress message.
     *
     * @return whether the client is still there
     */
    private static boolean report(CallEvent event, Progress progress) {
        String text =
                switch (event) {
                    case CallEvent.ArtifactChunk chunk -> Part.text(chunk.artifact().parts());
                    case CallEvent.StatusChanged status -> Part.text(status.message());
                };
        return text.isEmpty() || progress.report(text);
    }
}
