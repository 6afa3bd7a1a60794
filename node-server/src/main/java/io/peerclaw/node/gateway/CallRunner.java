package io.peerclaw.node.gateway;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.reputation.ReputationEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Starting and running calls: each on its own virtual thread for as long as the agent takes (up to
 * {@code gateway.stream_timeout}), its task kept in memory while it runs and written when it ends
 * (or a moment after it started, so that a long call outlives a crash), then recorded.
 */
final class CallRunner implements AutoCloseable {
    /** A call still running this long after it started has its task written at once. */
    private static final Duration PERSIST_RUNNING_AFTER = Duration.ofSeconds(1);

    static final String NODE_STOPPED = "the node stopped while this call ran";

    private final CallLimits limits;
    private final AgentConnector connector;
    private final CallRecorder recorder;
    private final AuditLog audit;
    private final InstantSource clock;
    private final NodeConfig.Gateway settings;
    private final ScheduledExecutorService persister;
    private final ConcurrentMap<UUID, RunningCall> live = new ConcurrentHashMap<>();

    /** Set when the node stops: calls cut short then are nobody's fault. */
    private volatile boolean stopping;

    CallRunner(
            CallLimits limits,
            AgentConnector connector,
            GatewayStore store,
            ReputationEngine reputation,
            AuditLog audit,
            InstantSource clock,
            NodeConfig.Gateway settings,
            ScheduledExecutorService persister) {
        this.limits = limits;
        this.connector = connector;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.persister = persister;
        this.recorder = new CallRecorder(store, reputation, this::written);
    }

    CallRecorder recorder() {
        return recorder;
    }

    /** The call behind a task, while this node runs it or holds it until written. */
    Optional<RunningCall> live(UUID taskId) {
        return Optional.ofNullable(live.get(taskId));
    }

    /** Keeps a settled task readable from memory until it is written, like a finished call. */
    void holdUntilWritten(Task settled) {
        var holder = new RunningCall(UUID.randomUUID(), settled);
        holder.settle(settled);
        live.put(settled.id(), holder);
        recorder.task(settled, now().plus(settings.taskTtl()), false);
    }

