package io.peerclaw.node.gateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.directory.DirectoryEntry;
import io.peerclaw.node.directory.DirectoryPage;
import io.peerclaw.node.directory.DirectoryQuery;
import io.peerclaw.node.directory.DirectorySort;
import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.FrontDoor;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.RunningCall;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.PageRequest;
import io.peerclaw.node.http.RequestContext;
import io.peerclaw.node.http.TokenBuckets;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.registry.AgentModeration;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The route table ({@code GET /api/v1/routes}, {@code GET /api/v1/routes/resolve}) and {@code POST
 * /api/v1/bridge/send}, by which a signed agent sends a message to another agent and gets its
 * answer.
 *
 * <p>Routes are read from the registry on each request (upstream kept them in memory and lost them
 * at restart). Endpoints are shown to admins, owners, and for agents whose owner made the endpoint
 * public; everyone else sees only public agents, without endpoints.
 */
final class RoutesHttpService implements HttpService {
    private final Gateway gateway;
    private final AgentReads agents;
    private final OwnedAgents owned;
    private final AgentModeration moderation;
    private final Function<DirectoryQuery, DirectoryPage> publicListing;
    private final Authenticator authenticator;
    private final TokenBuckets bridgeLimits;
    private final AuditLog audit;

    RoutesHttpService(
            Gateway gateway,
            AgentReads agents,
            OwnedAgents owned,
            AgentModeration moderation,
            Function<DirectoryQuery, DirectoryPage> publicListing,
            Authenticator authenticator,
            TokenBuckets bridgeLimits,
            AuditLog audit) {
        this.gateway = gateway;
        this.agents = agents;
        this.owned = owned;
        this.moderation = moderation;
        this.publicListing = publicListing;
        this.authenticator = authenticator;
        this.bridgeLimits = bridgeLimits;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/routes", this::routes)
                .any("/routes", MethodNotAllowed.allowing("GET"))
                .get("/routes/resolve", this::resolve)
                .any("/routes/resolve", MethodNotAllowed.allowing("GET"))
                .post("/bridge/send", this::send)
                .any("/bridge/send", MethodNotAllowed.allowing("POST"));
    }

    private static String client() {
        return RequestContext.current().map(RequestContext::clientIp).orElse("unknown");
    }

    // ------------------------------------------------------------------ routes

