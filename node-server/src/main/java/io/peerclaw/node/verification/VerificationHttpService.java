package io.peerclaw.node.verification;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.shared.model.AgentId;

/**
 * {@code POST /api/v1/agents/{id}/verify}: by the agent itself (a request signed with its key) or
 * by its owner or an admin (access token, or an API key with {@code manage_agents}).
 *
 * <pre>
 * curl -X POST localhost:8080/api/v1/agents/$AGENT/verify -H "Authorization: Bearer $TOKEN"
 * </pre>
 */
final class VerificationHttpService implements HttpService {
    private final EndpointVerification verification;
    private final OwnedAgents owned;
    private final Authenticator authenticator;

    VerificationHttpService(
            EndpointVerification verification, OwnedAgents owned, Authenticator authenticator) {
        this.verification = verification;
        this.owned = owned;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/agents/{id}/verify", this::verify)
                .any("/agents/{id}/verify", MethodNotAllowed.allowing("POST"));
    }

    private void verify(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        var incoming = IncomingRequest.of(req);
        String text = req.path().pathParameters().get("id");
        AgentId id =
                AgentId.parse(text)
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + text));
        var user = authenticator.userAlongside(incoming);
        if (user.isPresent()) {
            var owner = authenticator.requireUser(incoming, KeyScope.MANAGE_AGENTS);
            if (authenticator.isAdmin(owner)) {
                // Admins check any agent (the console's "verify now"); unknown ids still 404.
                JsonBodies.ok(res, verification.verify(id));
                return;
            }
            var agent = owned.ownedAgent(id, owner.userId());
            if (agent.isEmpty() || agent.get().pending()) {
                // Someone else's agent and an unknown id look the same.
                throw ApiException.notFound("you have no agent " + id);
            }
        } else {
            authenticator.requireAgent(incoming, body, id, true);
        }
        JsonBodies.ok(res, verification.verify(id));
    }
}
