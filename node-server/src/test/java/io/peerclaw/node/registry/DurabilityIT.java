package io.peerclaw.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.NodeProcess;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the node acknowledged is still there after a restart, and after kill -9. */
class DurabilityIT {
    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void dataSurvivesARestart(TestNode.Engine engine) {
        var node = TestNode.start(engine, Map.of());
        var agent = node.newAgent();
        assertThat(
                        Http.send(agent.signed("POST", "/api/v1/agents", agent.card("persistent")))
                                .status())
                .isEqualTo(201);
        String key =
                Http.send(
                                agent.signed(
                                        "POST",
                                        "/api/v1/agents/" + agent.id() + "/keys",
                                        Map.of("name", "k")))
                        .json()
                        .get("key")
                        .asText();
        node.stop();

        var again = TestNode.restart(node, Map.of());
        try {
            var reader = new TestAgent(again.uri(), agent.key());
            var card = Http.send(reader.signed("GET", "/api/v1/agents/" + agent.id(), null));
            assertThat(card.status()).isEqualTo(200);
            assertThat(card.json().get("name").asText()).isEqualTo("persistent");
            assertThat(
                            Http.send(
                                            reader.withKey(
                                                    "POST",
                                                    "/api/v1/agents/" + agent.id() + "/heartbeat",
                                                    null,
                                                    key))
                                    .status())
                    .isEqualTo(200);
            assertThat(
                            Http.get(again.uri("/api/v1/health"))
                                    .json()
                                    .get("registered_agents")
                                    .asLong())
                    .isEqualTo(1);
        } finally {
            again.close();
        }
    }

    @Test
    void aSecondNodeOnTheSameDataFolderIsRefusedWithAClearMessage() throws Exception {
        var directory = TestNode.temporaryDirectory();
        try (var first = NodeProcess.start(directory)) {
            var error =
                    org.assertj.core.api.Assertions.catchThrowableOfType(
                            io.peerclaw.node.api.NodeStartException.class,
                            () -> TestNode.startOn(directory, Map.of()));
            assertThat(error.problems())
                    .singleElement()
                    .asString()
                    .contains("another PeerClaw node");
            assertThat(Http.get(first.uri().resolve("/api/v1/health")).status()).isEqualTo(200);
        } finally {
            TestNode.deleteRecursively(directory);
        }
    }

    @Test
    void acknowledgedWritesSurviveKillMinusNine() throws Exception {
        var directory = TestNode.temporaryDirectory();
        try {
            var agents = new ArrayList<TestAgent>();
            try (var process = NodeProcess.start(directory)) {
                for (int i = 0; i < 20; i++) {
                    var agent = new TestAgent(process.uri());
                    assertThat(
                                    Http.send(
                                                    agent.signed(
                                                            "POST",
                                                            "/api/v1/agents",
                                                            agent.card("survivor-" + i)))
                                            .status())
                            .isEqualTo(201);
                    agents.add(agent);
                }
                var last = agents.getLast();
                assertThat(
                                Http.send(
                                                last.signed(
                                                        "POST",
                                                        "/api/v1/agents/"
                                                                + last.id()
                                                                + "/heartbeat",
                                                        Map.of("status", "busy")))
                                        .status())
                        .isEqualTo(200);
                process.killHard(); // SIGKILL straight after the last acknowledgement
            }
            try (var process = NodeProcess.start(directory)) {
                for (var agent : agents) {
                    var reader = new TestAgent(process.uri(), agent.key());
                    var card =
                            Http.send(reader.signed("GET", "/api/v1/agents/" + agent.id(), null));
                    assertThat(card.status()).as(card.toString()).isEqualTo(200);
                }
                var last = new TestAgent(process.uri(), agents.getLast().key());
                assertThat(
                                Http.send(last.signed("GET", "/api/v1/agents/" + last.id(), null))
                                        .json()
                                        .get("status")
                                        .asText())
                        .isEqualTo("busy");
            }
        } finally {
            TestNode.deleteRecursively(directory);
        }
    }
}