    private void routes(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.authenticate(IncomingRequest.of(req), new byte[0]);
        var page = PageRequest.from(req.query());
        var routes = new ArrayList<Map<String, Object>>();
        String next;
        if (caller instanceof Caller.User user && authenticator.isAdmin(user)) {
            var listed =
                    moderation.adminPage(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(false),
                            page.token(),
                            page.size());
            for (var agent : listed.agents()) {
                routes.addAll(entries(agent.card(), true));
            }
            next = listed.nextPageToken();
        } else {
            DirectoryPage listing =
                    publicListing.apply(
                            DirectoryQuery.all(DirectorySort.NAME, page.size(), page.token()));
            for (DirectoryEntry agent : listing.agents()) {
                routes.addAll(publicEntries(agent));
            }
            next = listing.nextPageToken();
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("routes", routes);
        out.put("next_page_token", next);
        out.put(
                "updated_at",
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        JsonBodies.ok(res, out);
    }

    private void resolve(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.authenticate(IncomingRequest.of(req), new byte[0]);
        String target =
                req.query()
                        .first("target_id")
                        .asOptional()
                        .orElseThrow(() -> ApiException.invalid("target_id", "is required"));
        Optional<String> protocol = req.query().first("protocol").asOptional();
        protocol.filter(p -> !List.of("a2a", "mcp", "acp").contains(p))
                .ifPresent(
                        p -> {
                            throw ApiException.invalid("protocol", "must be one of a2a, mcp, acp");
                        });
        Admission admission =
                Refusals.admitted(gateway.admit(caller, client(), target, Gateway.Access.VIEW));
        AgentId id = admission.target().id();
        boolean showEndpoint =
                caller instanceof Caller.User user
                        && (authenticator.isAdmin(user)
                                || owned.ownedAgent(id, user.userId()).isPresent());
        showEndpoint =
                showEndpoint
                        || agents.managedAgent(id)
                                .map(m -> m.stewardship().publicEndpoint())
                                .orElse(false);
        var routes =
                entries(admission.target().card(), showEndpoint).stream()
                        .filter(r -> protocol.isEmpty() || protocol.get().equals(r.get("protocol")))
                        .toList();
        if (routes.isEmpty()) {
            throw ApiException.notFound(
                    "agent " + id + " has no route" + protocol.map(p -> " for " + p).orElse(""));
        }
        JsonBodies.ok(res, Map.of("target_id", id.value(), "routes", routes));
    }

    /** One route per protocol the agent declares, highest priority first. */
    private static List<Map<String, Object>> entries(AgentCard card, boolean withEndpoint) {
        int priority =
                card.peerclaw() != null && card.peerclaw().priority() != null
                        ? card.peerclaw().priority()
                        : 0;
        var out = new ArrayList<Map<String, Object>>();
        for (String protocol : Optional.ofNullable(card.protocols()).orElse(List.of())) {
            var route = new LinkedHashMap<String, Object>();
            route.put("source_id", "gateway");
            route.put("target_id", card.id());
            route.put("protocol", protocol.toLowerCase(Locale.ROOT));
            if (withEndpoint && card.endpoint() != null) {
                route.put("endpoint", card.endpoint().url());
            }
            route.put("priority", priority);
            route.put("status", card.status());
            out.add(route);
        }
        out.sort(Comparator.comparing(r -> -((Integer) r.get("priority"))));
        return out;
    }

    private static List<Map<String, Object>> publicEntries(DirectoryEntry agent) {
        var out = new ArrayList<Map<String, Object>>();
        for (String protocol : agent.protocols()) {
            var route = new LinkedHashMap<String, Object>();
            route.put("source_id", "gateway");
            route.put("target_id", agent.id());
            route.put("protocol", protocol.toLowerCase(Locale.ROOT));
            route.put("status", agent.status());
            out.add(route);
        }
        return out;
    }

    // ------------------------------------------------------------------ bridge

    private void send(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        Caller caller = authenticator.authenticate(IncomingRequest.of(req), body);
        if (!(caller instanceof Caller.Agent source) || !source.signed()) {
            throw ApiException.unauthenticated(
                    "bridge/send needs the source agent's request signature"
                            + " (X-PeerClaw-Signature)");
        }
        var message = BridgeMessage.parse(body);
        if (message.source().isPresent() && !message.source().get().equals(source.id().value())) {
            throw ApiException.forbidden(
                    "source must be the signing agent " + source.id() + " (or be left out)");
        }
        long waitNanos = bridgeLimits.tryAcquire("bridge:" + source.id().value());
        if (waitNanos > 0) {
            throw ApiException.rateLimited(
                    Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
        Admission admission =
                Refusals.admitted(
                        gateway.admit(
                                caller, client(), message.destination(), Gateway.Access.CALL));
        if (message.protocol().isPresent()) {
            String protocol = message.protocol().get();
            var declared =
                    Optional.ofNullable(admission.target().card().protocols()).orElse(List.of());
            if (declared.stream().noneMatch(p -> p.equalsIgnoreCase(protocol))) {
                throw ApiException.invalid(
                        "protocol",
                        "agent " + admission.target().id() + " does not speak " + protocol);
            }
            admission = admission.withProtocol(protocol);
        }
        var parts = new ArrayList<Part>();
        parts.add(new Part.Text(message.payload()));
        message.arguments().ifPresent(a -> parts.add(new Part.Data(a)));
        var call =
                new CallRequest(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        null,
                        message.tool().orElse(null),
                        parts,
                        message.metadata());
        RunningCall running =
                Refusals.started(
                        gateway.start(
                                admission,
                                FrontDoor.BRIDGE,
                                call,
                                Gateway.CallOptions.blocking(),
                                null));
        Task task = running.await(gateway.settings().callTimeout());
        audit.record(
                AuditEvent.BRIDGE_SENT,
                source.id().value(),
                AuditLog.details(
                        "destination",
                        admission.target().id().value(),
                        "state",
                        Answers.state(task.state())));
        var failure = Answers.failure(task);
        if (failure.isPresent()) {
            throw failure.get();
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("status", task.state().settled() ? "sent" : "accepted");
        out.put("protocol", admission.target().protocol());
        out.put("envelope_id", running.invocationId());
        out.put("task_id", task.id());
        out.put("state", Answers.state(task.state()));
        out.put("response", task.text());
        Answers.data(task).ifPresent(d -> out.put("data", d));
        JsonBodies.ok(res, out);
    }

    /**
     * {@code {source?, destination, protocol?, payload, metadata?}}: upstream's body; {@code
     * metadata.tool} and {@code metadata.arguments} as for invoke. Metadata never chooses a URL.
     */
    record BridgeMessage(
            Optional<String> source,
            String destination,
            Optional<String> protocol,
            String payload,
            JsonNode metadata,
            Optional<String> tool,
            Optional<JsonNode> arguments) {
        static BridgeMessage parse(byte[] body) {
            JsonNode root = JsonBodies.object(body);
            var errors = new ArrayList<FieldError>();
            String destination = root.path("destination").asText("");
            if (!root.path("destination").isTextual() || destination.isBlank()) {
                errors.add(new FieldError("destination", "is required: the agent id to send to"));
            }
            JsonNode payload = root.get("payload");
            if (payload == null || !payload.isTextual() || payload.asText().isEmpty()) {
                errors.add(new FieldError("payload", "is required: the message text"));
            }
            Optional<String> source = Optional.empty();
            if (root.hasNonNull("source")) {
                if (!root.get("source").isTextual()) {
                    errors.add(new FieldError("source", "must be an agent id"));
                } else {
                    source = Optional.of(root.get("source").asText());
                }
            }
            Optional<String> protocol = Optional.empty();
            if (root.hasNonNull("protocol")) {
                String p = root.get("protocol").asText("");
                if (!List.of("a2a", "mcp", "acp").contains(p)) {
                    errors.add(new FieldError("protocol", "must be one of a2a, mcp, acp"));
                } else {
                    protocol = Optional.of(p);
                }
            }
            JsonNode metadata = root.get("metadata");
            Optional<String> tool = Optional.empty();
            Optional<JsonNode> arguments = Optional.empty();
            if (metadata != null && !metadata.isNull()) {
                if (!metadata.isObject()) {
                    errors.add(new FieldError("metadata", "must be an object"));
                } else {
                    if (metadata.hasNonNull("tool")) {
                        tool = Optional.of(metadata.get("tool").asText());
                    }
                    if (metadata.has("arguments")) {
                        if (!metadata.get("arguments").isObject()) {
                            errors.add(new FieldError("metadata.arguments", "must be an object"));
                        } else {
                            arguments = Optional.of(metadata.get("arguments"));
                        }
                    }
                }
            } else {
                metadata = null;
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            return new BridgeMessage(
                    source, destination, protocol, payload.asText(), metadata, tool, arguments);
        }
    }
}
