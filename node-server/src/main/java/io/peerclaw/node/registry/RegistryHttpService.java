package io.peerclaw.node.registry;

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
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.identity.SignedRequest;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.AgentStatus;
import io.peerclaw.shared.model.Protocol;
import io.peerclaw.shared.protocol.api.Discover;
import io.peerclaw.shared.protocol.api.Heartbeat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Agent management and discovery under {@code /api/v1}.
 *
 * <pre>
 * curl -X POST http://localhost:8080/api/v1/agents -d @card.json \
 *      -H "X-PeerClaw-PublicKey: …" -H "X-PeerClaw-Signature: …" \
 *      -H "X-PeerClaw-Timestamp: …" -H "X-PeerClaw-Nonce: …"
 * curl http://localhost:8080/api/v1/agents?protocol=mcp -H "Authorization: Bearer pca_…" \
 *      -H "X-PeerClaw-Agent-ID: …"
 * </pre>
 */
final class RegistryHttpService implements HttpService {
    private static final int DEFAULT_DISCOVER_RESULTS = 20;

    private final Registrations registrations;
    private final AgentReads reads;
    private final Heartbeats heartbeats;
    private final CardJson json = new CardJson();
    private final Authenticator authenticator;
    private final boolean readsNeedCredentials;

    RegistryHttpService(
            Registrations registrations,
            AgentReads reads,
            Heartbeats heartbeats,
            Authenticator authenticator,
            boolean readsNeedCredentials) {
        this.registrations = registrations;
        this.reads = reads;
        this.heartbeats = heartbeats;
        this.authenticator = authenticator;
        this.readsNeedCredentials = readsNeedCredentials;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/agents", this::register)
                .get("/agents", this::list)
                .any("/agents", MethodNotAllowed.allowing("GET", "POST"))
                .get("/agents/{id}", this::get)
                .delete("/agents/{id}", this::deregister)
                .any("/agents/{id}", MethodNotAllowed.allowing("GET", "DELETE"))
                .post("/agents/{id}/heartbeat", this::heartbeat)
                .any("/agents/{id}/heartbeat", MethodNotAllowed.allowing("POST"))
                .post("/discover", this::discover)
                .any("/discover", MethodNotAllowed.allowing("POST"));
    }

    private void register(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        var incoming = IncomingRequest.of(req);
        SignedRequest proof = authenticator.proveKeyPossession(incoming, body);
        // Credentials of a person alongside the signature: the agent registers into their account.
        String owner =
                authenticator
                        .userAlongside(incoming)
                        .map(
                                user -> {
                                    if (!user.may(KeyScope.MANAGE_AGENTS)) {
                                        throw ApiException.forbidden(
                                                "this API key lacks the manage_agents scope");
                                    }
                                    return user.userId();
                                })
                        .orElse(null);
        AgentCard card = JsonBodies.read(body, AgentCard.class);
        var registration = registrations.register(proof, card, owner);
        if (registration.created()) {
            res.header(HeaderNames.LOCATION, "/api/v1/agents/" + proof.agentId());
        }
        JsonBodies.send(
                res,
                registration.created() ? Status.CREATED_201 : Status.OK_200,
                registration.card());
        json.forget(proof.agentId().value());
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = reader(req, JsonBodies.raw(req));
        var query = req.query();
        var page = PageRequest.from(query);
        Optional<String> protocol = query.first("protocol").asOptional().filter(p -> !p.isEmpty());
        protocol.filter(p -> Protocol.parse(p).isEmpty())
                .ifPresent(
                        p -> {
                            throw ApiException.invalid("protocol", "must be one of a2a, mcp, acp");
                        });
        Optional<String> status = query.first("status").asOptional().filter(s -> !s.isEmpty());
        status.filter(s -> AgentStatus.parse(s).isEmpty())
                .ifPresent(
                        s -> {
                            throw ApiException.invalid(
                                    "status", "must be one of online, busy, degraded, offline");
                        });
        List<String> capabilities =
                query.first("capability")
                        .asOptional()
                        .filter(c -> !c.isEmpty())
                        .map(List::of)
                        .orElse(List.of());
        checkCapabilities("capability", capabilities);
        var result =
                reads.page(
                        new AgentQuery(
                                capabilities,
                                protocol,
                                status,
                                false,
                                PageTokens.decode(page.token()),
                                page.size()));
        sendJson(
                res, json.list("agents", result.agents(), ownedBy(caller), result.nextPageToken()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = reader(req, JsonBodies.raw(req));
        AgentId id = agentId(req);
        StoredAgent agent =
                reads.findStored(id)
                        .filter(a -> !a.stewardship().suspended() || caller.is(id))
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + id));
        sendJson(res, json.card(agent, caller.is(id)));
    }

