package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.FrontDoor;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.JsonRpc;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.gateway.RunningCall;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import io.peerclaw.node.identity.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The A2A methods, run against the gateway: sending (blocking, at once, or streamed), reading,
 * listing, cancelling and following tasks, for one agent's endpoint or for the node's own agent.
 * Answers are JSON-RPC responses in the wire generation of the method's name; refusals of access
 * and limits are HTTP answers ({@link A2aRefusals}).
 */
final class A2aCalls {
    static final String DISCOVER = "discover_agents";
    static final String FORWARD = "forward_message";
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;
    static final int DEFAULT_FOUND = 10;
    static final int MAX_FOUND = 50;

    /** Beyond the gateway's own stream deadline, in case a call never settles. */
    private static final Duration STREAM_MARGIN = Duration.ofSeconds(30);

    private static final Pattern UUID_TEXT =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Gateway gateway;
    private final AgentFinder finder;
    private final InstantSource clock;

    A2aCalls(Gateway gateway, AgentFinder finder, InstantSource clock) {
        this.gateway = gateway;
        this.finder = finder;
        this.clock = clock;
    }

    /**
     * Who asks.
     *
     * @param admission at an agent's endpoint, the caller admitted to it; empty at the node's own
     */
    record Asker(Caller caller, String clientAddress, Optional<Admission> admission) {
        String callerKey() {
            return admission
                    .map(Admission::callerKey)
                    .orElseGet(() -> Admission.callerKey(caller, clientAddress));
        }

        /** Tasks are seen through the endpoint of their agent; the node's sees all the caller's. */
        boolean sees(Task task) {
            return admission.map(a -> a.target().id().equals(task.agentId())).orElse(true);
        }
    }

    /**
     * Answers one request.
     *
     * @param versionHeader {@code A2A-Version} as sent (header or query), or null
     * @throws ApiException refusals of access (401, 403, 404) and limits (429)
     */
    Reply handle(Asker asker, JsonRpc.Request request, String versionHeader) {
        Optional<A2aVersion> requested = A2aVersion.requested(versionHeader);
        if (requested.isEmpty()) {
            return error(
                    request.id(), A2aError.versionNotSupported(versionHeader), A2aVersion.V1_0);
        }
        Optional<A2aMethod.Named> named = A2aMethod.named(request.method());
        if (named.isEmpty()) {
            return error(request.id(), A2aError.methodNotFound(request.method()), requested.get());
        }
        Wire wire = Wire.of(named.get().wire());
        try {
            return dispatch(asker, named.get().method(), request, wire);
        } catch (A2aException e) {
            return error(request.id(), e.error(), wire.version());
        }
    }

    static Reply.Single error(JsonNode id, A2aError error, A2aVersion wire) {
        return new Reply.Single(JsonRpc.error(id, error.json(wire)));
    }

    private Reply dispatch(Asker asker, A2aMethod method, JsonRpc.Request request, Wire wire) {
        return switch (method) {
            case SEND_MESSAGE -> send(asker, request, wire, false);
            case SEND_STREAMING_MESSAGE -> send(asker, request, wire, true);
            case GET_TASK -> getTask(asker, request, wire);
            case LIST_TASKS -> listTasks(asker, request, wire);
            case CANCEL_TASK -> cancel(asker, request, wire);
            case SUBSCRIBE_TO_TASK -> subscribe(asker, request, wire);
            case GET_EXTENDED_CARD -> throw new A2aException(A2aError.extendedCardNotConfigured());
            case CREATE_PUSH_CONFIG, GET_PUSH_CONFIG, LIST_PUSH_CONFIGS, DELETE_PUSH_CONFIG ->
                    throw new A2aException(A2aError.pushNotificationNotSupported());
        };
    }

    // ------------------------------------------------------------------ sending

