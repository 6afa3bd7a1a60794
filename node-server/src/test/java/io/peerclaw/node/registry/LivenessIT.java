package io.peerclaw.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerclaw.node.api.NodeOptions;
import io.peerclaw.node.api.NodeServer;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.fixtures.PostgresDatabases;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Agents that stop beating are marked offline by the node's upkeep, and come back by beating. */
class LivenessIT {
    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void silentAgentsGoOfflineAndReturnWithTheirNextHeartbeat(TestNode.Engine engine) {
        var clock = MutableClock.atSystemTime();
        var directory = TestNode.temporaryDirectory();
        String postgres = engine == TestNode.Engine.POSTGRES ? PostgresDatabases.create() : null;
        var options =
                NodeOptions.defaults()
                        .withDataDirectory(directory)
                        .withPort(0)
                        .withEnvironment(Map.of())
                        .withClock(clock)
                        .with("logging.level", "warn")
                        .with("registry.offline_after", "60s")
                        .with("registry.heartbeat_flush_interval", "100ms");
        if (postgres != null) {
            options = options.with("database.driver", "postgres").with("database.dsn", postgres);
        }
        try (var node = NodeServer.start(options, OutputStream.nullOutputStream())) {
            var quiet = new TestAgent(node.baseUri());
            var lively = new TestAgent(node.baseUri());
            assertThat(
                            Http.send(quiet.signed("POST", "/api/v1/agents", quiet.card("quiet")))
                                    .status())
                    .isEqualTo(201);
            assertThat(
                            Http.send(
                                            lively.signed(
                                                    "POST",
                                                    "/api/v1/agents",
                                                    lively.card("lively")))
                                    .status())
                    .isEqualTo(201);

            clock.advance(Duration.ofSeconds(45));
            assertThat(
                            Http.send(
                                            lively.signed(
                                                    "POST",
                                                    "/api/v1/agents/" + lively.id() + "/heartbeat",
                                                    null))
                                    .status())
                    .isEqualTo(200);
            clock.advance(Duration.ofSeconds(30)); // quiet: 75 s of silence, lively: 30 s

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(status(lively, quiet)).isEqualTo("offline"));
            assertThat(status(lively, lively)).isEqualTo("online");
            Instant beat = Instant.parse(card(lively, lively).get("last_heartbeat").asText());
            assertThat(beat)
                    .isEqualTo(
                            clock.instant()
                                    .minusSeconds(30)
                                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

            var back =
                    Http.send(
                            quiet.signed(
                                    "POST", "/api/v1/agents/" + quiet.id() + "/heartbeat", null));
            assertThat(back.status()).isEqualTo(200);
            assertThat(status(lively, quiet)).isEqualTo("online");
        } finally {
            TestNode.deleteRecursively(directory);
            if (postgres != null) {
                PostgresDatabases.drop(postgres);
            }
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode card(
            TestAgent reader, TestAgent target) {
        return Http.send(reader.signed("GET", "/api/v1/agents/" + target.id(), null)).json();
    }

    private static String status(TestAgent reader, TestAgent target) {
        return card(reader, target).get("status").asText();
    }
}
