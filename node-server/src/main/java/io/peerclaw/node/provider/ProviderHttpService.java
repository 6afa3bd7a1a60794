package io.peerclaw.node.provider;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.PageRequest;
import io.peerclaw.node.http.PathIds;
import io.peerclaw.node.http.RequestContext;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.registry.ManagedAgentJson;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Provider.AccessDecision;
import io.peerclaw.shared.protocol.api.Provider.AccessRequestCreate;
import io.peerclaw.shared.protocol.api.Provider.AccessRequestList;
import io.peerclaw.shared.protocol.api.Provider.AgentUpdate;
import io.peerclaw.shared.protocol.api.Provider.ClaimRequest;
import io.peerclaw.shared.protocol.api.Provider.ClaimTokenList;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * {@code /api/v1/provider/…} for signed-in owners, plus the two routes agents and other users use
 * to reach an owner: {@code POST /agents/claim} and {@code POST /agents/{id}/access-requests}.
 *
 * <pre>
 * curl localhost:8080/api/v1/provider/agents -H "Authorization: Bearer $ACCESS_TOKEN"
 * curl -X POST localhost:8080/api/v1/provider/claim-tokens -H "Authorization: Bearer $ACCESS_TOKEN"
 * </pre>
 */
final class ProviderHttpService implements HttpService {
    private final ProviderConsole console;
    private final Authenticator authenticator;

    ProviderHttpService(ProviderConsole console, Authenticator authenticator) {
        this.console = console;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/provider/agents", this::submit)
                .get("/provider/agents", this::list)
                .any("/provider/agents", MethodNotAllowed.allowing("GET", "POST"))
                .get("/provider/agents/{id}", this::get)
                .put("/provider/agents/{id}", this::update)
                .delete("/provider/agents/{id}", this::delete)
                .any("/provider/agents/{id}", MethodNotAllowed.allowing("GET", "PUT", "DELETE"))
                .get("/provider/agents/{id}/analytics", this::analytics)
                .any("/provider/agents/{id}/analytics", MethodNotAllowed.allowing("GET"))
                .get("/provider/agents/{id}/access-requests", this::accessRequests)
                .any("/provider/agents/{id}/access-requests", MethodNotAllowed.allowing("GET"))
                .put("/provider/agents/{id}/access-requests/{requestId}", this::decide)
                .any(
                        "/provider/agents/{id}/access-requests/{requestId}",
                        MethodNotAllowed.allowing("PUT"))
                .get("/provider/dashboard", this::dashboard)
                .any("/provider/dashboard", MethodNotAllowed.allowing("GET"))
                .post("/provider/claim-tokens", this::createClaimToken)
                .get("/provider/claim-tokens", this::claimTokens)
                .any("/provider/claim-tokens", MethodNotAllowed.allowing("GET", "POST"))
                .post("/agents/claim", this::claim)
                .any("/agents/claim", MethodNotAllowed.allowing("POST"))
                .post("/agents/{id}/access-requests", this::requestAccess)
                .any("/agents/{id}/access-requests", MethodNotAllowed.allowing("POST"));
    }

