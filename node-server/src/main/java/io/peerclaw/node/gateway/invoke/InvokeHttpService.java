package io.peerclaw.node.gateway.invoke;

import static io.peerclaw.node.http.QueryParameters.integer;
import static io.peerclaw.node.http.QueryParameters.text;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.FrontDoor;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.Invocation;
import io.peerclaw.node.gateway.InvocationLog;
import io.peerclaw.node.gateway.RunningCall;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.EventStream;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.QueryParameters;
import io.peerclaw.node.http.RequestContext;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.shared.model.AgentId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/v1/invoke/{agent_id}} and the invocation log, {@code GET /api/v1/invocations}
 * and {@code GET /api/v1/invocations/{id}}.
 *
 * <pre>
 * curl -X POST localhost:8080/api/v1/invoke/$AGENT -H "Authorization: Bearer $TOKEN" \
 *      -H 'Content-Type: application/json' -d '{"message":"hello"}'
 * curl -N -X POST localhost:8080/api/v1/invoke/$AGENT -H "Authorization: Bearer $TOKEN" \
 *      -H 'Content-Type: application/json' -d '{"message":"hello","stream":true}'
 * </pre>
 */
final class InvokeHttpService implements HttpService {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Duration DONE_CHECK = Duration.ofMillis(50);

    private final Gateway gateway;
    private final InvocationLog log;
    private final Authenticator authenticator;

    InvokeHttpService(Gateway gateway, InvocationLog log, Authenticator authenticator) {
        this.gateway = gateway;
        this.log = log;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/invoke/{id}", this::invoke)
                .any("/invoke/{id}", MethodNotAllowed.allowing("POST"))
                .get("/invocations", this::list)
                .any("/invocations", MethodNotAllowed.allowing("GET"))
                .get("/invocations/{id}", this::one)
                .any("/invocations/{id}", MethodNotAllowed.allowing("GET"));
    }

    private static String client() {
        return RequestContext.current().map(RequestContext::clientIp).orElse("unknown");
    }

