package io.peerclaw.node.gateway.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.Admittance;
import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.CallStart;
import io.peerclaw.node.gateway.CallableAgents;
import io.peerclaw.node.gateway.FrontDoor;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.gateway.RunningCall;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.json.JsonReadException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * ACP's use cases over the gateway, free of HTTP: listing and describing agents, creating, reading,
 * resuming and cancelling runs. Every refusal is an {@link AcpError}.
 *
 * <p>A run belongs to its caller ({@link Admission#callerKey}): another caller's run is not found.
 */
final class AcpRuns {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How the caller wants the run's answer. */
    enum Mode {
        SYNC,
        ASYNC,
        STREAM
    }

    /**
     * A run under way.
     *
     * @param live the queue its events go to (stream mode), or null
     * @param resumed it continues an awaiting run
     */
    record Started(Mode mode, RunningCall running, LiveRun live, boolean resumed) {
        UUID runId() {
            return running.taskId();
        }
    }

    private final Gateway gateway;

    AcpRuns(Gateway gateway) {
        this.gateway = gateway;
    }

    Duration callTimeout() {
        return gateway.settings().callTimeout();
    }

    Duration streamTimeout() {
        return gateway.settings().streamTimeout();
    }

    // ------------------------------------------------------------------ agents

    /** {@code {agents: [AgentManifest]}}: the agents the caller may call, own ones first. */
    ObjectNode agents(Caller caller, Optional<String> limit, Optional<String> offset) {
        int size = number(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int skip = number(offset, "offset", 0, 0, Integer.MAX_VALUE);
        List<AgentTarget> page =
                switch (gateway.callable(caller, skip, size)) {
                    case CallableAgents.Page(List<AgentTarget> agents) -> agents;
                    case Refused refused -> throw AcpError.from(refused);
                };
        ObjectNode body = NODES.objectNode();
        var agents = body.putArray("agents");
        page.forEach(target -> agents.add(Manifests.manifest(target)));
        return body;
    }

    /** The agent's manifest; an agent the caller may not see is not found. */
    ObjectNode agent(Caller caller, String clientAddress, String name) {
        return switch (gateway.admit(caller, clientAddress, name, Gateway.Access.VIEW)) {
            case Admittance.Admitted(Admission admission) -> Manifests.manifest(admission.target());
            case Refused _ -> throw AcpError.notFound("Agent " + name + " not found");
        };
    }

    // ------------------------------------------------------------------ runs

    /** Starts a run ({@code RunCreateRequest}); 429 beyond the caller's limit. */
    Started create(Caller caller, String clientAddress, byte[] body) {
        JsonNode request = object(body, "RunCreateRequest");
        String agentName = requiredText(request, "agent_name");
        Mode mode = mode(request.get("mode"));
        UUID session = session(request.get("session_id"));
        AcpParts.Input input = AcpParts.messages(request.get("input"), "input");
        requireContent(input, "input");
        Admission admission =
                admitted(gateway.admit(caller, clientAddress, agentName, Gateway.Access.CALL));
        var call =
                new CallRequest(
                        UUID.randomUUID(), session, null, input.tool(), input.parts(), null);
        return start(admission, call, mode, Optional.empty());
    }

    /** Continues an awaiting run ({@code RunResumeRequest}); 403 when it is not awaiting. */
    Started resume(Caller caller, String clientAddress, String runId, byte[] body) {
        UUID id = runId(runId);
        JsonNode request = object(body, "RunResumeRequest");
        JsonNode named = request.get("run_id");
        if (named != null && !named.isNull() && !named.asText().equals(runId)) {
            throw AcpError.invalid("run_id in the body is not the run of the path");
        }
        Mode mode = mode(request.get("mode"));
        JsonNode resume = request.get("await_resume");
        if (resume == null
                || !resume.isObject()
                || !"message".equals(resume.path("type").asText())) {
            throw AcpError.invalid(
                    "await_resume must be {\"type\": \"message\", \"message\": ...}");
        }
        AcpParts.Input input = AcpParts.message(resume.get("message"), "await_resume.message");
        requireContent(input, "await_resume.message");
        Task task = find(caller, clientAddress, runId);
        if (!task.state().interrupted()) {
            throw notAwaiting(task);
        }
        Admission admission =
                admitted(
                        gateway.admit(
                                caller,
                                clientAddress,
                                task.agentId().value(),
                                Gateway.Access.CALL));
        var call = new CallRequest(id, task.contextId(), null, input.tool(), input.parts(), null);
        return start(admission, call, mode, Optional.of(id));
    }

    private Started start(
            Admission admission, CallRequest call, Mode mode, Optional<UUID> continues) {
        LiveRun live = mode == Mode.STREAM ? new LiveRun() : null;
        var options =
                new Gateway.CallOptions(
                        mode == Mode.STREAM, continues, UUID.randomUUID().toString());
        return switch (gateway.start(admission, FrontDoor.ACP, call, options, live)) {
            case CallStart.Started(RunningCall running) ->
                    new Started(mode, running, live, continues.isPresent());
            case Refused refused -> throw AcpError.from(refused);
        };
    }

    /**
     * The answer to a sync or async run: the run once settled (sync, waiting up to {@code
     * gateway.call_timeout}, then as it stands) or as created (async).
     */
    ObjectNode answer(Started started) {
        if (started.mode() == Mode.SYNC) {
            return RunJson.run(started.running().await(callTimeout()));
        }
        Task now = started.running().snapshot();
        ObjectNode run = RunJson.run(now);
        if (!now.state().settled()) {
            run.put("status", started.resumed() ? "in-progress" : "created");
        }
        return run;
    }

    /** Writes a streamed run's events; see {@link LiveRun}. */
    void stream(Started started, LiveRun.Sink sink, Duration keepAlive) {
        started.live()
                .pump(
                        started.running(),
                        started.resumed(),
                        sink,
                        keepAlive,
                        streamTimeout().plus(Duration.ofMinutes(1)));
    }

    ObjectNode run(Caller caller, String clientAddress, String runId) {
        return RunJson.run(find(caller, clientAddress, runId));
    }

    /** {@code {events: [Event]}}: the run's events, rebuilt from the stored task. */
    ObjectNode events(Caller caller, String clientAddress, String runId) {
        ObjectNode body = NODES.objectNode();
        body.putArray("events").addAll(RunJson.events(find(caller, clientAddress, runId)));
        return body;
    }

    /**
     * Cancels a running or awaiting run; the gateway stops it at once, so the answer is already
     * {@code cancelled}. A finished run cannot be cancelled (403, as ACP's reference server).
     */
    ObjectNode cancel(Caller caller, String clientAddress, String runId) {
        UUID id = runId(runId);
        return switch (gateway.cancel(id, Admission.callerKey(caller, clientAddress))) {
            case Gateway.Cancellation.Canceled canceled -> RunJson.run(canceled.task());
            case Gateway.Cancellation.NotCancelable refused ->
                    throw AcpError.refused(
                            "Run "
                                    + runId
                                    + " is "
                                    + RunJson.status(refused.task().state())
                                    + "; only a created, in-progress or awaiting run can be"
                                    + " cancelled");
            case Gateway.Cancellation.NotFound _ -> throw runNotFound(runId);
        };
    }

    private Task find(Caller caller, String clientAddress, String runId) {
        return gateway.task(runId(runId), Admission.callerKey(caller, clientAddress))
                .orElseThrow(() -> runNotFound(runId));
    }

    private static AcpError notAwaiting(Task task) {
        return AcpError.refused(
                "Run "
                        + task.id()
                        + " is "
                        + RunJson.status(task.state())
                        + ", not awaiting; only an awaiting run can be resumed");
    }

    // ------------------------------------------------------------------ input

    /** A run id that is no UUID names no run. */
    private static UUID runId(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equals(text.toLowerCase(Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not a UUID
        }
        throw runNotFound(text);
    }

    private static AcpError runNotFound(String id) {
        return AcpError.notFound("Run " + id + " not found");
    }

    private static JsonNode object(byte[] body, String what) {
        if (body.length == 0) {
            throw AcpError.invalid("a JSON body is required: " + what);
        }
        JsonNode tree;
        try {
            tree = Json.tree(body);
        } catch (JsonReadException e) {
            throw AcpError.invalid("the body is not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw AcpError.invalid("the body must be a JSON object: " + what);
        }
        return tree;
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw AcpError.invalid(field + " is required (a string)");
        }
        return value.asText();
    }

    private static Mode mode(JsonNode value) {
        if (value == null || value.isNull()) {
            return Mode.SYNC;
        }
        return switch (value.isTextual() ? value.asText() : "") {
            case "sync" -> Mode.SYNC;
            case "async" -> Mode.ASYNC;
            case "stream" -> Mode.STREAM;
            default -> throw AcpError.invalid("mode must be sync, async or stream");
        };
    }

    /** The client's session (a UUID), or a new one: ACP's session is the gateway's context. */
    private static UUID session(JsonNode value) {
        if (value == null || value.isNull()) {
            return UUID.randomUUID();
        }
        if (value.isTextual()) {
            try {
                UUID id = UUID.fromString(value.asText());
                if (id.toString().equals(value.asText().toLowerCase(Locale.ROOT))) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw AcpError.invalid("session_id must be a UUID");
    }

    private static void requireContent(AcpParts.Input input, String field) {
        if (input.parts().isEmpty() && input.tool() == null) {
            throw AcpError.invalid(field + " has no content: every part is empty");
        }
    }

    private static int number(Optional<String> text, String name, int fallback, int min, int max) {
        if (text.isEmpty() || text.get().isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AcpError.invalid(
                name
                        + " must be a whole number from "
                        + min
                        + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }

    private static Admission admitted(Admittance admittance) {
        return switch (admittance) {
            case Admittance.Admitted(Admission admission) -> admission;
            case Refused refused -> throw AcpError.from(refused);
        };
    }
}
