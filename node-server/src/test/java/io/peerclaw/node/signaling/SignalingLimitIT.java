package io.peerclaw.node.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.SignalingClient;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rate_limit.max_connections}: a full node refuses new agents, not their reconnects. */
class SignalingLimitIT {
    private static TestNode node;

    @BeforeAll
    static void start() {
        node =
                TestNode.start(
                        TestNode.Engine.H2,
                        Map.of(
                                "rate_limit.max_connections", "2",
                                "rate_limit.enabled", "false",
                                "probe.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static TestAgent register() {
        var agent = node.newAgent();
        var registered = Http.send(agent.signed("POST", "/api/v1/agents", agent.card("limited")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    @Test
    void aFullNodeAnswers503ButLetsAConnectedAgentReconnect() {
        var first = register();
        var second = register();
        var third = register();
        try (var a = SignalingClient.connect(node.uri(), first);
                var b = SignalingClient.connect(node.uri(), second)) {
            assertThat(a.isOpen() && b.isOpen()).isTrue();
            var refused =
                    SignalingClient.refused(
                            node.uri(), "/api/v1/signaling?agent_id=" + third.id(), Map.of());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body().get("code").asText()).isEqualTo("unavailable");
            try (var again = SignalingClient.connect(node.uri(), first)) {
                assertThat(again.isOpen()).isTrue();
            }
        }
    }
}
