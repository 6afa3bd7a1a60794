package io.peerclaw.node.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.SignalingClient;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Frames for an agent that is not connected: bridge messages and wake-ups wait in the database,
 * across a restart, and arrive in order when it authenticates; nothing else waits.
 */
class SignalingMailboxIT {
    private static final Map<String, String> SETTINGS =
            Map.of(
                    "rate_limit.enabled", "false",
                    "probe.enabled", "false",
                    "user_auth.bcrypt_cost", "4",
                    "signaling.mailbox.max_bytes", "4096");

    static TestAgent register(TestNode node, Users.Session owner) {
        var agent = node.newAgent();
        var registered =
                Http.send(
                        agent.signedFor(
                                "POST",
                                "/api/v1/agents",
                                agent.card("mailbox"),
                                owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    static Map<String, Object> bridge(TestAgent to, String id, long ttl, String body) {
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("id", id);
        envelope.put("protocol", "a2a");
        envelope.put("message_type", "request");
        envelope.put("payload", body);
        envelope.put("ttl", ttl);
        return Map.of("type", "bridge_message", "to", to.id().value(), "payload", envelope);
    }

    @Test
    void keptFramesSurviveARestartAndArriveInOrderOnceOnH2() throws InterruptedException {
        keptFramesSurviveARestartAndArriveInOrderOnce(TestNode.Engine.H2);
    }

    @Test
    void keptFramesSurviveARestartAndArriveInOrderOnceOnPostgres() throws InterruptedException {
        keptFramesSurviveARestartAndArriveInOrderOnce(TestNode.Engine.POSTGRES);
    }

    private static void keptFramesSurviveARestartAndArriveInOrderOnce(TestNode.Engine engine)
            throws InterruptedException {
        var node = TestNode.start(engine, SETTINGS);
        TestAgent sender;
        TestAgent away;
        TestAgent full;
        try {
            var users = new Users(node.uri());
            var owner = users.signUp("mailbox-owner");
            sender = register(node, owner);
            away = register(node, owner);
            full = register(node, owner);
            try (var a = SignalingClient.connect(node.uri(), sender)) {
                a.send(bridge(away, "first", 3600, "b25l"));
                a.send(Map.of("type", "mailbox_wakeup", "to", away.id().value()));
                a.send(bridge(away, "short-lived", 1, "dHdv"));
                var offer = Map.of("type", "offer", "to", away.id().value(), "sdp", "v=0");
                a.send(offer);
                var refused = a.next();
                assertThat(refused.get("payload").get("error").asText()).isEqualTo("not_connected");
                assertThat(a.quietFor(Duration.ofMillis(300))).isTrue();

                // 4096 bytes per mailbox: the third kilobyte-and-a-half frame does not fit.
                String big = "x".repeat(1500);
                a.send(bridge(full, "1", 3600, big));
                a.send(bridge(full, "2", 3600, big));
                a.send(bridge(full, "3", 3600, big));
                assertThat(a.next().get("payload").get("error").asText()).isEqualTo("mailbox_full");
            }
            Thread.sleep(1500); // the short-lived frame's ttl runs out
        } finally {
            node.stop();
        }

        var restarted = TestNode.restart(node, SETTINGS);
        try (var b = SignalingClient.connect(restarted.uri(), away)) {
            var first = b.next();
            assertThat(first.get("type").asText()).isEqualTo("bridge_message");
            assertThat(first.get("from").asText()).isEqualTo(sender.id().value());
            assertThat(first.get("payload").get("id").asText()).isEqualTo("first");
            var second = b.next();
            assertThat(second.get("type").asText()).isEqualTo("mailbox_wakeup");
            assertThat(b.quietFor(Duration.ofMillis(500))).isTrue();
        } finally {
            restarted.stop();
        }
        // Delivered means deleted: the next connection finds nothing.
        var again = TestNode.restart(node, SETTINGS);
        try (var b = SignalingClient.connect(again.uri(), away)) {
            assertThat(b.quietFor(Duration.ofMillis(500))).isTrue();
        } finally {
            again.close();
        }
    }
}
