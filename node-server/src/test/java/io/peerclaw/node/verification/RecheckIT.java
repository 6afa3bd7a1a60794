package io.peerclaw.node.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.peerclaw.node.boot.NodeWiring;
import io.peerclaw.node.config.ConfigSources;
import io.peerclaw.node.config.NodeConfigLoader;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.shared.crypto.Encoding;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Periodic re-checks of verified endpoints, driven with the node's own clock. */
class RecheckIT {
    private final MutableClock clock = MutableClock.atSystemTime();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private HttpServer agentServer;
    private NodeWiring wiring;
    private TestAgent agent;
    private URI base;
    private Path directory;

    @BeforeEach
    void start() throws IOException {
        directory = TestNode.temporaryDirectory();
        var config =
                NodeConfigLoader.load(
                                new ConfigSources(
                                        Optional.empty(),
                                        Optional.of(directory),
                                        OptionalInt.of(0),
                                        Map.of(),
                                        Map.of(
                                                "logging.level", "warn",
                                                "audit_log.output", "stdout",
                                                "database.dsn", "mem:recheck-" + UUID.randomUUID(),
                                                "security.allowed_private_cidrs", "127.0.0.1/32")))
                        .config();
        wiring = NodeWiring.start(config, clock, OutputStream.nullOutputStream());
        base = URI.create("http://127.0.0.1:" + wiring.port());
        agent = new TestAgent(base);
        agentServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agentServer.createContext(
                "/",
                exchange -> {
                    String query = exchange.getRequestURI().getRawQuery();
                    String nonce = query.substring("challenge=".length());
                    byte[] signature = agent.key().sign(nonce.getBytes(StandardCharsets.US_ASCII));
                    byte[] body =
                            ("{\"challenge\":\""
                                            + nonce
                                            + "\",\"signature\":\""
                                            + Encoding.hex(signature)
                                            + "\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(healthy.get() ? 200 : 503, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        agentServer.start();
    }

    @AfterEach
    void stop() {
        agentServer.stop(0);
        wiring.close();
        TestNode.deleteRecursively(directory);
    }

    private boolean verified() {
        return Http.get(base.resolve("/api/v1/directory/" + agent.id()))
                .json()
                .get("verified")
                .asBoolean();
    }

    private int recheck() {
        return wiring.verification().verification().recheckDue(10);
    }

    @Test
    void threeFailedRechecksInARowClearVerifiedAndAPassResetsTheCount() {
        var users = new Users(base);
        var owner = users.signUp("owner");
        var card = agent.card("Rechecked");
        card.put(
                "endpoint",
                Map.of(
                        "url",
                        "http://127.0.0.1:" + agentServer.getAddress().getPort(),
                        "transport",
                        "http"));
        assertThat(
                        Http.send(
                                        agent.signedFor(
                                                "POST",
                                                "/api/v1/agents",
                                                card,
                                                owner.accessToken()))
                                .status())
                .isEqualTo(201);
        assertThat(
                        users.post(
                                        "/api/v1/agents/" + agent.id() + "/verify",
                                        Map.of(),
                                        owner.accessToken())
                                .status())
                .isEqualTo(200);
        assertThat(recheck()).as("not due yet").isZero();

        // Daily, give or take a tenth: due after at most 26.4 h.
        clock.advance(Duration.ofHours(27));
        assertThat(recheck()).isEqualTo(1);
        assertThat(verified()).isTrue();

        healthy.set(false);
        clock.advance(Duration.ofHours(27));
        assertThat(recheck()).isEqualTo(1);
        assertThat(verified()).as("one failure").isTrue();
        clock.advance(Duration.ofMinutes(61));
        assertThat(recheck()).isEqualTo(1);
        assertThat(verified()).as("two failures").isTrue();

        // A pass in between starts the count again.
        healthy.set(true);
        clock.advance(Duration.ofMinutes(61));
        assertThat(recheck()).isEqualTo(1);
        healthy.set(false);
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofHours(27));
            assertThat(recheck()).isEqualTo(1);
            assertThat(verified()).isTrue();
        }
        clock.advance(Duration.ofMinutes(61));
        assertThat(recheck()).isEqualTo(1);
        assertThat(verified()).as("three failures in a row").isFalse();

        // No longer verified: nothing left to re-check.
        clock.advance(Duration.ofHours(27));
        assertThat(recheck()).isZero();
        var events =
                Http.get(base.resolve("/api/v1/directory/" + agent.id() + "/reputation"))
                        .json()
                        .get("events");
        assertThat(events.get(0).get("event_type").asText()).isEqualTo("verification_fail");
        assertThat(events.get(0).get("metadata").asText()).startsWith("bad_status");
    }
}
