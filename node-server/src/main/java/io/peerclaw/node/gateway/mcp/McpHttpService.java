package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.Admittance;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.JsonRpc;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.EventStream;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.PublicBase;
import io.peerclaw.node.http.RequestContext;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.storage.StorageException;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * MCP 2025-11-25 Streamable HTTP: the node's own MCP server at {@code /mcp} and every registered
 * agent's at {@code /mcp/{agent_id}}.
 *
 * <pre>
 * curl -i -X POST localhost:8080/mcp/$AGENT -H 'Content-Type: application/json' \
 *   -H 'Accept: application/json, text/event-stream' -H "Authorization: Bearer $TOKEN" \
 *   -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
 *        "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}'
 * </pre>
 *
 * <p>Every POST carries one JSON-RPC message. {@code initialize} opens a session ({@code
 * Mcp-Session-Id}) bound to the caller; every later request must carry it (400 without, 404 for one
 * that is unknown, expired or someone else's). An agent's access rules apply from {@code
 * initialize} on: refusals are HTTP 401 (with {@code WWW-Authenticate}) or 403, limits 429 with
 * {@code Retry-After}. Notifications and responses are accepted with 202. GET is 405 (this server
 * sends nothing unsolicited); DELETE ends the session. Answers are JSON, or an event stream when a
 * {@code tools/call} asks for progress ({@code _meta.progressToken}) and accepts one.
 */
final class McpHttpService implements HttpService {
    private static final System.Logger LOG = System.getLogger(McpHttpService.class.getName());
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final Gateway gateway;
    private final java.util.concurrent.Executor background;
    private final Authenticator authenticator;
    private final McpSessions sessions;
    private final OriginPolicy origins;
    private final Optional<String> publicUrl;
    private final GatewayEndpoint.Parts node;

    /** Running tool calls by session and request id, for {@code notifications/cancelled}. */
    private final ConcurrentMap<String, UUID> running = new ConcurrentHashMap<>();

    McpHttpService(
            Gateway gateway,
            Authenticator authenticator,
            McpSessions sessions,
            OriginPolicy origins,
            Optional<String> publicUrl,
            GatewayEndpoint.Parts node,
            java.util.concurrent.Executor background) {
        this.gateway = gateway;
        this.background = background;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.origins = origins;
        this.publicUrl = publicUrl;
        this.node = node;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/mcp", (req, res) -> post(req, res, null))
                .delete("/mcp", (req, res) -> delete(req, res, null))
                .any("/mcp", this::notAllowed)
                .post("/mcp/{agent_id}", (req, res) -> post(req, res, agentParameter(req)))
                .delete("/mcp/{agent_id}", (req, res) -> delete(req, res, agentParameter(req)))
                .any("/mcp/{agent_id}", this::notAllowed)
                .get(METADATA_PATH + "/mcp", (req, res) -> metadata(req, res, null))
                .get(
                        METADATA_PATH + "/mcp/{agent_id}",
                        (req, res) -> metadata(req, res, agentParameter(req)))
                .any(METADATA_PATH + "/mcp", MethodNotAllowed.allowing("GET"))
                .any(METADATA_PATH + "/mcp/{agent_id}", MethodNotAllowed.allowing("GET"));
    }

    // ---------------------------------------------------------------- POST

    private void post(ServerRequest req, ServerResponse res, String agentPath) {
        byte[] body = JsonBodies.raw(req);
        String base = base(req);
        try {
            guard(req);
            McpMessages.Message message;
            try {
                message = McpMessages.parse(body);
            } catch (McpError e) {
                throw new Refusal(400, e.code(), e.getMessage());
            }
            String address = clientAddress(req);
            Caller caller = authenticator.authenticate(IncomingRequest.of(req), body);
            Admission admission =
                    agentPath == null
                            ? null
                            : switch (gateway.admit(
                                    caller, address, agentPath, Gateway.Access.CALL)) {
                                case Admittance.Admitted(Admission admitted) -> admitted;
                                case Refused refused ->
                                        throw Refusal.of(refused, metadataUrl(base, agentPath));
                            };
            String agentId = admission == null ? null : admission.target().id().value();
            String callerKey = Admission.callerKey(caller, address);
            header(req, VERSION_HEADER)
                    .filter(v -> !McpVersions.supported(v))
                    .ifPresent(
                            v -> {
                                throw Refusal.badRequest(
                                        "Unsupported protocol version: "
                                                + v
                                                + " (supported versions: "
                                                + String.join(", ", McpVersions.SUPPORTED)
                                                + ")");
                            });
            McpEndpoint endpoint =
                    admission == null
                            ? new GatewayEndpoint(node, caller, address, base)
                            : new AgentEndpoint(gateway, node.calls(), admission, base);
            if (message instanceof McpMessages.Message.Request request
                    && request.method().equals("initialize")) {
                initialize(res, endpoint, request, agentId, callerKey);
                return;
            }
            McpSession session = session(req, agentId, callerKey);
            switch (message) {
                case McpMessages.Message.Notification notification -> {
                    notified(notification, session);
                    res.status(Status.ACCEPTED_202).send();
                }
                case McpMessages.Message.Response _ -> res.status(Status.ACCEPTED_202).send();
                case McpMessages.Message.Request request ->
                        respond(req, res, endpoint, request, session);
            }
        } catch (Refusal e) {
            refuse(res, JsonRpc.idOf(body), e);
        } catch (ApiException e) {
            refuse(res, JsonRpc.idOf(body), Refusal.of(e, metadataUrl(base, agentPath)));
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "database failure: " + e.getMessage());
            refuse(
                    res,
                    JsonRpc.idOf(body),
                    new Refusal(
                            503,
                            McpError.SERVER_ERROR,
                            "The database is unavailable; try again shortly"));
        }
    }

    private void initialize(
            ServerResponse res,
            McpEndpoint endpoint,
            McpMessages.Message.Request request,
            String agentId,
            String callerKey) {
        JsonNode requested = request.params().get("protocolVersion");
        String version =
                McpVersions.negotiate(
                        requested != null && requested.isTextual() ? requested.asText() : null);
        McpSession session = sessions.open(agentId, callerKey, version);
        ObjectNode result = McpMessages.NODES.objectNode();
        result.put("protocolVersion", version);
        result.set("capabilities", endpoint.capabilities());
        result.set("serverInfo", endpoint.serverInfo());
        result.put("instructions", endpoint.instructions());
        res.header(SESSION_HEADER, session.id().toString());
        json(res, JsonRpc.result(request.id(), result));
    }

    /** The request's session: 400 without the header, 404 unless it is the caller's here. */
    private McpSession session(ServerRequest req, String agentId, String callerKey) {
        String id =
                header(req, SESSION_HEADER)
                        .orElseThrow(
                                () ->
                                        Refusal.badRequest(
                                                "Mcp-Session-Id header is required; send initialize"
                                                        + " first"));
        return sessions.use(id, agentId, callerKey)
                .orElseThrow(
                        () ->
                                new Refusal(
                                        404,
                                        McpError.SESSION_NOT_FOUND,
                                        "Session not found: it ended, expired or is not yours;"
                                                + " send initialize again"));
    }

    private void notified(McpMessages.Message.Notification notification, McpSession session) {
        if (!notification.method().equals("notifications/cancelled")) {
            return;
        }
        JsonNode requestId = notification.params().get("requestId");
        UUID task = requestId == null ? null : running.get(key(session, requestId));
        if (task != null) {
            // Cancelling waits for the agent; the notification is answered at once.
            background.execute(() -> gateway.cancel(task, session.callerKey()));
        }
    }

    private void respond(
            ServerRequest req,
            ServerResponse res,
            McpEndpoint endpoint,
            McpMessages.Message.Request request,
            McpSession session) {
        var reply =
                new Reply(
                        () -> EventStream.open(res),
                        bytes -> {
                            res.status(Status.OK_200);
                            res.header(HeaderNames.CONTENT_TYPE, JsonBodies.JSON);
                            res.send(bytes);
                        });
        JsonNode token = request.params().path("_meta").get("progressToken");
        boolean progress =
                token != null
                        && (token.isTextual() || token.isIntegralNumber())
                        && header(req, "Accept")
                                .map(a -> a.contains("text/event-stream"))
                                .orElse(false);
        String key = key(session, request.id());
        var exchange =
                new ToolCalls.Exchange(
                        progress ? reply.progress(token) : null, task -> running.put(key, task));
        JsonNode answer;
        try {
            answer = JsonRpc.result(request.id(), endpoint.handle(request, exchange));
        } catch (McpError e) {
            answer = JsonRpc.error(request.id(), e.code(), e.getMessage(), e.data());
        } catch (Refusal | ApiException | StorageException e) {
            if (!reply.streaming()) {
                throw e;
            }
            answer = JsonRpc.error(request.id(), McpError.SERVER_ERROR, e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "MCP " + request.method() + " failed", e);
            answer =
                    JsonRpc.error(
                            request.id(),
                            McpError.INTERNAL_ERROR,
                            "Internal error; quote request id "
                                    + RequestContext.current()
                                            .map(RequestContext::requestId)
                                            .orElse("-")
                                    + " when reporting it",
                            null);
        } finally {
            running.remove(key);
        }
        reply.finish(answer);
    }

    // ---------------------------------------------------------------- DELETE, others

    private void delete(ServerRequest req, ServerResponse res, String agentPath) {
        String base = base(req);
        try {
            guard(req);
            String address = clientAddress(req);
            Caller caller = authenticator.authenticate(IncomingRequest.of(req), new byte[0]);
            String agentId = null;
            if (agentPath != null) {
                agentId =
                        AgentId.parse(agentPath)
                                .map(AgentId::value)
                                .orElseThrow(
                                        () ->
                                                new Refusal(
                                                        404,
                                                        McpError.SERVER_ERROR,
                                                        "No agent with id " + agentPath));
            }
            McpSession session = session(req, agentId, Admission.callerKey(caller, address));
            sessions.end(session.id());
            res.status(Status.NO_CONTENT_204).send();
        } catch (Refusal e) {
            refuse(res, NullNode.instance, e);
        } catch (ApiException e) {
            refuse(res, NullNode.instance, Refusal.of(e, metadataUrl(base, agentPath)));
        } catch (StorageException e) {
            refuse(
                    res,
                    NullNode.instance,
                    new Refusal(
                            503,
                            McpError.SERVER_ERROR,
                            "The database is unavailable; try again shortly"));
        }
    }

    /** GET (no server-initiated stream is offered) and anything else but POST and DELETE. */
    private void notAllowed(ServerRequest req, ServerResponse res) {
        refuse(
                res,
                NullNode.instance,
                new Refusal(
                        405,
                        McpError.SERVER_ERROR,
                        "Method Not Allowed: "
                                + req.prologue().method().text()
                                + " is not served here; use POST (and DELETE to end a session)",
                        Map.of("Allow", "POST, DELETE")));
    }

    /**
     * OAuth protected-resource metadata (RFC 9728) for an MCP endpoint: bearer tokens in headers.
     */
    private void metadata(ServerRequest req, ServerResponse res, String agentPath) {
        String base = base(req);
        String agent = null;
        if (agentPath != null) {
            agent =
                    AgentId.parse(agentPath)
                            .map(AgentId::value)
                            .orElseThrow(
                                    () -> ApiException.notFound("no agent with id " + agentPath));
        }
        ObjectNode document = McpMessages.NODES.objectNode();
        document.put("resource", base + "/mcp" + (agent == null ? "" : "/" + agent));
        document.put("resource_name", agent == null ? "PeerClaw node" : "PeerClaw agent " + agent);
        document.putArray("bearer_methods_supported").add("header");
        document.put(
                "resource_documentation",
                "Send Authorization: Bearer with a PeerClaw access token or API key, or sign the"
                        + " request as an agent (X-PeerClaw-Signature)");
        json(res, document);
    }

    // ---------------------------------------------------------------- helpers

    /** DNS rebinding and foreign pages: 403 for a Host or Origin this node does not answer. */
    private void guard(ServerRequest req) {
        Optional<String> host = header(req, "Host");
        InetAddress local =
                req.localPeer().address() instanceof InetSocketAddress socket
                        ? socket.getAddress()
                        : null;
        if (!origins.allowsHost(host.orElse(null), local)) {
            throw new Refusal(
                    403,
                    McpError.SERVER_ERROR,
                    "Forbidden: host " + host.orElse("") + " is not this node");
        }
        Optional<String> origin = header(req, "Origin");
        if (!origins.allowsOrigin(origin.orElse(null), host.orElse(null))) {
            throw new Refusal(
                    403,
                    McpError.SERVER_ERROR,
                    "Forbidden: origin " + origin.orElse("") + " is not allowed");
        }
    }

    private static void refuse(ServerResponse res, JsonNode id, Refusal refusal) {
        refusal.headers().forEach((name, value) -> res.header(name, value));
        res.status(Status.create(refusal.status()));
        res.header(HeaderNames.CONTENT_TYPE, JsonBodies.JSON);
        res.send(Json.bytes(JsonRpc.error(id, refusal.code(), refusal.getMessage(), null)));
    }

    private static void json(ServerResponse res, JsonNode body) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, JsonBodies.JSON);
        res.send(Json.bytes(body));
    }

    private String base(ServerRequest req) {
        return new PublicBase(publicUrl, () -> req.localPeer().port()).of(IncomingRequest.of(req));
    }

    /** Where a client reads how to authenticate here; an id that is not one is left out. */
    private static String metadataUrl(String base, String agentPath) {
        String agent =
                agentPath == null
                        ? null
                        : AgentId.parse(agentPath).map(AgentId::value).orElse(null);
        return base + METADATA_PATH + "/mcp" + (agent == null ? "" : "/" + agent);
    }

    private static String clientAddress(ServerRequest req) {
        return RequestContext.current()
                .map(RequestContext::clientIp)
                .orElseGet(() -> req.remotePeer().host());
    }

    private static Optional<String> header(ServerRequest req, String name) {
        return req.headers()
                .first(HeaderNames.create(name))
                .filter(v -> !v.isBlank())
                .map(String::strip);
    }

    private static String agentParameter(ServerRequest req) {
        return req.path().pathParameters().get("agent_id");
    }

    private static String key(McpSession session, JsonNode requestId) {
        return session.id() + " " + requestId;
    }
}