    private void deregister(ServerRequest req, ServerResponse res) {
        AgentId id = agentId(req);
        authenticator.requireAgent(IncomingRequest.of(req), JsonBodies.raw(req), id, false);
        registrations.deregister(id);
        json.forget(id.value());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void heartbeat(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        AgentId id = agentId(req);
        authenticator.requireAgent(IncomingRequest.of(req), body, id, false);
        Heartbeat.Request request =
                body.length == 0 ? null : JsonBodies.read(body, Heartbeat.Request.class);
        JsonBodies.ok(res, heartbeats.heartbeat(id, request));
    }

    private void discover(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        Caller caller = reader(req, body);
        Discover.Request request =
                body.length == 0
                        ? new Discover.Request(null, null, null)
                        : JsonBodies.read(body, Discover.Request.class);
        List<String> capabilities =
                request.capabilities() == null ? List.of() : distinct(request.capabilities());
        checkCapabilities("capabilities", capabilities);
        Optional<String> protocol =
                Optional.ofNullable(request.protocol()).filter(p -> !p.isEmpty());
        protocol.filter(p -> Protocol.parse(p).isEmpty())
                .ifPresent(
                        p -> {
                            throw ApiException.invalid("protocol", "must be one of a2a, mcp, acp");
                        });
        int max = request.maxResults() == null ? DEFAULT_DISCOVER_RESULTS : request.maxResults();
        if (max < 1) {
            throw ApiException.invalid("max_results", "must be at least 1");
        }
        var result =
                reads.page(
                        new AgentQuery(
                                capabilities,
                                protocol,
                                Optional.empty(),
                                true,
                                Optional.empty(),
                                Math.min(max, PageRequest.MAX_SIZE)));
        sendJson(res, json.list("agents", result.agents(), ownedBy(caller), null));
    }

    private static Predicate<StoredAgent> ownedBy(Caller caller) {
        return agent -> caller.is(new AgentId(agent.id()));
    }

    private static void sendJson(ServerResponse res, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, JsonBodies.JSON);
        res.send(body);
    }

    /**
     * The caller of a read route: an agent, or anyone when {@code auth.required} is false. The
     * registry is the agents' API (as upstream's agent endpoints); people browse the directory, so
     * a person's credentials are refused rather than taken as an agent's.
     */
    private Caller reader(ServerRequest req, byte[] body) {
        Caller caller = authenticator.authenticate(IncomingRequest.of(req), body);
        if (readsNeedCredentials && caller instanceof Caller.Anonymous) {
            throw ApiException.unauthenticated(
                    "reading the registry needs credentials: an agent's request signature or bearer"
                            + " key");
        }
        if (readsNeedCredentials && caller instanceof Caller.User) {
            throw ApiException.forbidden(
                    "reading the registry needs an agent's request signature or bearer key; people"
                            + " browse GET /api/v1/directory");
        }
        return caller;
    }

    private static void checkCapabilities(String field, List<String> capabilities) {
        if (capabilities.size() > CardValidator.CAPABILITIES) {
            throw ApiException.invalid(
                    field, "must have at most " + CardValidator.CAPABILITIES + " entries");
        }
        for (int i = 0; i < capabilities.size(); i++) {
            String capability = capabilities.get(i);
            if (capability == null
                    || capability.isBlank()
                    || capability.getBytes(StandardCharsets.UTF_8).length
                            > CardValidator.CAPABILITY_BYTES) {
                throw ApiException.invalid(
                        capabilities.size() == 1 && field.equals("capability")
                                ? field
                                : field + "[" + i + "]",
                        "must be 1 to " + CardValidator.CAPABILITY_BYTES + " bytes");
            }
        }
    }

    private static List<String> distinct(List<String> values) {
        var out = new ArrayList<String>();
        for (String value : values) {
            if (!out.contains(value)) {
                out.add(value);
            }
        }
        return out;
    }

    private static AgentId agentId(ServerRequest req) {
        String text = req.path().pathParameters().get("id");
        return AgentId.parse(text)
                .orElseThrow(() -> ApiException.notFound("no agent with id " + text));
    }
}
