package io.peerclaw.node.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.NodeAgents;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call still running when its node stops: the stop records it (failed, "the node stopped"), the
 * record is readable after the restart, and the agent is not blamed for it.
 */
class GatewayRestartIT {

    @Test
    void aCallCutShortByAStopIsRecordedAndReadableAfterTheRestart() throws Exception {
        assumeTrue(NodeAgents.nodeInstalled(), "node is not installed; these need Node.js 20+");
        try (var agents =
                NodeAgents.install(
                        "gateway-agents", List.of("a2a-agent.mjs"), "@a2a-js/sdk", "express")) {
            var a2a = agents.start("a2a-agent.mjs");
            var settings = new HashMap<String, String>();
            settings.put("security.allowed_private_cidrs", "127.0.0.1/32");
            settings.put("user_auth.bcrypt_cost", "4");
            settings.put("user_auth.access_ttl", "1h");
            settings.put("probe.enabled", "false");
            settings.put("gateway.call_timeout", "1s");
            var node = TestNode.start(settings);
            TestNode restarted = null;
            try {
                var users = new Users(node.uri());
                var owner = users.signUp("restarter");
                var agent = node.newAgent();
                var card = agent.card("waiter", new ArrayList<>(List.of("chat")), List.of("a2a"));
                card.put("endpoint", Map.of("url", a2a.url("/a2a/jsonrpc"), "transport", "http"));
                assertThat(
                                Http.send(
                                                agent.signedFor(
                                                        "POST",
                                                        "/api/v1/agents",
                                                        card,
                                                        owner.accessToken()))
                                        .status())
                        .isEqualTo(201);

                // "wait" keeps the agent's task working until it is canceled.
                var accepted =
                        users.post(
                                "/api/v1/invoke/" + agent.id(),
                                Map.of("message", "wait"),
                                owner.accessToken());
                assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
                assertThat(accepted.json().get("state").asText()).isEqualTo("working");
                String id = accepted.json().get("id").asText();

                node.stop();
                restarted = TestNode.restart(node, settings);
                var again = new Users(restarted.uri());
                var record = again.get("/api/v1/invocations/" + id, owner.accessToken());
                assertThat(record.status()).as(record.toString()).isEqualTo(200);
                assertThat(record.json().get("status").asText()).isEqualTo("error");
                assertThat(record.json().get("error").asText())
                        .isEqualTo("the node stopped while this call ran");
                var reputation =
                        Http.get(restarted.uri("/api/v1/directory/" + agent.id() + "/reputation"));
                assertThat(reputation.text()).doesNotContain("bridge_error");
            } finally {
                if (restarted != null) {
                    restarted.close();
                } else {
                    node.close();
                }
            }
        }
    }
}
