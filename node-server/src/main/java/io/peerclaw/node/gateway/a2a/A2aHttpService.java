package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.AgentConnector;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.JsonRpc;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import io.peerclaw.node.http.EventStream;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.Problems;
import io.peerclaw.node.http.PublicBase;
import io.peerclaw.node.http.RequestContext;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A2A over JSON-RPC for every registered agent, and for the node itself.
 *
 * <pre>
 * curl -H 'A2A-Version: 1.0' localhost:8080/a2a/$AGENT/.well-known/agent-card.json
 * curl -X POST localhost:8080/a2a/$AGENT -H 'A2A-Version: 1.0' -H "Authorization: Bearer $TOKEN" \
 *   -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"SendMessage",
 *   "params":{"message":{"messageId":"m1","role":"ROLE_USER","parts":[{"text":"hi"}]}}}'
 * curl -X POST localhost:8080/a2a -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,
 *   "method":"message/send","params":{"message":{"kind":"message","messageId":"m1","role":"user",
 *   "parts":[{"kind":"text","text":"weather"}]}}}'
 * </pre>
 *
 * Refusals of access and limits are HTTP answers (401 and 403 with {@code WWW-Authenticate}, 404,
 * 429 with {@code Retry-After}) with a problem body; everything else a JSON-RPC request can do
 * wrong is a JSON-RPC error with HTTP 200.
 */
final class A2aHttpService implements HttpService {
    static final String VERSION_HEADER = "A2A-Version";
    private static final String CHALLENGE = "Bearer realm=\"peerclaw\"";

    private final Gateway gateway;
    private final A2aCalls calls;
    private final Authenticator authenticator;
    private final PublicBase publicBase;

    A2aHttpService(
            Gateway gateway, A2aCalls calls, Authenticator authenticator, PublicBase publicBase) {
        this.gateway = gateway;
        this.calls = calls;
        this.authenticator = authenticator;
        this.publicBase = publicBase;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/.well-known/agent-card.json", this::nodeCard)
                .get("/.well-known/agent.json", this::nodeCard)
                .post("/a2a", this::nodeRpc)
                .any("/a2a", MethodNotAllowed.allowing("POST"))
                .get("/a2a/{id}/.well-known/agent-card.json", this::agentCard)
                .get("/a2a/{id}/.well-known/agent.json", this::agentCard)
                .any("/a2a/{id}/.well-known/agent-card.json", MethodNotAllowed.allowing("GET"))
                .any("/a2a/{id}/.well-known/agent.json", MethodNotAllowed.allowing("GET"))
                .post("/a2a/{id}", this::agentRpc)
                .post("/a2a/{id}/", this::agentRpc)
                .any("/a2a/{id}", MethodNotAllowed.allowing("POST"));
    }

    // ------------------------------------------------------------------ cards

    private void agentCard(ServerRequest req, ServerResponse res) {
        refusing(
                res,
                () -> {
                    var incoming = IncomingRequest.of(req);
                    Caller caller = authenticator.authenticate(incoming, new byte[0]);
                    String id = req.path().pathParameters().get("id");
                    Admission admission =
                            A2aRefusals.admitted(
                                    gateway.admit(
                                            caller, clientAddress(), id, Gateway.Access.VIEW));
                    List<AgentCards.CardSkill> skills =
                            switch (gateway.skills(admission)) {
                                case AgentConnector.Skills.Listed(var listed) ->
                                        listed.stream().map(AgentCards.CardSkill::of).toList();
                                // The agent cannot be asked now; its registered card still tells.
                                case AgentConnector.Skills.Unavailable _ ->
                                        AgentCards.declaredSkills(admission.target().card());
                            };
                    var facts =
                            AgentCards.of(
                                    admission.target(),
                                    skills,
                                    publicBase.of(incoming) + "/a2a/" + admission.target().id(),
                                    gateway.openToAnonymous(admission.target().id()));
                    boolean isPublic = !"private".equals(admission.target().card().visibility());
                    sendCard(req, res, facts, isPublic);
                });
    }

    private void nodeCard(ServerRequest req, ServerResponse res) {
        sendCard(req, res, AgentCards.node(publicBase.of(IncomingRequest.of(req)) + "/a2a"), true);
    }

