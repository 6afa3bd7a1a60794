package io.peerclaw.node.uptime;

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
import io.peerclaw.shared.model.AgentId;
import java.util.LinkedHashMap;

/**
 * {@code POST /api/v1/agents/{id}/probe}: the agent's owner (an access token, or an API key with
 * {@code manage_agents}) or an admin probes it now and reads the result.
 *
 * <pre>
 * curl -X POST localhost:8080/api/v1/agents/{id}/probe -H "Authorization: Bearer $ACCESS_TOKEN"
 * </pre>
 */
final class UptimeHttpService implements HttpService {
    private final UptimeProbes probes;
    private final Authenticator authenticator;

    UptimeHttpService(UptimeProbes probes, Authenticator authenticator) {
        this.probes = probes;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/agents/{id}/probe", this::probe)
                .any("/agents/{id}/probe", MethodNotAllowed.allowing("POST"));
    }

    private void probe(ServerRequest req, ServerResponse res) {
        var user = authenticator.requireUser(IncomingRequest.of(req), KeyScope.MANAGE_AGENTS);
        String text = req.path().pathParameters().get("id");
        AgentId id =
                AgentId.parse(text)
                        .orElseThrow(() -> ApiException.notFound("you have no agent " + text));
        var result = probes.recheck(id, user.userId(), authenticator.isAdmin(user));
        var body = new LinkedHashMap<String, Object>();
        body.put("ok", result.ok());
        body.put("checked_at", result.checkedAt());
        body.put("protocol", result.protocol());
        if (result.detail() != null) {
            body.put("detail", result.detail());
        }
        JsonBodies.ok(res, body);
    }
}
