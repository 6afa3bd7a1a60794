package io.peerclaw.node.http;

import io.helidon.webserver.http.ServerRequest;
import io.peerclaw.shared.model.AgentId;

/**
 * The {@code {id}} path parameter of an agent's route, read as an agent id. Text that cannot be one
 * names no agent, so it is a 404 like an unknown id, never a 400 that would tell the two apart.
 */
public final class PathIds {
    private PathIds() {}

    /** The agent the path names; 404 "no agent with id …" when it cannot be an id. */
    public static AgentId agentId(ServerRequest req) {
        return agentId(req, "no agent with id ");
    }

    /** The same for routes that serve public agents only: 404 "no public agent with id …". */
    public static AgentId publicAgentId(ServerRequest req) {
        return agentId(req, "no public agent with id ");
    }

    private static AgentId agentId(ServerRequest req, String notFound) {
        String text = req.path().pathParameters().get("id");
        return AgentId.parse(text).orElseThrow(() -> ApiException.notFound(notFound + text));
    }
}