    /**
     * The 1.0 card for clients that ask for 1.0, the hybrid card for those that name no version (or
     * 0.3); cacheable, and validated by its ETag.
     */
    private static void sendCard(
            ServerRequest req, ServerResponse res, AgentCards.Facts facts, boolean isPublic) {
        Optional<A2aVersion> version = A2aVersion.requested(versionHeader(req));
        ObjectNode card =
                version.orElse(A2aVersion.V1_0) == A2aVersion.V1_0
                        ? AgentCards.v1(facts)
                        : AgentCards.hybrid(facts);
        byte[] body = Json.bytes(card);
        String etag = "\"" + Encoding.base64Url(Hashes.sha256(body)).substring(0, 27) + "\"";
        res.header(
                HeaderNames.VARY, isPublic ? VERSION_HEADER : VERSION_HEADER + ", Authorization");
        res.header(
                HeaderNames.CACHE_CONTROL,
                isPublic ? "public, max-age=300" : "private, max-age=60");
        res.header(HeaderNames.ETAG, etag);
        if (req.headers()
                .first(HeaderNames.IF_NONE_MATCH)
                .map(tags -> tags.contains(etag))
                .orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, JsonBodies.JSON);
        res.send(body);
    }

    // ------------------------------------------------------------------ JSON-RPC

    private void agentRpc(ServerRequest req, ServerResponse res) {
        refusing(
                res,
                () -> {
                    byte[] body = JsonBodies.raw(req);
                    Caller caller = authenticator.authenticate(IncomingRequest.of(req), body);
                    String id = req.path().pathParameters().get("id");
                    Admission admission =
                            A2aRefusals.admitted(
                                    gateway.admit(
                                            caller, clientAddress(), id, Gateway.Access.CALL));
                    rpc(
                            req,
                            res,
                            body,
                            new A2aCalls.Asker(caller, clientAddress(), Optional.of(admission)));
                });
    }

    private void nodeRpc(ServerRequest req, ServerResponse res) {
        refusing(
                res,
                () -> {
                    byte[] body = JsonBodies.raw(req);
                    Caller caller = authenticator.authenticate(IncomingRequest.of(req), body);
                    rpc(
                            req,
                            res,
                            body,
                            new A2aCalls.Asker(caller, clientAddress(), Optional.empty()));
                });
    }

    private void rpc(ServerRequest req, ServerResponse res, byte[] body, A2aCalls.Asker asker) {
        String version = versionHeader(req);
        // Errors before the method is known take the shape of the version asked for.
        A2aVersion shape = A2aVersion.requested(version).orElse(A2aVersion.V1_0);
        Optional<String> type =
                req.headers().first(HeaderNames.CONTENT_TYPE).filter(t -> !t.isBlank());
        if (type.isPresent() && !jsonType(type.get())) {
            send(
                    res,
                    A2aCalls.error(
                            com.fasterxml.jackson.databind.node.NullNode.instance,
                            A2aError.contentTypeNotSupported(type.get()),
                            shape));
            return;
        }
        JsonRpc.Request request;
        try {
            request = A2aRequests.read(body);
        } catch (A2aRequests.Malformed e) {
            send(res, A2aCalls.error(e.id(), e.error(), shape));
            return;
        }
        send(res, calls.handle(asker, request, version));
    }

    private static boolean jsonType(String contentType) {
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static void send(ServerResponse res, Reply reply) {
        switch (reply) {
            case Reply.Single(ObjectNode response) -> {
                res.status(Status.OK_200);
                res.header(HeaderNames.CONTENT_TYPE, JsonBodies.JSON);
                res.send(Json.bytes(response));
            }
            case Reply.Stream(Reply.Events events) -> {
                try (var stream = EventStream.open(res)) {
                    events.writeTo(new Sink(stream));
                }
            }
        }
    }

    // ------------------------------------------------------------------ refusals

    /**
     * Runs a handler and answers its refusals here: 401 and 403 carry {@code WWW-Authenticate} (A2A
     * has no error code for access, protocols.md §1.9), 429 its {@code Retry-After}.
     */
    private static void refusing(ServerResponse res, Runnable handler) {
        try {
            handler.run();
        } catch (ApiException e) {
            if (e.code() == ErrorCode.FORBIDDEN && !e.headers().containsKey("WWW-Authenticate")) {
                var headers = new HashMap<>(e.headers());
                headers.put("WWW-Authenticate", CHALLENGE);
                e = new ApiException(e.code(), e.getMessage(), e.errors(), headers);
            }
            Problems.send(res, e);
        }
    }

    /** {@code A2A-Version} from the header, else from the query (spec §3.6.1); null when absent. */
    static String versionHeader(ServerRequest req) {
        return req.headers()
                .first(HeaderNames.create(VERSION_HEADER))
                .or(() -> req.query().first(VERSION_HEADER).asOptional())
                .orElse(null);
    }

    private static String clientAddress() {
        return RequestContext.current().map(RequestContext::clientIp).orElse("unknown");
    }
}