    private Reply send(Asker asker, JsonRpc.Request request, Wire wire, boolean streaming) {
        ObjectNode params = request.params();
        IncomingMessage message = wire.message(params);
        JsonNode configuration = Wire.configuration(params);
        if (configuration.hasNonNull(wire.inlinePushConfig())) {
            throw new A2aException(A2aError.pushNotificationNotSupported());
        }
        boolean immediately = wire.returnImmediately(configuration);
        OptionalInt history = Wire.historyLength(configuration, "configuration.historyLength");
        UUID contextId = contextId(message.contextId());

        Admission admission;
        String skill;
        if (asker.admission().isPresent()) {
            admission = asker.admission().get();
            skill = message.skill().orElse(null);
        } else {
            Optional<String> target = message.metadataText("target_agent_id");
            String chosen = message.skill().orElse(target.isPresent() ? FORWARD : DISCOVER);
            switch (chosen) {
                case DISCOVER -> {
                    return discover(request.id(), message, contextId, wire, streaming);
                }
                case FORWARD -> {
                    admission =
                            admitTarget(
                                    asker,
                                    target.orElseThrow(
                                            () ->
                                                    Wire.invalid(
                                                            "metadata.target_agent_id names the"
                                                                    + " agent to forward to")));
                    skill = message.metadataText("target_skill").orElse(null);
                }
                default ->
                        throw Wire.invalid(
                                "the node's agent has the skills "
                                        + DISCOVER
                                        + " and "
                                        + FORWARD
                                        + ", not '"
                                        + chosen
                                        + "'");
            }
        }
        Optional<UUID> continues =
                message.taskId()
                        .map(
                                id ->
                                        uuid(id).orElseThrow(
                                                        () ->
                                                                new A2aException(
                                                                        A2aError.taskNotFound(
                                                                                id))));
        var call =
                new CallRequest(
                        UUID.randomUUID(),
                        contextId,
                        null,
                        skill,
                        message.parts(),
                        message.metadata());
        TaskStream stream = streaming ? new TaskStream(wire, request.id(), history, clock) : null;
        RunningCall running =
                A2aRefusals.started(
                        gateway.start(
                                admission,
                                FrontDoor.A2A,
                                call,
                                new Gateway.CallOptions(streaming, continues, message.messageId()),
                                stream),
                        message.taskId().orElse(""));
        if (stream != null) {
            stream.follow(running);
            Task first = running.snapshot();
            Duration max = gateway.settings().streamTimeout().plus(STREAM_MARGIN);
            return new Reply.Stream(sink -> stream.writeTo(sink, running, first, max));
        }
        Task task =
                immediately ? running.snapshot() : running.await(gateway.settings().callTimeout());
        return result(request.id(), wire.sendResult(wire.task(task, history, true)));
    }

    private Admission admitTarget(Asker asker, String target) {
        var admittance =
                gateway.admit(asker.caller(), asker.clientAddress(), target, Gateway.Access.CALL);
        if (admittance instanceof Refused.UnknownAgent) {
            throw Wire.invalid("metadata.target_agent_id: no agent with id " + target);
        }
        return A2aRefusals.admitted(admittance);
    }

    // ------------------------------------------------------------------ the node's discovery

