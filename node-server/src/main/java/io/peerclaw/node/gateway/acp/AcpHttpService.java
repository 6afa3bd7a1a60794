package io.peerclaw.node.gateway.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import io.peerclaw.node.http.EventStream;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.RequestContext;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.storage.StorageException;
import io.peerclaw.shared.json.Json;
import java.time.Duration;
import java.util.Map;

/**
 * ACP 0.2 at {@code /acp} (mounted there by the node when {@code bridge.acp.enabled}): every agent
 * the caller may call is an ACP agent named by its id.
 *
 * <pre>
 * curl localhost:8080/acp/agents?limit=20 -H "Authorization: Bearer $TOKEN"
 * curl -X POST localhost:8080/acp/runs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *   -d '{"agent_name":"'$AGENT'","input":[{"role":"user","parts":[{"content":"hi"}]}],"mode":"sync"}'
 * curl localhost:8080/acp/runs/$RUN/events -H "Authorization: Bearer $TOKEN"
 * </pre>
 *
 * Callers authenticate as everywhere (a bearer token or key, an agent's signature; none for the
 * open playground). Every error, refusals included, is an ACP {@code Error} ({@link AcpError}).
 */
final class AcpHttpService implements HttpService {
    private static final System.Logger LOG = System.getLogger(AcpHttpService.class.getName());
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final AcpRuns runs;
    private final Authenticator authenticator;

    AcpHttpService(AcpRuns runs, Authenticator authenticator) {
        this.runs = runs;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/ping", acp(this::ping))
                .any("/ping", notAllowed("GET"))
                .get("/agents", acp(this::agents))
                .any("/agents", notAllowed("GET"))
                .get("/agents/{name}", acp(this::agent))
                .any("/agents/{name}", notAllowed("GET"))
                .post("/runs", acp(this::create))
                .any("/runs", notAllowed("POST"))
                .post("/runs/{run_id}/cancel", acp(this::cancel))
                .any("/runs/{run_id}/cancel", notAllowed("POST"))
                .get("/runs/{run_id}/events", acp(this::events))
                .any("/runs/{run_id}/events", notAllowed("GET"))
                .get("/runs/{run_id}", acp(this::read))
                .post("/runs/{run_id}", acp(this::resume))
                .any("/runs/{run_id}", notAllowed("GET, POST"))
                .any(
                        acp(
                                (req, res) -> {
                                    throw AcpError.notFound(
                                            "nothing is served at "
                                                    + req.prologue().method().text()
                                                    + " "
                                                    + req.prologue().uriPath().rawPath());
                                }));
    }

    private void ping(ServerRequest req, ServerResponse res) {
        JsonBodies.ok(res, Json.mapper().createObjectNode());
    }

    private void agents(ServerRequest req, ServerResponse res) {
        Caller caller = caller(req, new byte[0]);
        send(
                res,
                Status.OK_200,
                runs.agents(
                        caller,
                        req.query().first("limit").asOptional(),
                        req.query().first("offset").asOptional()));
    }

    private void agent(ServerRequest req, ServerResponse res) {
        Caller caller = caller(req, new byte[0]);
        send(res, Status.OK_200, runs.agent(caller, client(req), parameter(req, "name")));
    }

    private void create(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        Caller caller = caller(req, body);
        answer(res, runs.create(caller, client(req), body));
    }

    private void resume(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        Caller caller = caller(req, body);
        answer(res, runs.resume(caller, client(req), parameter(req, "run_id"), body));
    }

    private void read(ServerRequest req, ServerResponse res) {
        Caller caller = caller(req, new byte[0]);
        send(res, Status.OK_200, runs.run(caller, client(req), parameter(req, "run_id")));
    }

    private void events(ServerRequest req, ServerResponse res) {
        Caller caller = caller(req, new byte[0]);
        send(res, Status.OK_200, runs.events(caller, client(req), parameter(req, "run_id")));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        Caller caller = caller(req, body);
        send(res, Status.ACCEPTED_202, runs.cancel(caller, client(req), parameter(req, "run_id")));
    }

    private void answer(ServerResponse res, AcpRuns.Started started) {
        res.header("Run-ID", started.runId().toString());
        switch (started.mode()) {
            case SYNC -> send(res, Status.OK_200, runs.answer(started));
            case ASYNC -> send(res, Status.ACCEPTED_202, runs.answer(started));
            case STREAM -> stream(res, started);
        }
    }

    private void stream(ServerResponse res, AcpRuns.Started started) {
        try (var stream = EventStream.open(res)) {
            runs.stream(
                    started,
                    new LiveRun.Sink() {
                        @Override
                        public void event(ObjectNode event) {
                            stream.send(null, null, Json.text(event));
                        }

                        @Override
                        public void keepAlive() {
                            stream.keepAlive();
                        }

                        @Override
                        public boolean clientLeft() {
                            return stream.clientLeft();
                        }
                    },
                    KEEP_ALIVE);
        }
    }

    // ------------------------------------------------------------------ plumbing

    private Caller caller(ServerRequest req, byte[] body) {
        return authenticator.authenticate(IncomingRequest.of(req), body);
    }

    private static String client(ServerRequest req) {
        return RequestContext.current()
                .map(RequestContext::clientIp)
                .orElseGet(() -> req.remotePeer().host());
    }

    private static String parameter(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    private static void send(ServerResponse res, Status status, JsonNode body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, JsonBodies.JSON);
        res.send(Json.bytes(body));
    }

    private static Handler notAllowed(String allow) {
        return acp(
                (req, res) -> {
                    throw new AcpError(
                            405,
                            AcpError.Code.INVALID_INPUT,
                            req.prologue().method().text() + " is not served here; use " + allow,
                            "method_not_allowed",
                            Map.of("Allow", allow));
                });
    }

    /** Runs a handler answering every failure in ACP's error shape, never as a stack trace. */
    private static Handler acp(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (AcpError e) {
                fail(res, e);
            } catch (ApiException e) {
                fail(res, AcpError.from(e));
            } catch (HttpException e) {
                fail(res, fromStatus(e.status()));
            } catch (RequestException e) {
                // Helidon's own refusal while reading the body (a chunked body over the limit).
                if (!e.keepAlive()) {
                    res.header(HeaderNames.CONNECTION, "close");
                }
                fail(res, fromStatus(e.status()));
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "database failure: " + e.getMessage());
                fail(res, AcpError.server(503, "the database is unavailable; try again shortly"));
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "unexpected failure serving "
                                + req.prologue().method().text()
                                + " "
                                + req.prologue().uriPath().rawPath(),
                        e);
                fail(
                        res,
                        AcpError.server(
                                500,
                                "an unexpected error occurred; quote the request id when"
                                        + " reporting it"));
            }
        };
    }

    private static AcpError fromStatus(Status status) {
        int code = status.code();
        if (code >= 500) {
            return AcpError.server(code, "the request could not be served");
        }
        return new AcpError(
                code,
                code == 404 ? AcpError.Code.NOT_FOUND : AcpError.Code.INVALID_INPUT,
                code == 413 ? "the request body is too large" : status.reasonPhrase(),
                ErrorCode.forStatus(code).code(),
                Map.of());
    }

    private static void fail(ServerResponse res, AcpError error) {
        if (res.isSent()) {
            // Mid-stream: the status is gone; the stream just ends.
            return;
        }
        error.headers().forEach(res::header);
        send(res, Status.create(error.status()), error.body());
    }
}