    private void submit(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.MANAGE_AGENTS);
        var card = JsonBodies.read(JsonBodies.raw(req), AgentCard.class);
        var pending = console.submit(user.userId(), card);
        res.header(HeaderNames.LOCATION, "/api/v1/provider/agents/" + pending.card().id());
        send(res, Status.CREATED_201, ManagedAgentJson.bytes(pending));
    }

    private void list(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.READ);
        var page = PageRequest.from(req.query());
        var owned = console.agents(user.userId(), page.token(), page.size());
        var body = new LinkedHashMap<String, Object>();
        body.put("agents", owned.agents().stream().map(ManagedAgentJson::view).toList());
        body.put(
                "pending_agents",
                console.pendingAgents(user.userId()).stream().map(ManagedAgentJson::view).toList());
        if (!owned.nextPageToken().isEmpty()) {
            body.put("next_page_token", owned.nextPageToken());
        }
        JsonBodies.ok(res, body);
    }

    private void get(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.READ);
        send(
                res,
                Status.OK_200,
                ManagedAgentJson.bytes(console.agent(user.userId(), PathIds.agentId(req))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.MANAGE_AGENTS);
        AgentId id = PathIds.agentId(req);
        var update = JsonBodies.readStrict(JsonBodies.raw(req), AgentUpdate.class);
        send(res, Status.OK_200, ManagedAgentJson.bytes(console.update(user.userId(), id, update)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.MANAGE_AGENTS);
        console.delete(user.userId(), PathIds.agentId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void analytics(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.READ);
        var query = req.query();
        Optional<Instant> since =
                query.first("since")
                        .asOptional()
                        .filter(s -> !s.isEmpty())
                        .map(ProviderHttpService::instant);
        int bucket = 60;
        var bucketText = query.first("bucket_minutes").asOptional().filter(s -> !s.isEmpty());
        if (bucketText.isPresent()) {
            try {
                bucket = Integer.parseInt(bucketText.get());
            } catch (NumberFormatException e) {
                bucket = -1;
            }
            if (bucket < 1 || bucket > 1440) {
                throw ApiException.invalid("bucket_minutes", "must be a number from 1 to 1440");
            }
        }
        JsonBodies.ok(res, console.analytics(user.userId(), PathIds.agentId(req), since, bucket));
    }

    private void accessRequests(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.READ);
        Optional<String> status =
                req.query().first("status").asOptional().filter(s -> !s.isEmpty());
        JsonBodies.ok(
                res,
                new AccessRequestList(
                        console.accessRequests(user.userId(), PathIds.agentId(req), status)));
    }

    private void decide(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.MANAGE_AGENTS);
        AgentId id = PathIds.agentId(req);
        var decision = JsonBodies.readStrict(JsonBodies.raw(req), AccessDecision.class);
        JsonBodies.ok(
                res,
                console.decide(
                        user.userId(), id, req.path().pathParameters().get("requestId"), decision));
    }

    private void dashboard(ServerRequest req, ServerResponse res) {
        JsonBodies.ok(res, console.dashboard(user(req, KeyScope.READ).userId()));
    }

    private void createClaimToken(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.MANAGE_AGENTS);
        JsonBodies.send(res, Status.CREATED_201, console.createClaimToken(user.userId()));
    }

    private void claimTokens(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.READ);
        JsonBodies.ok(res, new ClaimTokenList(console.claimTokens(user.userId())));
    }

    /** An agent redeems a claim token with a request signed by its own key. */
    private void claim(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        var proof = authenticator.proveKeyPossession(IncomingRequest.of(req), body);
        var request = JsonBodies.readStrict(body, ClaimRequest.class);
        String client = RequestContext.current().map(RequestContext::clientIp).orElse("unknown");
        var registration = console.claim(proof, request.token(), request.card(), client);
        if (registration.created()) {
            res.header(HeaderNames.LOCATION, "/api/v1/agents/" + proof.agentId());
        }
        JsonBodies.send(
                res,
                registration.created() ? Status.CREATED_201 : Status.OK_200,
                registration.card());
    }

    private void requestAccess(ServerRequest req, ServerResponse res) {
        var user = user(req, KeyScope.READ);
        AgentId id = PathIds.agentId(req);
        byte[] body = JsonBodies.raw(req);
        var request =
                body.length == 0
                        ? new AccessRequestCreate(null)
                        : JsonBodies.readStrict(body, AccessRequestCreate.class);
        JsonBodies.send(
                res,
                Status.CREATED_201,
                console.requestAccess(user.userId(), id, request.message()));
    }

    private Caller.User user(ServerRequest req, KeyScope scope) {
        return authenticator.requireUser(IncomingRequest.of(req), scope);
    }

    private static void send(ServerResponse res, Status status, byte[] json) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, JsonBodies.JSON);
        res.send(json);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(
                    "since", "must be an RFC 3339 time such as 2026-11-26T00:00:00Z");
        }
    }
}