    private Reply discover(
            JsonNode id, IncomingMessage message, UUID contextId, Wire wire, boolean streaming) {
        JsonNode data =
                message.parts().stream()
                        .filter(p -> p instanceof Part.Data d && d.value().isObject())
                        .map(p -> ((Part.Data) p).value())
                        .findFirst()
                        .orElse(Wire.NODES.objectNode());
        String text = Part.text(message.parts()).strip();
        Optional<String> words =
                Optional.ofNullable(Wire.text(data, "data.query"))
                        .or(() -> Optional.of(text))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty());
        Optional<String> protocol = Optional.ofNullable(Wire.text(data, "data.protocol"));
        Optional<String> capability = Optional.ofNullable(Wire.text(data, "data.capability"));
        int limit = DEFAULT_FOUND;
        JsonNode limitNode = data.get("limit");
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.canConvertToInt()
                    || !limitNode.isIntegralNumber()
                    || limitNode.asInt() < 1
                    || limitNode.asInt() > MAX_FOUND) {
                throw Wire.invalid("data.limit must be a whole number from 1 to " + MAX_FOUND);
            }
            limit = limitNode.asInt();
        }
        List<FoundAgent> found;
        try {
            found = finder.find(words, protocol, capability, limit);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.VALIDATION_ERROR) {
                throw Wire.invalid(e.getMessage());
            }
            throw e;
        }
        ObjectNode message1 =
                wire.message(
                        UUID.randomUUID().toString(),
                        true,
                        discovered(found, words),
                        null,
                        contextId);
        if (streaming) {
            ObjectNode event = JsonRpc.result(id, wire.streamMessage(message1));
            return new Reply.Stream(sink -> sink.send(event));
        }
        return result(id, wire.sendResultMessage(message1));
    }

    /** A text summary, then the agents as data. */
    static List<Part> discovered(List<FoundAgent> found, Optional<String> words) {
        String about = words.map(w -> " for '" + w + "'").orElse("");
        String summary;
        if (found.isEmpty()) {
            summary = "No agents found" + about + ".";
        } else {
            var names = new ArrayList<String>();
            for (FoundAgent agent : found) {
                names.add(agent.name() + " (" + agent.id() + ")");
            }
            summary =
                    "Found "
                            + found.size()
                            + (found.size() == 1 ? " agent" : " agents")
                            + about
                            + ": "
                            + String.join(", ", names)
                            + ".";
        }
        ObjectNode data = Wire.NODES.objectNode();
        ArrayNode agents = data.putArray("agents");
        for (FoundAgent agent : found) {
            ObjectNode a = agents.addObject();
            a.put("id", agent.id());
            a.put("name", agent.name());
            a.put("description", agent.description());
            agent.protocols().forEach(a.putArray("protocols")::add);
            a.put("reputation", agent.reputation());
            a.put("verified", agent.verified());
        }
        return List.of(new Part.Text(summary), new Part.Data(data));
    }

    // ------------------------------------------------------------------ tasks

    private Reply getTask(Asker asker, JsonRpc.Request request, Wire wire) {
        String id = requiredId(request.params());
        OptionalInt history = Wire.historyLength(request.params(), "historyLength");
        Task task = find(asker, id).orElseThrow(() -> new A2aException(A2aError.taskNotFound(id)));
        return result(request.id(), wire.task(task, history, true));
    }

    private Reply listTasks(Asker asker, JsonRpc.Request request, Wire wire) {
        ObjectNode params = request.params();
        Optional<UUID> context =
                Optional.ofNullable(Wire.text(params, "contextId"))
                        .filter(s -> !s.isEmpty())
                        .map(s -> contextId(Optional.of(s)));
        Optional<CallState> state = Optional.empty();
        String status = Wire.text(params, "status");
        if (status != null && !status.isEmpty() && !status.equals("TASK_STATE_UNSPECIFIED")) {
            state =
                    Optional.of(
                            WireV1.parseState(status)
                                    .orElseThrow(
                                            () ->
                                                    Wire.invalid(
                                                            "status must be a TASK_STATE_* value,"
                                                                    + " not '"
                                                                    + status
                                                                    + "'")));
        }
        int size = DEFAULT_PAGE;
        JsonNode pageSize = params.get("pageSize");
        if (pageSize != null && !pageSize.isNull()) {
            if (!pageSize.isIntegralNumber()
                    || !pageSize.canConvertToInt()
                    || pageSize.asInt() < 0
                    || pageSize.asInt() > MAX_PAGE) {
                throw Wire.invalid("pageSize must be a whole number from 1 to " + MAX_PAGE);
            }
            // ProtoJSON's default 0 means "not given".
            size = pageSize.asInt() == 0 ? DEFAULT_PAGE : pageSize.asInt();
        }
        String token = Optional.ofNullable(Wire.text(params, "pageToken")).orElse("");
        OptionalInt history = Wire.historyLength(params, "historyLength");
        Optional<Instant> after = Optional.empty();
        String since = Wire.text(params, "statusTimestampAfter");
        if (since != null && !since.isEmpty()) {
            try {
                after = Optional.of(Instant.parse(since));
            } catch (DateTimeParseException e) {
                throw Wire.invalid("statusTimestampAfter must be an RFC 3339 timestamp");
            }
        }
        boolean includeArtifacts = false;
        JsonNode include = params.get("includeArtifacts");
        if (include != null && !include.isNull()) {
            if (!include.isBoolean()) {
                throw Wire.invalid("includeArtifacts must be true or false");
            }
            includeArtifacts = include.asBoolean();
        }
        Gateway.TaskPage page =
                gateway.tasks(
                                asker.callerKey(),
                                new Gateway.TaskFilter(
                                        asker.admission().map(a -> a.target().id()),
                                        context,
                                        state,
                                        after),
                                size,
                                token)
                        .orElseThrow(
                                () -> Wire.invalid("pageToken is not a token of this listing"));
        ObjectNode out = Wire.NODES.objectNode();
        ArrayNode tasks = out.putArray("tasks");
        for (Task task : page.tasks()) {
            tasks.add(wire.task(task, history, includeArtifacts));
        }
        out.put("nextPageToken", page.nextPageToken());
        out.put("pageSize", size);
        out.put("totalSize", page.totalSize());
        return result(request.id(), out);
    }

    private Reply cancel(Asker asker, JsonRpc.Request request, Wire wire) {
        String id = requiredId(request.params());
        Task task = find(asker, id).orElseThrow(() -> new A2aException(A2aError.taskNotFound(id)));
        return switch (gateway.cancel(task.id(), asker.callerKey())) {
            case Gateway.Cancellation.Canceled(Task canceled) ->
                    result(request.id(), wire.task(canceled, OptionalInt.empty(), true));
            case Gateway.Cancellation.NotCancelable(Task done) ->
                    throw new A2aException(
                            A2aError.taskNotCancelable(id, wire.state(done.state())));
            case Gateway.Cancellation.NotFound() ->
                    throw new A2aException(A2aError.taskNotFound(id));
        };
    }

    private Reply subscribe(Asker asker, JsonRpc.Request request, Wire wire) {
        String id = requiredId(request.params());
        Task task = find(asker, id).orElseThrow(() -> new A2aException(A2aError.taskNotFound(id)));
        if (task.state().terminal()) {
            throw new A2aException(
                    A2aError.unsupportedOperation(
                            "task "
                                    + id
                                    + " is "
                                    + wire.state(task.state())
                                    + "; nothing follows"));
        }
        Optional<RunningCall> running = gateway.running(task.id(), asker.callerKey());
        if (running.isEmpty()) {
            // Waiting for input, or its call ran on a node that stopped: the task is all there is.
            ObjectNode first =
                    JsonRpc.result(
                            request.id(),
                            wire.streamTask(wire.task(task, OptionalInt.empty(), true)));
            ObjectNode last =
                    JsonRpc.result(
                            request.id(),
                            wire.statusUpdate(
                                    task.id(),
                                    task.contextId(),
                                    task.state(),
                                    task.statusMessage(),
                                    task.updatedAt(),
                                    true));
            return new Reply.Stream(
                    sink -> {
                        sink.send(first);
                        sink.send(last);
                    });
        }
        RunningCall call = running.get();
        var stream = new TaskStream(wire, request.id(), OptionalInt.empty(), clock);
        call.listen(stream);
        stream.follow(call);
        Task first = call.snapshot();
        Duration max = gateway.settings().streamTimeout().plus(STREAM_MARGIN);
        return new Reply.Stream(sink -> stream.writeTo(sink, call, first, max));
    }

    private Optional<Task> find(Asker asker, String id) {
        return uuid(id).flatMap(u -> gateway.task(u, asker.callerKey())).filter(asker::sees);
    }

    private static String requiredId(ObjectNode params) {
        String id = Wire.text(params, "id");
        if (id == null || id.isEmpty()) {
            throw Wire.invalid("id is required");
        }
        return id;
    }

    private static Reply.Single result(JsonNode id, JsonNode result) {
        return new Reply.Single(JsonRpc.result(id, result));
    }

    // ------------------------------------------------------------------ ids

    /** A UUID in its canonical text form, else empty (ids we never issued). */
    static Optional<UUID> uuid(String text) {
        return UUID_TEXT.matcher(text).matches()
                ? Optional.of(UUID.fromString(text))
                : Optional.empty();
    }

    /**
     * The conversation a message belongs to: the client's context id when it is a UUID; a new one
     * when it sent none; for any other text, the same name-based UUID every time, so a client that
     * keeps its own ids stays in one conversation (the answer carries the UUID).
     */
    static UUID contextId(Optional<String> given) {
        if (given.isEmpty()) {
            return UUID.randomUUID();
        }
        return uuid(given.get())
                .orElseGet(
                        () ->
                                UUID.nameUUIDFromBytes(
                                        ("a2a-context:" + given.get())
                                                .getBytes(StandardCharsets.UTF_8)));
    }
}