    /**
     * Starts a call (see {@link Gateway#start}).
     *
     * @param previous the task the call continues, already checked to be the caller's and of this
     *     agent, or empty for a new task
     * @param skills the agent's skills, to resolve the skill the call names
     */
    CallStart start(
            Admission admission,
            FrontDoor door,
            CallRequest request,
            Gateway.CallOptions options,
            Optional<Task> previous,
            CallListener listener,
            Function<Admission, AgentConnector.Skills> skills) {
        Instant now = now();
        Task task;
        if (previous.isPresent()) {
            Task continued = previous.get();
            if (!continued.state().interrupted()) {
                return new Refused.NotAwaitingInput(
                        "task "
                                + continued.id()
                                + " is "
                                + continued.state().name().toLowerCase(Locale.ROOT)
                                + ", not waiting for input");
            }
            var history = new ArrayList<>(continued.history());
            history.add(new HistoryMessage(false, options.messageId(), request.parts()));
            task =
                    continued
                            .withHistory(history, continued.remoteTaskId(), now)
                            .with(CallState.WORKING, List.of(), null, now);
            request =
                    new CallRequest(
                            continued.id(),
                            continued.contextId(),
                            continued.remoteTaskId(),
                            request.skill(),
                            request.parts(),
                            request.metadata());
        } else {
            task =
                    new Task(
                            request.callId(),
                            admission.target().id(),
                            admission.callerKey(),
                            request.contextId(),
                            door,
                            CallState.SUBMITTED,
                            List.of(
                                    new HistoryMessage(
                                            false, options.messageId(), request.parts())),
                            List.of(),
                            List.of(),
                            null,
                            null,
                            now,
                            now);
        }
        OptionalLong wait = limits.acquire(admission.callerKey());
        if (wait.isPresent()) {
            audit.recordThrottled(
                    AuditEvent.RATE_LIMITED,
                    admission.target().id().value(),
                    Map.of("caller", admission.callerKey(), "limit", "calls_per_hour"));
            return new Refused.RateLimited(wait.getAsLong());
        }
        var running = new RunningCall(UUID.randomUUID(), task);
        if (listener != null) {
            running.listen(listener);
        }
        live.put(task.id(), running);
        if (previous.isPresent()) {
            // The task's row exists: every write of it is an update.
            synchronized (running) {
                running.markStored();
            }
            recorder.task(task, now.plus(settings.taskTtl()), false);
        } else {
            // Most calls end within milliseconds: their task is written once, when they end. One
            // still running a moment later is written now, so that it outlives a crash.
            persister.schedule(
                    () -> persistRunning(running),
                    PERSIST_RUNNING_AFTER.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        CallRequest call = request;
        Thread worker =
                Thread.ofVirtual()
                        .name("peerclaw-call-" + task.id())
                        .unstarted(() -> run(admission, door, call, options, running, skills));
        running.runsOn(worker);
        worker.start();
        return new CallStart.Started(running);
    }

    private void persistRunning(RunningCall running) {
        if (stopping) {
            return; // close() records the calls still running
        }
        synchronized (running) {
            if (!running.done() && running.markStored()) {
                recorder.task(running.snapshot(), now().plus(settings.taskTtl()), true);
            }
        }
    }

    private void run(
            Admission admission,
            FrontDoor door,
            CallRequest request,
            Gateway.CallOptions options,
            RunningCall running,
            Function<Admission, AgentConnector.Skills> skills) {
        long started = System.nanoTime();
        CallResult result;
        try {
            Skill skill = null;
            if (request.skill() != null) {
                var resolved = resolveSkill(admission, request.skill(), skills.apply(admission));
                if (resolved instanceof SkillChoice.Unknown(CallError error)) {
                    result = CallResult.failed(error);
                    finish(admission, door, request, running, result, started);
                    return;
                }
                skill = ((SkillChoice.Known) resolved).skill();
            }
            running.update(running.snapshot().with(CallState.WORKING, List.of(), null, now()));
            CallListener tracker =
                    event -> {
                        running.update(running.snapshot().withEvent(event, now()));
                        running.emit(event);
                    };
            result =
                    connector.call(
                            admission.target(),
                            request,
                            skill,
                            settings.streamTimeout(),
                            options.stream() ? tracker : CallListener.IGNORE);
        } catch (RuntimeException e) {
            result =
                    CallResult.failed(
                            new CallError(
                                    CallError.Kind.BAD_RESPONSE,
                                    "the gateway could not complete the call: " + e.getMessage()));
        }
        // Cancellation interrupts the worker; whatever the connector made of that, it was canceled.
        Thread.interrupted();
        if (stopping) {
            result =
                    new CallResult(
                            CallState.FAILED,
                            running.snapshot().artifacts(),
                            List.of(new Part.Text(NODE_STOPPED)),
                            result.remoteTaskId(),
                            new CallError(CallError.Kind.AGENT_ERROR, NODE_STOPPED));
        } else if (running.snapshot().state() == CallState.CANCELED) {
            result =
                    new CallResult(
                            CallState.CANCELED,
                            running.snapshot().artifacts(),
                            List.of(),
                            result.remoteTaskId(),
                            null);
        }
        finish(admission, door, request, running, result, started);
    }

    private sealed interface SkillChoice {
        record Known(Skill skill) implements SkillChoice {}

        record Unknown(CallError error) implements SkillChoice {}
    }

    private static SkillChoice resolveSkill(
            Admission admission, String name, AgentConnector.Skills skills) {
        return switch (skills) {
            case AgentConnector.Skills.Listed(List<Skill> all) ->
                    all.stream()
                            .filter(s -> s.name().equals(name))
                            .findFirst()
                            .<SkillChoice>map(SkillChoice.Known::new)
                            .orElseGet(() -> unknownSkill(admission, name, all));
            // The agent cannot list them now; let the call itself say what is wrong.
            case AgentConnector.Skills.Unavailable _ ->
                    new SkillChoice.Known(
                            new Skill(
                                    name,
                                    null,
                                    "",
                                    List.of(),
                                    io.peerclaw.shared.json.Json.mapper().createObjectNode(),
                                    null));
        };
    }

    private static SkillChoice unknownSkill(Admission admission, String name, List<Skill> all) {
        return new SkillChoice.Unknown(
                new CallError(
                        CallError.Kind.UNKNOWN_TOOL,
                        "agent "
                                + admission.target().id()
                                + " has no tool or skill '"
                                + name
                                + "'; it has: "
                                + String.join(", ", all.stream().map(Skill::name).toList())));
    }

    private void finish(
            Admission admission,
            FrontDoor door,
            CallRequest request,
            RunningCall running,
            CallResult result,
            long startedNanos) {
        Instant now = now();
        Task current = running.snapshot();
        List<Artifact> artifacts =
                result.artifacts().isEmpty() ? current.artifacts() : result.artifacts();
        var history = new ArrayList<>(current.history());
        if (result.state().interrupted() && !result.statusMessage().isEmpty()) {
            history.add(
                    new HistoryMessage(true, UUID.randomUUID().toString(), result.statusMessage()));
        }
        Task last =
                current.withHistory(
                                history,
                                result.remoteTaskId() != null
                                        ? result.remoteTaskId()
                                        : current.remoteTaskId(),
                                now)
                        .withArtifacts(artifacts, now)
                        .with(result.state(), result.statusMessage(), result.error(), now);
        long durationMs = (System.nanoTime() - startedNanos) / 1_000_000;
        var record =
                FinishedCalls.of(
                        running.invocationId(),
                        admission,
                        door,
                        request,
                        result,
                        last,
                        durationMs,
                        stopping,
                        settings.previewBytes(),
                        now);
        // Queued before the call settles: settling answers the caller, who may read the
        // invocation at once, and a read flushes only what was queued before it.
        recorder.invocation(record.invocation(), admission.target().id(), record.outcome());
        // Settled before the task is queued, so that the write can let go of the live call.
        synchronized (running) {
            running.settle(last);
            recorder.task(last, now.plus(settings.taskTtl()), running.markStored());
        }
    }

    /** Once a settled call's last state is stored, memory lets go of it. */
    private void written(Task task) {
        live.computeIfPresent(
                task.id(),
                (_, running) -> running.done() && running.snapshot() == task ? null : running);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Stops running calls (their tasks end failed, "the node stopped"), waits briefly for them to
     * be recorded, and writes everything queued.
     */
    @Override
    public void close() {
        stopping = true;
        var running = List.copyOf(live.values());
        running.forEach(RunningCall::interrupt);
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        for (RunningCall call : running) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                call.await(Duration.ofNanos(left));
            }
        }
        recorder.close();
    }
}
