package io.peerclaw.node.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.SignalingClient;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.shared.crypto.RequestSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signaling socket on a running node, driven by real WebSocket clients: who may open one, both
 * ways of proving the key, what a frame must be, relaying between contacts, and the limits.
 */
class SignalingIT {
    private static final String ADMIN_EMAIL = "signaling-admin@example.org";
    private static final String ADMIN_PASSWORD = "correct horse battery staple";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private static TestNode node;
    private static Users users;
    private static Users.Session admin;

    @BeforeAll
    static void start() {
        var settings = new HashMap<String, String>();
        settings.put("user_auth.bcrypt_cost", "4");
        settings.put("rate_limit.enabled", "false");
        settings.put("probe.enabled", "false");
        settings.put(
                "signaling.turn.urls", "stun:stun.example.org:3478,turn:turn.example.org:3478");
        settings.put("signaling.turn.secret", "turn-shared-secret");
        node = TestNode.startWithAdmin(TestNode.Engine.H2, settings, ADMIN_EMAIL, ADMIN_PASSWORD);
        users = new Users(node.uri());
        admin = users.signIn(null, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static TestAgent register(Users.Session owner) {
        var agent = node.newAgent();
        var card = agent.card("signal-" + agent.id().value().substring(0, 6));
        var registered =
                Http.send(
                        owner == null
                                ? agent.signed("POST", "/api/v1/agents", card)
                                : agent.signedFor(
                                        "POST", "/api/v1/agents", card, owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    /** Two agents of one owner: each other's contacts without asking. */
    static TestAgent[] pair() {
        var owner = users.signUp("pair");
        return new TestAgent[] {register(owner), register(owner)};
    }

    static Map<String, Object> offer(TestAgent to) {
        var frame = new LinkedHashMap<String, Object>();
        frame.put("type", "offer");
        frame.put("to", to.id().value());
        frame.put("sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n");
        return frame;
    }

    static JsonNode nextOfType(SignalingClient client, String type) {
        for (int i = 0; i < 5; i++) {
            JsonNode frame = client.next();
            if (frame.get("type").asText().equals(type)) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame");
    }

    // ------------------------------------------------------------------ proving the key

    @Test
    void anAnsweredChallengeAuthenticatesAndBringsTheIceServers() {
        var agent = register(null);
        try (var client = SignalingClient.open(node.uri(), agent.id().value())) {
            JsonNode challenge = client.next();
            assertThat(challenge.get("type").asText()).isEqualTo("challenge");
            assertThat(challenge.get("nonce").asText()).matches("[0-9a-f]{64}");
            assertThat(challenge.get("timestamp").asLong())
                    .isCloseTo(
                            Instant.now().getEpochSecond(),
                            org.assertj.core.data.Offset.offset(5L));
            client.send(
                    SignalingClient.answer(
                            agent,
                            challenge.get("nonce").asText(),
                            Instant.now().getEpochSecond()));
            JsonNode authenticated = client.next();
            assertThat(authenticated.get("type").asText()).isEqualTo("authenticated");
            assertThat(authenticated.get("agent_id").asText()).isEqualTo(agent.id().value());

            JsonNode config = client.next();
            assertThat(config.get("type").asText()).isEqualTo("config");
            JsonNode servers = config.get("ice_servers");
            assertThat(servers).hasSize(2);
            assertThat(servers.get(0).get("urls").get(0).asText()).startsWith("stun:");
            assertThat(servers.get(0).has("username")).isFalse();
            String username = servers.get(1).get("username").asText();
            assertThat(username).endsWith(":" + agent.id());
            long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
            assertThat(expiry - Instant.now().getEpochSecond()).isBetween(86_300L, 86_500L);
            assertThat(servers.get(1).get("credential").asText())
                    .isEqualTo(IceServers.hmacSha1("turn-shared-secret", username));
        }
    }

    @Test
    void aSignedUpgradeOrABearerKeyIsAuthenticatedAtOnce() {
        var agent = register(null);
        try (var client = SignalingClient.openSigned(node.uri(), agent)) {
            assertThat(client.next().get("type").asText()).isEqualTo("authenticated");
        }
        var minted =
                Http.send(agent.signed("POST", "/api/v1/agents/" + agent.id() + "/keys", Map.of()));
        String key = minted.json().get("key").asText();
        try (var client =
                SignalingClient.open(
                        node.uri(),
                        agent.id().value(),
                        Map.of(
                                "Authorization",
                                "Bearer " + key,
                                RequestSignature.HEADER_AGENT_ID,
                                agent.id().value()))) {
            assertThat(client.next().get("type").asText()).isEqualTo("authenticated");
        }
    }

    @Test
    void wrongLateOrForeignAnswersCloseTheSocketWith1008() {
        var agent = register(null);
        var impostor = node.newAgent();

        try (var client = SignalingClient.open(node.uri(), agent.id().value())) {
            String nonce = client.next().get("nonce").asText();
            client.send(
                    SignalingClient.answer(impostor, nonce, Instant.now().getEpochSecond())
                            .entrySet()
                            .stream()
                            .collect(
                                    java.util.stream.Collectors.toMap(
                                            Map.Entry::getKey,
                                            e ->
                                                    e.getKey().equals("agent_id")
                                                            ? agent.id().value()
                                                            : e.getValue())));
            assertThat(client.closeCode(CLOSE_WAIT)).isEqualTo(1008);
        }
        // A nonce that was another socket's.
        String otherNonce;
        try (var other = SignalingClient.open(node.uri(), agent.id().value())) {
            otherNonce = other.next().get("nonce").asText();
        }
        try (var client = SignalingClient.open(node.uri(), agent.id().value())) {
            client.next();
            client.send(SignalingClient.answer(agent, otherNonce, Instant.now().getEpochSecond()));
            assertThat(client.closeCode(CLOSE_WAIT)).isEqualTo(1008);
        }
        // A clock ten minutes off.
        try (var client = SignalingClient.open(node.uri(), agent.id().value())) {
            String nonce = client.next().get("nonce").asText();
            client.send(SignalingClient.answer(agent, nonce, Instant.now().getEpochSecond() - 600));
            assertThat(client.closeCode(CLOSE_WAIT)).isEqualTo(1008);
        }
        // A signal instead of the answer.
        var peer = register(null);
        try (var client = SignalingClient.open(node.uri(), agent.id().value())) {
            client.next();
            client.send(offer(peer));
            assertThat(client.closeCode(CLOSE_WAIT)).isEqualTo(1008);
        }
        // No answer at all.
        try (var client = SignalingClient.open(node.uri(), agent.id().value())) {
            client.next();
            assertThat(client.closeCode(CLOSE_WAIT)).isEqualTo(1008);
        }
    }

    // ------------------------------------------------------------------ the gate

    @Test
    void theUpgradeIsRefusedWithAProblemBeforeAnyFrame() {
        var agent = register(null);
        var unknown = node.newAgent();

        var noAgent = SignalingClient.refused(node.uri(), "/api/v1/signaling", Map.of());
        assertThat(noAgent.status()).isEqualTo(400);
        assertThat(noAgent.body().get("code").asText()).isEqualTo("validation_error");

        var notRegistered =
                SignalingClient.refused(
                        node.uri(), "/api/v1/signaling?agent_id=" + unknown.id(), Map.of());
        assertThat(notRegistered.status()).isEqualTo(404);
        assertThat(notRegistered.body().get("code").asText()).isEqualTo("not_found");

        var foreignOrigin =
                SignalingClient.refused(
                        node.uri(),
                        "/api/v1/signaling?agent_id=" + agent.id(),
                        Map.of("Origin", "https://evil.example.com"));
        assertThat(foreignOrigin.status()).isEqualTo(403);
        assertThat(foreignOrigin.body().get("code").asText()).isEqualTo("forbidden");
        // A page of the node itself may connect.
        try (var browser =
                SignalingClient.open(
                        node.uri(),
                        agent.id().value(),
                        Map.of("Origin", "http://" + node.uri().getAuthority()))) {
            assertThat(browser.next().get("type").asText()).isEqualTo("challenge");
        }

        // Someone else's signature on the upgrade.
        String path = "/api/v1/signaling?agent_id=" + agent.id();
        var headers =
                RequestSignature.headers(
                        unknown.key(),
                        "GET",
                        path,
                        Instant.now().getEpochSecond(),
                        TestAgent.nonce(),
                        new byte[0]);
        var forged = SignalingClient.refused(node.uri(), path, headers);
        assertThat(forged.status()).isIn(401, 403);

        var plainGet = Http.get(node.uri(path));
        assertThat(plainGet.status()).isEqualTo(400);
    }

    @Test
    void aSuspendedAgentCannotConnect() {
        var agent = register(users.signUp("suspended"));
        var done =
                users.post(
                        "/api/v1/admin/agents/" + agent.id() + "/suspend",
                        Map.of("reason", "abuse"),
                        admin.accessToken());
        assertThat(done.status()).as(done.toString()).isIn(200, 204);
        var refused =
                SignalingClient.refused(
                        node.uri(), "/api/v1/signaling?agent_id=" + agent.id(), Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void suspendingOrDeregisteringAnAgentClosesItsSocket() {
        var suspended = register(users.signUp("suspended-live"));
        try (var client = SignalingClient.connect(node.uri(), suspended)) {
            var done =
                    users.post(
                            "/api/v1/admin/agents/" + suspended.id() + "/suspend",
                            Map.of("reason", "abuse"),
                            admin.accessToken());
            assertThat(done.status()).as(done.toString()).isIn(200, 204);
            assertThat(client.closeCode(CLOSE_WAIT)).isEqualTo(1008);
        }
        var leaving = register(null);
        try (var client = SignalingClient.connect(node.uri(), leaving)) {
            var gone = Http.send(leaving.signed("DELETE", "/api/v1/agents/" + leaving.id(), null));
            assertThat(gone.status()).as(gone.toString()).isIn(200, 204);
            assertThat(client.closeCode(CLOSE_WAIT)).isEqualTo(1008);
        }
    }

    // ------------------------------------------------------------------ relaying

    @Test
    void contactsExchangeOffersWithTheSenderSetByTheNode() {
        var agents = pair();
        try (var alice = SignalingClient.connect(node.uri(), agents[0]);
                var bob = SignalingClient.connect(node.uri(), agents[1])) {
            nextOfType(alice, "config");
            nextOfType(bob, "config");
            var spoofed = offer(agents[1]);
            spoofed.put("from", "somebody-else");
            spoofed.put("x25519_public_key", "a2V5");
            alice.send(spoofed);
            JsonNode received = bob.next();
            assertThat(received.get("type").asText()).isEqualTo("offer");
            assertThat(received.get("from").asText()).isEqualTo(agents[0].id().value());
            assertThat(received.get("sdp").asText()).startsWith("v=0");
            assertThat(received.get("x25519_public_key").asText()).isEqualTo("a2V5");
            assertThat(received.get("timestamp").asText()).isNotEmpty();

            var answer = new LinkedHashMap<String, Object>();
            answer.put("type", "answer");
            answer.put("to", agents[0].id().value());
            answer.put("sdp", "v=0");
            bob.send(answer);
            assertThat(alice.next().get("from").asText()).isEqualTo(agents[1].id().value());

            alice.send(Map.of("type", "ping"));
            assertThat(alice.next().get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void strangersAndAbsentAgentsGetAnErrorAndNothingIsRelayed() {
        var sender = register(users.signUp("stranger-a"));
        var receiver = register(users.signUp("stranger-b"));
        try (var a = SignalingClient.connect(node.uri(), sender);
                var b = SignalingClient.connect(node.uri(), receiver)) {
            nextOfType(a, "config");
            nextOfType(b, "config");
            a.send(offer(receiver));
            JsonNode error = a.next();
            assertThat(error.get("type").asText()).isEqualTo("signaling_error");
            assertThat(error.get("payload").get("error").asText()).isEqualTo("not_in_contacts");
            assertThat(b.quietFor(Duration.ofMillis(500))).isTrue();
        }
        var agents = pair();
        try (var a = SignalingClient.connect(node.uri(), agents[0])) {
            nextOfType(a, "config");
            a.send(offer(agents[1]));
            assertThat(a.next().get("payload").get("error").asText()).isEqualTo("not_connected");
        }
    }

    @Test
    void badFramesGetErrorsAndTwentyOfThemCloseTheSocket() {
        var agents = pair();
        try (var a = SignalingClient.connect(node.uri(), agents[0])) {
            nextOfType(a, "config");
            a.sendText("{not json");
            assertThat(a.next().get("payload").get("error").asText()).isEqualTo("invalid_json");
            a.send(Map.of("type", "config", "to", agents[1].id().value()));
            assertThat(a.next().get("payload").get("error").asText()).isEqualTo("server_only_type");
            a.send(Map.of("type", "teleport", "to", agents[1].id().value()));
            assertThat(a.next().get("payload").get("error").asText()).isEqualTo("unknown_type");
            a.send(Map.of("type", "offer", "sdp", "v=0"));
            assertThat(a.next().get("payload").get("error").asText())
                    .isEqualTo("missing_recipient");
            for (int i = 4; i < 20; i++) {
                Thread.sleep(110); // under the frame rate: only the errors count here
                a.send(Map.of("type", "notification", "to", agents[1].id().value()));
            }
            assertThat(a.closeCode(CLOSE_WAIT)).isEqualTo(1008);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anOversizeFrameCloses1009ABinaryOne1003AndAFlood1008() {
        var agents = pair();
        try (var a = SignalingClient.connect(node.uri(), agents[0])) {
            nextOfType(a, "config");
            var huge = offer(agents[1]);
            huge.put("sdp", "x".repeat(70 * 1024));
            a.send(huge);
            assertThat(a.closeCode(CLOSE_WAIT)).isEqualTo(1009);
        }
        try (var a = SignalingClient.connect(node.uri(), agents[0])) {
            nextOfType(a, "config");
            a.sendBinary(new byte[] {1, 2, 3});
            assertThat(a.closeCode(CLOSE_WAIT)).isEqualTo(1003);
        }
        try (var a = SignalingClient.connect(node.uri(), agents[0])) {
            nextOfType(a, "config");
            try {
                for (int i = 0; i < 40 && a.isOpen(); i++) {
                    a.send(Map.of("type", "ping"));
                }
            } catch (java.util.concurrent.CompletionException closedMeanwhile) {
                // the node closed the socket between the check and the send: what we want
            }
            assertThat(a.closeCode(CLOSE_WAIT)).isEqualTo(1008);
        }
    }

    @Test
    void aSecondAuthenticatedSocketReplacesTheFirstAndAnUnprovenOneNever() {
        var agents = pair();
        try (var first = SignalingClient.connect(node.uri(), agents[0]);
                var peer = SignalingClient.connect(node.uri(), agents[1])) {
            nextOfType(first, "config");
            nextOfType(peer, "config");
            // An unauthenticated socket for the same agent replaces nothing.
            try (var unproven = SignalingClient.open(node.uri(), agents[0].id().value())) {
                unproven.next();
                peer.send(offer(agents[0]));
                assertThat(first.next().get("type").asText()).isEqualTo("offer");
            }
            try (var second = SignalingClient.connect(node.uri(), agents[0])) {
                assertThat(first.closeCode(CLOSE_WAIT)).isEqualTo(4000);
                nextOfType(second, "config");
                peer.send(offer(agents[0]));
                assertThat(second.next().get("type").asText()).isEqualTo("offer");
            }
        }
    }

    // ------------------------------------------------------------------ contacts

    @Test
    void aContactRequestFrameReachesTheTargetAndApprovalTellsBoth() {
        var asking = register(users.signUp("frame-asker"));
        var asked = register(users.signUp("frame-asked"));
        try (var a = SignalingClient.connect(node.uri(), asking);
                var b = SignalingClient.connect(node.uri(), asked)) {
            nextOfType(a, "config");
            nextOfType(b, "config");
            a.send(
                    Map.of(
                            "type",
                            "contact_request",
                            "to",
                            asked.id().value(),
                            "payload",
                            Map.of("message", "shall we talk?")));
            JsonNode request = b.next();
            assertThat(request.get("type").asText()).isEqualTo("contact_request");
            assertThat(request.get("from").asText()).isEqualTo(asking.id().value());
            assertThat(request.get("payload").get("message").asText()).isEqualTo("shall we talk?");
            String id = request.get("payload").get("id").asText();

            var approved =
                    Http.send(
                            asked.signed(
                                    "PUT",
                                    "/api/v1/agents/" + asked.id() + "/contact-requests/" + id,
                                    Map.of("status", "approved")));
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            JsonNode toAsking = a.next();
            assertThat(toAsking.get("type").asText()).isEqualTo("contact_added");
            assertThat(toAsking.get("payload").get("agent_id").asText())
                    .isEqualTo(asked.id().value());
            assertThat(b.next().get("payload").get("agent_id").asText())
                    .isEqualTo(asking.id().value());

            a.send(offer(asked));
            assertThat(b.next().get("type").asText()).isEqualTo("offer");
        }
    }
}