    private void invoke(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        Caller caller = authenticator.authenticate(IncomingRequest.of(req), body);
        // Who may call comes before what they sent: a stranger learns nothing from a 400.
        Admission admission =
                Refusals.admitted(
                        gateway.admit(
                                caller,
                                client(),
                                req.path().pathParameters().get("id"),
                                Gateway.Access.CALL));
        InvokeRequest invoke = InvokeRequest.parse(body);
        if (invoke.protocol().isPresent()) {
            admission = inProtocol(admission, invoke.protocol().get());
        }
        var call = invoke.toCall(admission.callerKey());
        var options =
                new Gateway.CallOptions(
                        invoke.stream(), Optional.empty(), UUID.randomUUID().toString());
        if (invoke.stream()) {
            stream(res, admission, invoke, call, options);
            return;
        }
        long started = System.nanoTime();
        RunningCall running =
                Refusals.started(gateway.start(admission, FrontDoor.INVOKE, call, options, null));
        Task task = running.await(gateway.settings().callTimeout());
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        var failure = Answers.failure(task);
        if (failure.isPresent()) {
            throw failure.get();
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("id", running.invocationId());
        out.put("agent_id", admission.target().id().value());
        out.put("response", task.text());
        Answers.data(task).ifPresent(d -> out.put("data", d));
        out.put("protocol", admission.target().protocol());
        out.put("duration_ms", durationMs);
        out.put("session_id", invoke.sessionId());
        out.put("task_id", task.id());
        out.put("state", Answers.state(task.state()));
        // Still working when the wait ran out: the call goes on; its record appears when it ends.
        JsonBodies.send(res, task.state().settled() ? Status.OK_200 : Status.ACCEPTED_202, out);
    }

    /** One chunk's event data, its members always in this order (clients may print it as is). */
    private static Map<String, Object> chunk(String content, String protocol) {
        var data = new LinkedHashMap<String, Object>();
        data.put("content", content);
        data.put("protocol", protocol);
        return data;
    }

    /** The agent called in another protocol it declares. */
    private static Admission inProtocol(Admission admission, String protocol) {
        var declared =
                Optional.ofNullable(admission.target().card().protocols())
                        .orElse(List.of())
                        .stream()
                        .map(p -> p.toLowerCase(Locale.ROOT))
                        .toList();
        if (!declared.contains(protocol)) {
            throw ApiException.invalid(
                    "protocol",
                    "agent "
                            + admission.target().id()
                            + " does not speak "
                            + protocol
                            + "; it speaks "
                            + (declared.isEmpty() ? "a2a" : String.join(", ", declared)));
        }
        return admission.withProtocol(protocol);
    }

    private void stream(
            ServerResponse res,
            Admission admission,
            InvokeRequest invoke,
            io.peerclaw.node.gateway.CallRequest call,
            Gateway.CallOptions options) {
        var events = new LinkedBlockingQueue<CallEvent>();
        long started = System.nanoTime();
        // Limits and refusals are answered as problems, before the stream starts.
        RunningCall running =
                Refusals.started(
                        gateway.start(admission, FrontDoor.INVOKE, call, options, events::add));
        String protocol = admission.target().protocol();
        long deadline = started + gateway.settings().streamTimeout().toNanos();
        try (var sse = EventStream.open(res)) {
            var start = new LinkedHashMap<String, Object>();
            start.put("id", running.invocationId());
            start.put("agent_id", admission.target().id().value());
            start.put("session_id", invoke.sessionId());
            sse.send("start", start);
            boolean sentContent = false;
            long quietSince = System.nanoTime();
            while ((!running.done() || !events.isEmpty()) && !sse.clientLeft()) {
                // Short waits: a call that ends without a last event is noticed at once, not at
                // the next keep-alive.
                CallEvent event = events.poll(DONE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    long now = System.nanoTime();
                    if (now > deadline) {
                        break;
                    }
                    if (now - quietSince >= KEEP_ALIVE.toNanos()) {
                        sse.keepAlive();
                        quietSince = now;
                    }
                    continue;
                }
                quietSince = System.nanoTime();
                if (event instanceof CallEvent.ArtifactChunk chunk) {
                    String text = Answers.text(chunk.artifact().parts());
                    if (!text.isEmpty()) {
                        sse.send("message", chunk(text, protocol));
                        sentContent = true;
                    }
                }
            }
            if (sse.clientLeft()) {
                return; // the call finishes and is recorded without the client
            }
            Task task = running.await(Duration.ofMillis(1));
            var failure = Answers.failure(task);
            if (failure.isPresent()) {
                sse.send("error", Map.of("error", failure.get().getMessage()));
            } else if (!sentContent && !task.text().isEmpty()) {
                // The agent answered all at once: its whole answer is the one chunk.
                sse.send("message", chunk(task.text(), protocol));
            }
            sse.send("done", Map.of("duration_ms", (System.nanoTime() - started) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ invocations

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = viewer(req);
        Optional<String> agent = QueryParameters.agentId(req, "agent_id").map(AgentId::value);
        int limit = integer(req, "limit", 50, 1, 100);
        int offset = integer(req, "offset", 0, 0, 100_000);
        gateway.flush();
        var page =
                switch (caller) {
                    case Caller.User user -> log.ofUser(user.userId(), agent, limit, offset);
                    case Caller.Agent self -> log.ofAgent(self.id().value(), agent, limit, offset);
                    case Caller.Anonymous _ -> throw new IllegalStateException("refused above");
                };
        JsonBodies.ok(
                res,
                Map.of(
                        "invocations",
                        page.invocations().stream().map(InvokeHttpService::view).toList(),
                        "total",
                        page.total()));
    }

    private void one(ServerRequest req, ServerResponse res) {
        Caller caller = viewer(req);
        String text = req.path().pathParameters().get("id");
        UUID id;
        try {
            id = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no invocation " + text);
        }
        gateway.flush();
        Invocation found =
                log.find(id)
                        .filter(i -> visible(caller, i))
                        .orElseThrow(() -> ApiException.notFound("no invocation " + text));
        JsonBodies.ok(res, view(found));
    }

    /** Users (with the read scope) and agents; anonymous callers have no log. */
    private Caller viewer(ServerRequest req) {
        Caller caller = authenticator.authenticate(IncomingRequest.of(req), new byte[0]);
        return switch (caller) {
            case Caller.Anonymous _ ->
                    throw ApiException.unauthenticated(
                            "sign in first: send Authorization: Bearer <access token or key>");
            case Caller.User user ->
                    authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ);
            case Caller.Agent agent -> agent;
        };
    }

    private boolean visible(Caller caller, Invocation invocation) {
        return switch (caller) {
            case Caller.User user ->
                    user.userId().equals(invocation.userId())
                            || log.ownedBy(invocation.agentId(), user.userId());
            case Caller.Agent agent ->
                    agent.id().value().equals(invocation.callerAgentId())
                            || agent.id().value().equals(invocation.agentId());
            case Caller.Anonymous _ -> false;
        };
    }

    /** The record without the caller's address, which only admins see. */
    private static Map<String, Object> view(Invocation i) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", i.id());
        out.put("agent_id", i.agentId());
        out.put("task_id", i.taskId());
        out.put("user_id", i.userId());
        out.put("caller_agent_id", i.callerAgentId());
        out.put("protocol", i.protocol());
        out.put("front_door", i.frontDoor());
        out.put("status", i.status());
        out.put("duration_ms", i.durationMs());
        out.put("error", i.error());
        out.put("request_preview", i.requestPreview());
        out.put("response_preview", i.responsePreview());
        out.put("created_at", i.createdAt());
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }
}
