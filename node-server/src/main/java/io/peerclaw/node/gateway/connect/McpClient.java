package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.peerclaw.node.gateway.AgentConnector.Skills;
import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.CallListener;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.JsonRpc;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.gateway.connect.AgentHttp.Reply;
import io.peerclaw.shared.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Calls MCP servers over Streamable HTTP (revision 2025-11-25): one session per agent and endpoint,
 * opened with {@code initialize} and reused by every call until the server forgets it (404), when
 * it is opened again once. Answers may be JSON or an event stream.
 */
final class McpClient {
    /*
     * Sessions: two calls that find no session at once both initialize; the later one's session
     * is kept and the other is simply never used again (the server expires it). A lock per agent
     * would make every caller wait on the first one's deadline instead.
     */
    static final String PROTOCOL_VERSION = "2025-11-25";

    /** tools/list pages followed at most; a server whose cursor never ends is cut off here. */
    private static final int MAX_PAGES = 50;

    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";

    /** An open session: its id (null for a stateless server) and the negotiated revision. */
    record Session(String id, String version) {
        Map<String, String> headers() {
            var headers = new LinkedHashMap<String, String>();
            if (id != null) {
                headers.put(SESSION_HEADER, id);
            }
            headers.put(VERSION_HEADER, version);
            return headers;
        }
    }

    private sealed interface Rpc {
        record Answered(JsonRpc.Response response) implements Rpc {}

        record Failed(CallError error) implements Rpc {}

        /** The server no longer knows the session (404). */
        record SessionGone() implements Rpc {}
    }

    private final AgentHttp http;
    private final Cache<AgentKey, Session> sessions;
    private final Cache<AgentKey, List<Skill>> tools;
    private final AtomicLong ids = new AtomicLong();

    McpClient(
            AgentHttp http, Cache<AgentKey, Session> sessions, Cache<AgentKey, List<Skill>> tools) {
        this.http = http;
        this.sessions = sessions;
        this.tools = tools;
    }

