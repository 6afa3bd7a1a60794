package io.peerclaw.node.identity;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.AgentKeys.CreateRequest;
import io.peerclaw.shared.protocol.api.AgentKeys.ListResponse;

/**
 * An agent's bearer keys. Minting and revoking need the agent's request signature (a leaked key
 * must not be able to mint more keys); listing accepts a key too.
 *
 * <pre>
 * curl -X POST http://localhost:8080/api/v1/agents/$ID/keys -d '{"name":"ci"}' \
 *      -H "X-PeerClaw-Agent-ID: $ID" -H "X-PeerClaw-PublicKey: …" -H "X-PeerClaw-Signature: …" \
 *      -H "X-PeerClaw-Timestamp: …" -H "X-PeerClaw-Nonce: …"
 * </pre>
 */
final class AgentKeysHttpService implements HttpService {
    private final AgentKeys keys;
    private final Authenticator authenticator;

    AgentKeysHttpService(AgentKeys keys, Authenticator authenticator) {
        this.keys = keys;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/agents/{id}/keys", this::mint)
                .get("/agents/{id}/keys", this::list)
                .any("/agents/{id}/keys", MethodNotAllowed.allowing("GET", "POST"))
                .delete("/agents/{id}/keys/{keyId}", this::revoke)
                .any("/agents/{id}/keys/{keyId}", MethodNotAllowed.allowing("DELETE"));
    }

    private void mint(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        AgentId agent = agentId(req);
        authenticator.requireAgent(IncomingRequest.of(req), body, agent, true);
        CreateRequest request =
                body.length == 0
                        ? new CreateRequest(null)
                        : JsonBodies.read(body, CreateRequest.class);
        JsonBodies.send(res, Status.CREATED_201, keys.mint(agent, request.name()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        AgentId agent = agentId(req);
        authenticator.requireAgent(IncomingRequest.of(req), JsonBodies.raw(req), agent, false);
        JsonBodies.ok(res, new ListResponse(keys.list(agent)));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        AgentId agent = agentId(req);
        authenticator.requireAgent(IncomingRequest.of(req), JsonBodies.raw(req), agent, true);
        keys.revoke(agent, req.path().pathParameters().get("keyId"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static AgentId agentId(ServerRequest req) {
        String text = req.path().pathParameters().get("id");
        return AgentId.parse(text)
                .orElseThrow(() -> ApiException.notFound("no agent with id " + text));
    }
}
