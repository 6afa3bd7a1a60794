package io.peerclaw.node.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.shared.model.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What every front door (A2A, MCP, ACP, invoke, bridge) goes through to reach an agent: who may
 * call it ({@link #admit}, by {@link CallAccess}), its skills, the call itself with the caller's
 * limits ({@link CallRunner}), the task or run the call belongs to ({@link Tasks}), the invocation
 * record and the agent's reputation event ({@link CallRecorder}).
 *
 * <p>Refusals are results ({@link Refused}), free of any protocol: each front door says them in its
 * own. A blocking caller waits up to {@code gateway.call_timeout} and is then answered with the
 * task as it stands, which goes on and stays readable.
 */
public final class Gateway implements AutoCloseable {
    /** How much the gateway needs of the caller. */
    public enum Access {
        /** Reading a card: public agents are open to everyone. */
        VIEW,
        /** Calls, session handshakes, skill listings and task reads: the full rules. */
        CALL
    }

    private final CallAccess access;
    private final AgentConnector connector;
    private final GatewayStore store;
    private final CallRunner runner;
    private final Tasks tasks;
    private final AuditLog audit;
    private final InstantSource clock;
    private final NodeConfig.Gateway settings;
    private final Cache<String, List<Skill>> skills;

    Gateway(
            CallAccess access,
            CallRunner runner,
            AgentConnector connector,
            GatewayStore store,
            AuditLog audit,
            InstantSource clock,
            NodeConfig.Gateway settings) {
        this.access = access;
        this.runner = runner;
        this.connector = connector;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.tasks = new Tasks(runner, store, access, connector, clock, settings);
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
     * Admits the caller to the agent, or says why not: an unknown agent (or a malformed id), a
     * refusal credentials would help with, or one they would not. Refused calls are audited.
     */
    public Admittance admit(Caller caller, String clientAddress, String agentId, Access level) {
        Optional<AgentId> id = AgentId.parse(agentId);
        if (id.isEmpty()) {
            return new Refused.UnknownAgent("no agent with id " + agentId);
        }
        Admittance admittance = access.admit(caller, clientAddress, id.get(), level);
        if (level == Access.CALL
                && admittance instanceof Refused refused
                && !(refused instanceof Refused.UnknownAgent)) {
            audit.recordThrottled(
                    AuditEvent.CALL_REFUSED,
                    id.get().value(),
                    Map.of(
                            "caller",
                            Admission.callerKey(caller, clientAddress),
                            "reason",
                            refused.message()));
        }
        return admittance;
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
     * name; refused for a user's key without the {@code invoke} scope.
     */
    public CallableAgents callable(Caller caller, int offset, int limit) {
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
     * Starts a call: counts it against the caller's limit, records it, and runs it on its own
     * thread. The listener, when given, hears every event from the start. Refused over the limit
     * (with the seconds until a call is allowed), and when {@code continues} names no task of the
     * caller at this agent or one that does not wait for input.
     */
    public CallStart start(
            Admission admission,
            FrontDoor door,
            CallRequest request,
            CallOptions options,
            CallListener listener) {
        Optional<Task> previous = Optional.empty();
        if (options.continues().isPresent()) {
            UUID continued = options.continues().get();
            previous =
                    task(continued, admission.callerKey())
                            .filter(t -> t.agentId().equals(admission.target().id()));
            if (previous.isEmpty()) {
                return new Refused.UnknownTask(continued);
            }
        }
        return runner.start(admission, door, request, options, previous, listener, this::skills);
    }

    // ------------------------------------------------------------------ tasks

    /** The caller's task, from memory while this node runs it, else from storage. */
    public Optional<Task> task(UUID id, String callerKey) {
        return tasks.task(id, callerKey);
    }

    /** The running call behind a task of this caller, if this node runs it now. */
    public Optional<RunningCall> running(UUID id, String callerKey) {
        return tasks.running(id, callerKey);
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
     * The caller's tasks, most recently changed first; empty for a page token this listing did not
     * make.
     */
    public Optional<TaskPage> tasks(
            String callerKey, TaskFilter filter, int pageSize, String pageToken) {
        return tasks.tasks(callerKey, filter, pageSize, pageToken);
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
        return tasks.cancel(id, callerKey);
    }

    // ------------------------------------------------------------------ invocations

    /** Waits until every call so far is written (tests, listings that must be complete). */
    public void flush() {
        runner.recorder().flush();
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
    Map<String, Long> recentCalls() {
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
        runner.close();
    }
}