    /** The server's tools, every page of them (cached briefly). */
    Skills skills(AgentTarget target, Deadline deadline) {
        var key = AgentKey.of(target);
        List<Skill> known = tools.getIfPresent(key);
        if (known != null) {
            return new Skills.Listed(known);
        }
        var listed = new ArrayList<Skill>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode params = null;
            if (cursor != null) {
                params = Json.mapper().createObjectNode().put("cursor", cursor);
            }
            switch (request(target, "tools/list", params, deadline, _ -> {})) {
                case Rpc.Failed(CallError error) -> {
                    return new Skills.Unavailable(error);
                }
                case Rpc.SessionGone _ -> {
                    return new Skills.Unavailable(sessionLost());
                }
                case Rpc.Answered(JsonRpc.Response.Error error) -> {
                    return new Skills.Unavailable(
                            new CallError(
                                    Kind.AGENT_ERROR,
                                    "tools/list: " + error.message() + " (" + error.code() + ")"));
                }
                case Rpc.Answered(JsonRpc.Response.Result(JsonNode result)) -> {
                    try {
                        result.path("tools").forEach(tool -> listed.add(McpTranslator.skill(tool)));
                    } catch (BadWire e) {
                        return new Skills.Unavailable(
                                new CallError(Kind.BAD_RESPONSE, e.getMessage()));
                    }
                    JsonNode next = result.get("nextCursor");
                    cursor =
                            next != null && next.isTextual() && !next.asText().isEmpty()
                                    ? next.asText()
                                    : null;
                }
            }
            if (cursor == null) {
                tools.put(key, List.copyOf(listed));
                return new Skills.Listed(listed);
            }
        }
        return new Skills.Unavailable(
                new CallError(
                        Kind.BAD_RESPONSE,
                        "tools/list did not end within " + MAX_PAGES + " pages"));
    }

    CallResult call(
            AgentTarget target,
            CallRequest request,
            Skill skill,
            Deadline deadline,
            CallListener listener) {
        Skill tool = skill;
        if (tool == null) {
            switch (skills(target, deadline)) {
                case Skills.Unavailable(CallError error) -> {
                    return CallResult.failed(error);
                }
                case Skills.Listed(List<Skill> listed) -> {
                    if (listed.size() != 1) {
                        return CallResult.failed(
                                new CallError(
                                        Kind.UNKNOWN_TOOL,
                                        listed.isEmpty()
                                                ? "the agent offers no tools"
                                                : "name one of the agent's tools: "
                                                        + McpTranslator.names(listed)));
                    }
                    tool = listed.getFirst();
                }
            }
        }
        ObjectNode arguments;
        switch (McpTranslator.arguments(request.parts(), tool)) {
            case McpTranslator.Arguments.Misfit(CallError error) -> {
                return CallResult.failed(error);
            }
            case McpTranslator.Arguments.Fit(ObjectNode fit) -> arguments = fit;
        }
        var params = Json.mapper().createObjectNode();
        params.put("name", tool.name());
        params.set("arguments", arguments);
        String progressToken = request.callId().toString();
        boolean listening = listener != CallListener.IGNORE;
        if (listening) {
            params.putObject("_meta").put("progressToken", progressToken);
        }
        Consumer<JsonNode> progress =
                message -> {
                    if (listening
                            && "notifications/progress".equals(message.path("method").asText())
                            && progressToken.equals(
                                    message.path("params").path("progressToken").asText())) {
                        String said = message.path("params").path("message").asText("");
                        listener.on(
                                new CallEvent.StatusChanged(
                                        CallState.WORKING,
                                        said.isEmpty() ? List.of() : List.of(new Part.Text(said))));
                    }
                };
        String toolName = tool.name();
        return switch (request(target, "tools/call", params, deadline, progress)) {
            case Rpc.Failed(CallError error) -> CallResult.failed(error);
            case Rpc.SessionGone _ -> CallResult.failed(sessionLost());
            case Rpc.Answered(JsonRpc.Response.Error error) ->
                    CallResult.failed(McpTranslator.error(error.code(), error.message()));
            case Rpc.Answered(JsonRpc.Response.Result(JsonNode result)) -> {
                try {
                    yield McpTranslator.result(result, toolName, UUID.randomUUID().toString());
                } catch (BadWire e) {
                    yield CallResult.failed(new CallError(Kind.BAD_RESPONSE, e.getMessage()));
                }
            }
        };
    }

    // ---------------------------------------------------------------- session and requests

    /** A request in the agent's session, opening (or reopening, once) the session as needed. */
    private Rpc request(
            AgentTarget target,
            String method,
            JsonNode params,
            Deadline deadline,
            Consumer<JsonNode> notifications) {
        var key = AgentKey.of(target);
        for (int attempt = 0; attempt < 2; attempt++) {
            Session session = sessions.getIfPresent(key);
            if (session == null) {
                switch (initialize(target.endpointUrl(), deadline)) {
                    case Open.Refused(CallError error) -> {
                        return new Rpc.Failed(error);
                    }
                    case Open.Ready(Session opened) -> {
                        session = opened;
                        sessions.put(key, opened);
                    }
                }
            }
            long id = ids.incrementAndGet();
            Rpc answer =
                    exchange(
                            target.endpointUrl(),
                            JsonRpc.request(id, method, params),
                            id,
                            session,
                            deadline,
                            notifications);
            if (!(answer instanceof Rpc.SessionGone)) {
                return answer;
            }
            sessions.asMap().remove(key, session);
        }
        return new Rpc.SessionGone();
    }

    private sealed interface Open {
        record Ready(Session session) implements Open {}

        record Refused(CallError error) implements Open {}
    }

    /** {@code initialize}, then {@code notifications/initialized} in the new session. */
    private Open initialize(String url, Deadline deadline) {
        long id = ids.incrementAndGet();
        var params = Json.mapper().createObjectNode();
        params.put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo")
                .put("name", "PeerClaw-Node")
                .put("version", io.peerclaw.shared.Version.current());
        var answer = new AtomicReference<JsonRpc.Response>();
        Reply reply =
                http.post(
                        url,
                        JsonRpc.request(id, "initialize", params),
                        Map.of(),
                        deadline,
                        document -> {
                            JsonRpc.response(document, id, BadWire::new).ifPresent(answer::set);
                            return answer.get() == null;
                        });
        Session session;
        switch (reply) {
            case Reply.Failed(CallError error) -> {
                return new Open.Refused(error);
            }
            case Reply.Status(int status, var _) -> {
                return new Open.Refused(
                        new CallError(
                                Kind.BAD_RESPONSE,
                                "initialize: the agent answered HTTP " + status));
            }
            case Reply.Ok(var head, var _) -> {
                switch (answer.get()) {
                    case null -> {
                        return new Open.Refused(
                                new CallError(
                                        Kind.BAD_RESPONSE, "initialize: no JSON-RPC response"));
                    }
                    case JsonRpc.Response.Error error -> {
                        return new Open.Refused(
                                new CallError(
                                        Kind.AGENT_ERROR,
                                        "initialize: "
                                                + error.message()
                                                + " ("
                                                + error.code()
                                                + ")"));
                    }
                    case JsonRpc.Response.Result(JsonNode result) -> {
                        String sessionId = head.header("mcp-session-id").orElse(null);
                        if (sessionId != null && !sessionId.matches("[\\x21-\\x7e]{1,256}")) {
                            return new Open.Refused(
                                    new CallError(
                                            Kind.BAD_RESPONSE,
                                            "the Mcp-Session-Id is not visible ASCII"));
                        }
                        String version = result.path("protocolVersion").asText("");
                        session =
                                new Session(
                                        sessionId,
                                        version.matches("[\\x21-\\x7e]{1,64}")
                                                ? version
                                                : PROTOCOL_VERSION);
                    }
                }
            }
        }
        Reply notified =
                http.post(
                        url,
                        JsonRpc.notification("notifications/initialized", null),
                        session.headers(),
                        deadline,
                        _ -> true);
        return switch (notified) {
            case Reply.Ok _ -> new Open.Ready(session);
            case Reply.Failed(CallError error) -> new Open.Refused(error);
            case Reply.Status(int status, var _) ->
                    new Open.Refused(
                            new CallError(
                                    Kind.BAD_RESPONSE,
                                    "notifications/initialized: the agent answered HTTP "
                                            + status));
        };
    }

    /**
     * One request; documents before the response (progress, logging) go to {@code notifications}.
     */
    private Rpc exchange(
            String url,
            JsonNode request,
            long id,
            Session session,
            Deadline deadline,
            Consumer<JsonNode> notifications) {
        var answer = new AtomicReference<JsonRpc.Response>();
        Reply reply =
                http.post(
                        url,
                        request,
                        session.headers(),
                        deadline,
                        document -> {
                            var response = JsonRpc.response(document, id, BadWire::new);
                            if (response.isPresent()) {
                                answer.set(response.get());
                                return false;
                            }
                            notifications.accept(document);
                            return true;
                        });
        return switch (reply) {
            case Reply.Failed(CallError error) -> new Rpc.Failed(error);
            case Reply.Status(int status, var _) when status == 404 && session.id() != null ->
                    new Rpc.SessionGone();
            case Reply.Status(int status, JsonNode body) ->
                    JsonRpc.unaddressedError(body)
                            .<Rpc>map(Rpc.Answered::new)
                            .orElseGet(
                                    () ->
                                            new Rpc.Failed(
                                                    new CallError(
                                                            Kind.BAD_RESPONSE,
                                                            "the agent answered HTTP " + status)));
            case Reply.Ok _ ->
                    answer.get() == null
                            ? new Rpc.Failed(
                                    new CallError(
                                            Kind.BAD_RESPONSE,
                                            "no JSON-RPC response with id " + id))
                            : new Rpc.Answered(answer.get());
        };
    }

    private static CallError sessionLost() {
        return new CallError(Kind.BAD_RESPONSE, "the agent forgot its MCP session twice in a row");
    }
}
