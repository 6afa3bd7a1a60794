package io.peerclaw.node.gateway;

import io.peerclaw.node.config.NodeConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The callers' tasks: read from memory while this node runs them, else from storage; listed;
 * cancelled. A task still marked active long after its last change died with a node and reads as
 * failed.
 */
final class Tasks {
    /** Tasks still marked active this long after their last change died with a node. */
    private static final Duration ORPHAN_GRACE = Duration.ofMinutes(1);

    private final CallRunner runner;
    private final GatewayStore store;
    private final CallAccess access;
    private final AgentConnector connector;
    private final InstantSource clock;
    private final NodeConfig.Gateway settings;

    Tasks(
            CallRunner runner,
            GatewayStore store,
            CallAccess access,
            AgentConnector connector,
            InstantSource clock,
            NodeConfig.Gateway settings) {
        this.runner = runner;
        this.store = store;
        this.access = access;
        this.connector = connector;
        this.clock = clock;
        this.settings = settings;
    }

    Optional<Task> task(UUID id, String callerKey) {
        Optional<Task> found =
                runner.live(id).map(RunningCall::snapshot).or(() -> store.task(id, now()));
        return found.filter(t -> t.callerKey().equals(callerKey)).map(this::orphaned);
    }

    /** A task still marked active long after its last change: its node stopped mid-call. */
    private Task orphaned(Task task) {
        if (task.state().settled() || runner.live(task.id()).isPresent()) {
            return task;
        }
        Instant now = now();
        if (task.updatedAt().plus(settings.streamTimeout()).plus(ORPHAN_GRACE).isBefore(now)) {
            return task.with(
                    CallState.FAILED,
                    List.of(new Part.Text(CallRunner.NODE_STOPPED)),
                    new CallError(CallError.Kind.AGENT_ERROR, CallRunner.NODE_STOPPED),
                    task.updatedAt());
        }
        return task;
    }

    Optional<RunningCall> running(UUID id, String callerKey) {
        return runner.live(id).filter(r -> r.snapshot().callerKey().equals(callerKey) && !r.done());
    }

    Optional<Gateway.TaskPage> tasks(
            String callerKey, Gateway.TaskFilter filter, int pageSize, String pageToken) {
        Optional<GatewayStore.TaskCursor> after;
        try {
            after = TaskTokens.decode(pageToken);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        runner.recorder().flush();
        Instant now = now();
        List<Task> rows =
                store.tasks(
                        callerKey,
                        filter.agent(),
                        filter.contextId(),
                        filter.state(),
                        filter.changedAfter(),
                        after,
                        pageSize + 1,
                        now);
        String next = "";
        if (rows.size() > pageSize) {
            rows = rows.subList(0, pageSize);
            Task last = rows.getLast();
            next = TaskTokens.encode(new GatewayStore.TaskCursor(last.updatedAt(), last.id()));
        }
        long total =
                store.countTasks(
                        callerKey,
                        filter.agent(),
                        filter.contextId(),
                        filter.state(),
                        filter.changedAfter(),
                        now);
        return Optional.of(
                new Gateway.TaskPage(rows.stream().map(this::orphaned).toList(), next, total));
    }

    Gateway.Cancellation cancel(UUID id, String callerKey) {
        Optional<Task> found = task(id, callerKey);
        if (found.isEmpty()) {
            return new Gateway.Cancellation.NotFound();
        }
        Task task = found.get();
        if (task.state().terminal()) {
            return new Gateway.Cancellation.NotCancelable(task);
        }
        Instant now = now();
        Optional<RunningCall> running = runner.live(id).filter(r -> !r.done());
        if (running.isPresent()) {
            RunningCall call = running.get();
            call.update(call.snapshot().with(CallState.CANCELED, List.of(), null, now));
            call.interrupt();
            Task settled = call.await(Duration.ofSeconds(5));
            askAgentToCancel(task);
            return new Gateway.Cancellation.Canceled(settled);
        }
        askAgentToCancel(task);
        Task canceled = task.with(CallState.CANCELED, List.of(), null, now);
        runner.holdUntilWritten(canceled);
        return new Gateway.Cancellation.Canceled(canceled);
    }

    private void askAgentToCancel(Task task) {
        if (task.remoteTaskId() == null) {
            return;
        }
        access.targetOf(task.agentId())
                .ifPresent(
                        target ->
                                connector.cancel(
                                        target, task.remoteTaskId(), Duration.ofSeconds(5)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
