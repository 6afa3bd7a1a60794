package io.peerclaw.node.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.PostgresDatabases;
import io.peerclaw.node.fixtures.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health tells the truth about the database, within seconds, and recovers with it. */
class HealthIT {
    @Test
    void healthIs503WhileTheDatabaseIsGoneAndRecoversAfterwards() {
        try (var node = TestNode.start(TestNode.Engine.POSTGRES, Map.of())) {
            String database = node.postgresUrl().replaceAll(".*/([^/?]+)\\?.*", "$1");
            assertThat(Http.get(node.uri("/api/v1/health")).status()).isEqualTo(200);
            try {
                PostgresDatabases.admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                PostgresDatabases.admin(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                                + database
                                + "'");
                await().atMost(Duration.ofSeconds(15))
                        .untilAsserted(
                                () -> {
                                    var response = Http.get(node.uri("/api/v1/health"));
                                    assertThat(response.status()).isEqualTo(503);
                                    assertThat(response.json().get("status").asText())
                                            .isEqualTo("degraded");
                                    assertThat(response.json().at("/components/database").asText())
                                            .isEqualTo("error");
                                });
                long started = System.nanoTime();
                Http.get(node.uri("/api/v1/health"));
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isLessThan(Duration.ofSeconds(6));
                assertThat(Http.get(node.uri("/api/v1/health/live")).status()).isEqualTo(200);
                // A route that needs the database answers 503 problem JSON, not a hang or a 500.
                var agent = node.newAgent();
                var register =
                        Http.send(agent.signed("POST", "/api/v1/agents", agent.card("while-down")));
                assertThat(register.status()).isEqualTo(503);
                assertThat(register.json().get("code").asText()).isEqualTo("unavailable");
            } finally {
                PostgresDatabases.admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(
                            () ->
                                    assertThat(Http.get(node.uri("/api/v1/health")).status())
                                            .isEqualTo(200));
        }
    }
}
