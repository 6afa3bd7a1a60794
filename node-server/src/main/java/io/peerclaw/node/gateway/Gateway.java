package io.peerclaw.node.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.reputation.ReputationEngine.CallOutcome;
import io.peerclaw.shared.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * What every front door (A2A, MCP, ACP, invoke, bridge) goes through to reach an agent: who may
 * call it ({@link #admit}), its skills, the call itself with the caller's limits, the task or run
 * the call belongs to, the invocation record and the agent's reputation event.
 *
 * <p>A call runs on its own virtual thread for as long as the agent takes (up to {@code
 * gateway.stream_timeout}); a blocking caller waits up to {@code gateway.call_timeout} and is then
 * answered with the task as it stands, which goes on and stays readable.
 */
public final class Gateway implements AutoCloseable {
    /** A call still running this long after it started has its task written at once. */
    private static final Duration PERSIST_RUNNING_AFTER = Duration.ofSeconds(1);

    private static final String NODE_STOPPED = "the node stopped while this call ran";

    /** Tasks still marked active this long after their last change died with a node. */
    private static final Duration ORPHAN_GRACE = Duration.ofMinutes(1);

    /** How much the gateway needs of the caller. */
    public enum Access {
        /** Reading a card: public agents are open to everyone. */
        VIEW,
        /** Calls, session handshakes, skill listings and task reads: the full rules. */
        CALL
    }

    private final CallAccess access;
    private final CallLimits limits;
    private final AgentConnector connector;
    private final GatewayStore store;
    private final CallRecorder recorder;
    private final AuditLog audit;
    private final InstantSource clock;
    private final NodeConfig.Gateway settings;
    private final ConcurrentMap<UUID, RunningCall> live = new ConcurrentHashMap<>();
    private final Cache<String, List<Skill>> skills;

    /** Set when the node stops: calls cut short then are nobody's fault. */
    private volatile boolean stopping;

    private final java.util.concurrent.ScheduledExecutorService persister;

    Gateway(
            CallAccess access,
            CallLimits limits,
            AgentConnector connector,
            GatewayStore store,
            io.peerclaw.node.reputation.ReputationEngine reputation,
            AuditLog audit,
            InstantSource clock,
            NodeConfig.Gateway settings,
            java.util.concurrent.ScheduledExecutorService persister) {
        this.access = access;
        this.persister = persister;
        this.limits = limits;
        this.connector = connector;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.recorder = new CallRecorder(store, reputation, this::written);
        this.skills =
                Caffeine.newBuilder()
                        .expireAfterWrite(Duration.ofSeconds(30))
                        .maximumSize(10_000)
                        .build();
    }

    public NodeConfig.Gateway settings() {
        return settings;
    }

    // ------------------------------------------------------------------ admission

    /**
     * Admits the caller to the agent, or throws: 404 for an unknown agent (or a malformed id), 401
     * when credentials would help, 403 when they would not.
     */
    public Admission admit(Caller caller, String clientAddress, String agentId, Access level) {
        AgentId id =
                AgentId.parse(agentId)
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + agentId));
        try {
            return access.admit(caller, clientAddress, id, level);
        } catch (ApiException e) {
            if (level == Access.CALL && e.code() != io.peerclaw.node.http.ErrorCode.NOT_FOUND) {
                audit.recordThrottled(
                        AuditEvent.CALL_REFUSED,
                        id.value(),
                        Map.of(
                                "caller",
                                Admission.callerKey(caller, clientAddress),
                                "reason",
                                e.getMessage()));
            }
            throw e;
        }
    }

    /**
     * Whether anyone may call the agent without credentials: public, not suspended, and its owner
     * enabled the playground. Cards say so, so clients know when to send credentials.
     */
    public boolean openToAnonymous(AgentId id) {
        return access.openToAnonymous(id);
    }

    /**
     * One page of the agents the caller may call (what {@link #admit} with {@link Access#CALL}
     * would let through, except for limits): the caller's own agents first, then the others by
     * name.
     *
     * @throws ApiException 403 for a user's key without the {@code invoke} scope
     */
    public List<AgentTarget> callable(Caller caller, int offset, int limit) {
        return access.callable(caller, offset, limit);
    }

    // ------------------------------------------------------------------ skills

    /** The agent's skills (briefly cached), or why they cannot be read. */
    public AgentConnector.Skills skills(Admission admission) {
        AgentTarget target = admission.target();
        String key = target.id().value() + '|' + target.endpointUrl();
        List<Skill> cached = skills.getIfPresent(key);
        if (cached != null) {
            return new AgentConnector.Skills.Listed(cached);
        }
        var listed = connector.skills(target, settings.callTimeout());
        if (listed instanceof AgentConnector.Skills.Listed(List<Skill> found)) {
            skills.put(key, found);
        }
        return listed;
    }

    // ------------------------------------------------------------------ calls

    /**
     * Options of one call.
     *
     * @param stream the caller wants the agent's chunks as they come
     * @param continues the task this message continues (it must be the caller's and waiting for
     *     input), or empty for a new task
     * @param messageId the caller's id for its message, kept in the task's history
     */
    public record CallOptions(boolean stream, Optional<UUID> continues, String messageId) {
        public static CallOptions blocking() {
            return new CallOptions(false, Optional.empty(), UUID.randomUUID().toString());
        }
    }

    /**
     * Starts a call: counts it against the caller's limit (429 with {@code Retry-After} beyond it),
     * records it, and runs it on its own thread. The listener, when given, hears every event from
     * the start.
     *
     * @throws ApiException 429 over the limit; 404 when {@code continues} names no task of the
     *     caller; 409 when that task does not wait for input
     */
    public RunningCall start(
            Admission admission,
            FrontDoor door,
            CallRequest request,
            CallOptions options,
            CallListener listener) {
        Instant now = now();
        Task task;
        if (options.continues().isPresent()) {
            Task previous =
                    task(options.continues().get(), admission.callerKey())
                            .filter(t -> t.agentId().equals(admission.target().id()))
                            .orElseThrow(
                                    () ->
                                            ApiException.notFound(
                                                    "no task " + options.continues().get()));
            if (!previous.state().interrupted()) {
                throw ApiException.conflict(
                        "task "
                                + previous.id()
                                + " is "
                                + previous.state().name().toLowerCase(java.util.Locale.ROOT)
                                + ", not waiting for input");
            }
            var history = new ArrayList<>(previous.history());
            history.add(new HistoryMessage(false, options.messageId(), request.parts()));
            task =
                    previous.withHistory(history, previous.remoteTaskId(), now)
                            .with(CallState.WORKING, List.of(), null, now);
            request =
                    new CallRequest(
                            previous.id(),
                            previous.contextId(),
                            previous.remoteTaskId(),
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
            throw ApiException.rateLimited(wait.getAsLong());
        }
        var running = new RunningCall(UUID.randomUUID(), task);
        if (listener != null) {
            running.listen(listener);
        }
        live.put(task.id(), running);
        if (options.continues().isPresent()) {
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
                        .unstarted(() -> run(admission, door, call, options, running));
        running.runsOn(worker);
        worker.start();
        return running;
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
            CallOptions options,
            RunningCall running) {
        long started = System.nanoTime();
        CallResult result;
        try {
            Skill skill = null;
            if (request.skill() != null) {
                var resolved = resolveSkill(admission, request.skill());
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
                        running.update(apply(running.snapshot(), event, now()));
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

    private SkillChoice resolveSkill(Admission admission, String name) {
        return switch (skills(admission)) {
            case AgentConnector.Skills.Listed(List<Skill> all) ->
                    all.stream()
                            .filter(s -> s.name().equals(name))
                            .findFirst()
                            .<SkillChoice>map(SkillChoice.Known::new)
                            .orElseGet(
                                    () ->
                                            new SkillChoice.Unknown(
                                                    new CallError(
                                                            CallError.Kind.UNKNOWN_TOOL,
                                                            "agent "
                                                                    + admission.target().id()
                                                                    + " has no tool or skill '"
                                                                    + name
                                                                    + "'; it has: "
                                                                    + String.join(
                                                                            ", ",
                                                                            all.stream()
                                                                                    .map(
                                                                                            Skill
                                                                                                    ::name)
                                                                                    .toList()))));
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
        String status;
        CallOutcome outcome;
        if (result.error() != null && result.error().kind() == CallError.Kind.TIMEOUT) {
            status = "timeout";
            outcome = CallOutcome.TIMEOUT;
        } else if (result.error() != null && result.error().kind().callersFault()) {
            status = "rejected";
            outcome = null;
        } else if (result.state() == CallState.CANCELED) {
            status = "canceled";
            outcome = null;
        } else if (stopping) {
            status = "error";
            outcome = null;
        } else if (result.state() == CallState.FAILED || result.state() == CallState.REJECTED) {
            status = "error";
            outcome = CallOutcome.ERROR;
        } else {
            status = "success";
            outcome = CallOutcome.SUCCESS;
        }
        var caller = admission.caller();
        // Settled before it is queued, so that the write can let go of the live call.
        synchronized (running) {
            running.settle(last);
            recorder.task(last, now.plus(settings.taskTtl()), running.markStored());
        }
        recorder.invocation(
                new Invocation(
                        running.invocationId(),
                        admission.target().id().value(),
                        last.id(),
                        caller instanceof Caller.User u ? u.userId() : null,
                        caller instanceof Caller.Agent a ? a.id().value() : null,
                        admission.clientAddress(),
                        admission.target().protocol(),
                        door.wire(),
                        status,
                        durationMs,
                        result.error() == null ? null : cap(result.error().message(), 1000),
                        cap(previewOf(request), settings.previewBytes()),
                        cap(last.text(), settings.previewBytes()),
                        now.minusMillis(durationMs)),
                admission.target().id(),
                outcome);
    }

    private static String previewOf(CallRequest request) {
        String text = request.text();
        if (!text.isEmpty()) {
            return text;
        }
        return Snapshots.parts(request.parts()).toString();
    }

    /** At most {@code maxBytes} of UTF-8, cut at a character boundary; null for 0. */
    static String cap(String text, int maxBytes) {
        if (text == null || maxBytes <= 0) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** A task with one event applied: artifact chunks appended or replaced, states moved on. */
    static Task apply(Task task, CallEvent event, Instant now) {
        return switch (event) {
            case CallEvent.StatusChanged s ->
                    task.with(
                            s.state(),
                            s.message().isEmpty() ? task.statusMessage() : s.message(),
                            task.error(),
                            now);
            case CallEvent.ArtifactChunk chunk -> {
                var artifacts = new ArrayList<Artifact>();
                boolean merged = false;
                for (Artifact a : task.artifacts()) {
                    if (a.artifactId().equals(chunk.artifact().artifactId())) {
                        var parts = new ArrayList<Part>();
                        if (chunk.append()) {
                            parts.addAll(a.parts());
                        }
                        parts.addAll(chunk.artifact().parts());
                        artifacts.add(new Artifact(a.artifactId(), a.name(), parts));
                        merged = true;
                    } else {
                        artifacts.add(a);
                    }
                }
                if (!merged) {
                    artifacts.add(chunk.artifact());
                }
                yield task.withArtifacts(artifacts, now);
            }
        };
    }

    // ------------------------------------------------------------------ tasks

    /** The caller's task, from memory while this node runs it, else from storage. */
    public Optional<Task> task(UUID id, String callerKey) {
        RunningCall running = live.get(id);
        Optional<Task> found =
                running != null ? Optional.of(running.snapshot()) : store.task(id, now());
        return found.filter(t -> t.callerKey().equals(callerKey)).map(this::orphaned);
    }

    /** A task still marked active long after its last change: its node stopped mid-call. */
    private Task orphaned(Task task) {
        if (task.state().settled() || live.containsKey(task.id())) {
            return task;
        }
        Instant now = now();
        if (task.updatedAt().plus(settings.streamTimeout()).plus(ORPHAN_GRACE).isBefore(now)) {
            return task.with(
                    CallState.FAILED,
                    List.of(new Part.Text("the node stopped while this call ran")),
                    new CallError(
                            CallError.Kind.AGENT_ERROR, "the node stopped while this call ran"),
                    task.updatedAt());
        }
        return task;
    }

    /** The running call behind a task of this caller, if this node runs it now. */
    public Optional<RunningCall> running(UUID id, String callerKey) {
        return Optional.ofNullable(live.get(id))
                .filter(r -> r.snapshot().callerKey().equals(callerKey) && !r.done());
    }

    /** Filters of a task listing; empty means any. */
    public record TaskFilter(
            Optional<AgentId> agent,
            Optional<UUID> contextId,
            Optional<CallState> state,
            Optional<Instant> changedAfter) {
        public static TaskFilter none() {
            return new TaskFilter(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** One page of tasks and the token of the next ({@code ""} after the last). */
    public record TaskPage(List<Task> tasks, String nextPageToken, long totalSize) {}

    /**
     * The caller's tasks, most recently changed first.
     *
     * @throws ApiException 400 for a malformed page token
     */
    public TaskPage tasks(String callerKey, TaskFilter filter, int pageSize, String pageToken) {
        recorder.flush();
        Optional<GatewayStore.TaskCursor> after = TaskTokens.decode(pageToken);
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
        return new TaskPage(rows.stream().map(this::orphaned).toList(), next, total);
    }

    /** What cancelling a task came to. */
    public sealed interface Cancellation {
        record Canceled(Task task) implements Cancellation {}

        record NotCancelable(Task task) implements Cancellation {}

        record NotFound() implements Cancellation {}
    }

    /**
     * Cancels the caller's task: a running call is stopped (and the agent asked to cancel its own
     * task), a task waiting for input is closed; a finished one cannot be canceled.
     */
    public Cancellation cancel(UUID id, String callerKey) {
        Optional<Task> found = task(id, callerKey);
        if (found.isEmpty()) {
            return new Cancellation.NotFound();
        }
        Task task = found.get();
        if (task.state().terminal()) {
            return new Cancellation.NotCancelable(task);
        }
        Instant now = now();
        RunningCall running = live.get(id);
        if (running != null && !running.done()) {
            running.update(running.snapshot().with(CallState.CANCELED, List.of(), null, now));
            running.interrupt();
            Task settled = running.await(Duration.ofSeconds(5));
            askAgentToCancel(task);
            return new Cancellation.Canceled(settled);
        }
        askAgentToCancel(task);
        Task canceled = task.with(CallState.CANCELED, List.of(), null, now);
        // Readable from memory until written, like a finished call.
        var holder = new RunningCall(UUID.randomUUID(), canceled);
        holder.settle(canceled);
        live.put(id, holder);
        recorder.task(canceled, now.plus(settings.taskTtl()), false);
        return new Cancellation.Canceled(canceled);
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

    /** Once a settled call's last state is stored, memory lets go of it. */
    private void written(Task task) {
        live.computeIfPresent(
                task.id(),
                (_, running) -> running.done() && running.snapshot() == task ? null : running);
    }

    // ------------------------------------------------------------------ invocations

    /** Waits until every call so far is written (tests, listings that must be complete). */
    public void flush() {
        recorder.flush();
    }

    GatewayStore store() {
        return store;
    }

    // ------------------------------------------------------------------ upkeep

    /** Forgets expired tasks and invocations past their retention. */
    public int cleanUp() {
        Instant now = now();
        return store.cleanUp(now, now.minus(settings.invocationRetention()));
    }

    /** Calls per agent in the last seven days. */
    java.util.Map<String, Long> recentCalls() {
        return store.callsPerAgent(now().minus(Duration.ofDays(7)));
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
