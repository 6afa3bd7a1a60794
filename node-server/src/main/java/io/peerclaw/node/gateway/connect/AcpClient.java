package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallListener;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.gateway.connect.AgentHttp.Reply;
import io.peerclaw.shared.json.Json;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Calls ACP 0.2 agents: {@code POST {base}/runs} in sync mode, or in stream mode when the caller
 * listens; an awaiting run is resumed with {@code POST {base}/runs/{id}}.
 */
final class AcpClient {
    /** Run ids go into a path; anything but an id's characters could lead elsewhere. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    static final String AGENT_NAME_METADATA = "acp.agent_name";

    private final AgentHttp http;
    private final Cache<AgentKey, String> agentNames;

    AcpClient(AgentHttp http, Cache<AgentKey, String> agentNames) {
        this.http = http;
        this.agentNames = agentNames;
    }

    CallResult call(
            AgentTarget target,
            CallRequest request,
            Skill skill,
            Deadline deadline,
            CallListener listener) {
        String base = base(target.endpointUrl());
        String mode = listener == CallListener.IGNORE ? "sync" : "stream";
        boolean resuming = request.remoteTaskId() != null;
        String url;
        ObjectNode body = Json.mapper().createObjectNode();
        if (resuming) {
            if (!RUN_ID.matcher(request.remoteTaskId()).matches()) {
                return CallResult.failed(
                        new CallError(Kind.UNKNOWN_TASK, "that is not an ACP run id"));
            }
            url = base + "/runs/" + request.remoteTaskId();
            var resume = body.putObject("await_resume");
            resume.put("type", "message");
            resume.set("message", AcpTranslator.message(request.parts()));
        } else {
            url = base + "/runs";
            body.put(
                    "agent_name", skill != null ? skill.name() : agentName(target, base, deadline));
            body.putArray("input").add(AcpTranslator.message(request.parts()));
            body.put("session_id", request.contextId().toString());
        }
        body.put("mode", mode);
        var stream = new AcpStream(listener);
        var run = new AtomicReference<JsonNode>();
        Reply reply =
                http.post(
                        url,
                        body,
                        Map.of(),
                        deadline,
                        document -> {
                            if (document.has("type") && !document.has("run_id")) {
                                return !stream.apply(document); // an event of the stream
                            }
                            run.set(document); // a sync run
                            return false;
                        });
        return switch (reply) {
            case Reply.Failed(CallError error) -> stream.failed(error);
            case Reply.Status(int status, JsonNode error) ->
                    CallResult.failed(AcpTranslator.error(status, error, resuming));
            case Reply.Ok _ -> {
                try {
                    yield run.get() != null ? AcpTranslator.result(run.get()) : stream.result();
                } catch (BadWire e) {
                    yield CallResult.failed(new CallError(Kind.BAD_RESPONSE, e.getMessage()));
                }
            }
        };
    }

    boolean cancel(AgentTarget target, String runId, Deadline deadline) {
        if (!RUN_ID.matcher(runId).matches()) {
            return false;
        }
        Reply reply =
                http.post(
                        base(target.endpointUrl()) + "/runs/" + runId + "/cancel",
                        Json.mapper().createObjectNode(),
                        Map.of(),
                        deadline,
                        _ -> false);
        return switch (reply) {
            case Reply.Ok _ -> true;
            // The server knows no such run: nothing is left to cancel.
            case Reply.Status(int status, var _) -> status == 404;
            case Reply.Failed _ -> false;
        };
    }

    /**
     * The agent a run goes to when the caller named none: the server's only agent, else the one the
     * card names in its metadata, else the card's name as ACP spells names.
     */
    String agentName(AgentTarget target, String base, Deadline deadline) {
        var key = AgentKey.of(target);
        String known = agentNames.getIfPresent(key);
        if (known != null) {
            return known;
        }
        boolean definite = true;
        switch (http.get(base + "/agents", Map.of(), deadline)) {
            case Reply.Ok(var _, JsonNode listed) -> {
                JsonNode agents = listed.path("agents");
                if (agents.isArray()
                        && agents.size() == 1
                        && agents.get(0).path("name").isTextual()) {
                    String only = agents.get(0).get("name").asText();
                    agentNames.put(key, only);
                    return only;
                }
            }
            case Reply.Failed(CallError error) -> definite = error.kind() == Kind.BAD_RESPONSE;
            case Reply.Status _ -> {
                // no list: the card decides
            }
        }
        var metadata = target.card().metadata();
        String named = metadata == null ? null : metadata.get(AGENT_NAME_METADATA);
        String name =
                named != null && !named.isBlank()
                        ? named
                        : AcpTranslator.agentName(target.card().name());
        if (definite) {
            agentNames.put(key, name);
        }
        return name;
    }

    static String base(String endpointUrl) {
        String base = endpointUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }
}
