package io.peerclaw.node.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.RequestSignature;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way to forge, replay or strip a request signature is refused with a problem answer. */
class SignedRequestsIT {
    static TestNode node;
    static TestAgent victim;
    static TestAgent attacker;
    static String heartbeat;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        victim = register(node.newAgent(), "victim");
        attacker = register(node.newAgent(), "attacker");
        heartbeat = "/api/v1/agents/" + victim.id() + "/heartbeat";
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static TestAgent register(TestAgent agent, String name) {
        assertThat(Http.send(agent.signed("POST", "/api/v1/agents", agent.card(name))).status())
                .isEqualTo(201);
        return agent;
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static void assertRefused(HttpRequest request, int status, String detailContains) {
        var response = Http.send(request);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("code").asText())
                .isEqualTo(status == 401 ? "auth_error" : "forbidden");
        assertThat(response.json().get("detail").asText()).contains(detailContains);
        assertThat(response.json().get("request_id").asText())
                .isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void aValidSignatureIsAccepted() {
        assertThat(Http.send(victim.signed("POST", heartbeat, Map.of("status", "online"))).status())
                .isEqualTo(200);
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        // The attacker signs with its own key but presents the victim's public key.
        var forged = attacker.signed("POST", heartbeat, "{}".getBytes(), now(), TestAgent.nonce());
        forged.setHeader(RequestSignature.HEADER_PUBLIC_KEY, victim.publicKey());
        forged.setHeader(RequestSignature.HEADER_AGENT_ID, victim.id().value());
        assertRefused(forged.build(), 401, "signature does not match");
    }

    @Test
    void claimingSomeoneElsesAgentIdIsRefused() {
        var forged = attacker.signed("POST", heartbeat, "{}".getBytes(), now(), TestAgent.nonce());
        forged.setHeader(RequestSignature.HEADER_AGENT_ID, victim.id().value());
        assertRefused(forged.build(), 401, "X-PeerClaw-Agent-ID is not the id");
    }

    @Test
    void actingOnSomeoneElsesAgentIsForbidden() {
        assertRefused(attacker.signed("POST", heartbeat, Map.of()), 403, "only agent");
        assertRefused(
                attacker.signed("DELETE", "/api/v1/agents/" + victim.id(), null),
                403,
                "only agent");
        assertRefused(
                attacker.signed("POST", "/api/v1/agents/" + victim.id() + "/keys", Map.of()),
                403,
                "only agent");
    }

    @Test
    void aReplayedNonceIsRefused() {
        byte[] body = "{}".getBytes();
        long timestamp = now();
        String nonce = TestAgent.nonce();
        assertThat(
                        Http.send(victim.signed("POST", heartbeat, body, timestamp, nonce).build())
                                .status())
                .isEqualTo(200);
        assertRefused(
                victim.signed("POST", heartbeat, body, timestamp, nonce).build(),
                401,
                "already used");
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301, -3600, 86_400})
    void aStaleOrFutureTimestampIsRefused(long offset) {
        assertRefused(
                victim.signed("POST", heartbeat, "{}".getBytes(), now() + offset, TestAgent.nonce())
                        .build(),
                401,
                "away from the node's clock");
    }

    @Test
    void aTimestampWithinTheWindowIsAccepted() {
        var request =
                victim.signed("POST", heartbeat, "{}".getBytes(), now() - 250, TestAgent.nonce())
                        .build();
        assertThat(Http.send(request).status()).isEqualTo(200);
    }

    @Test
    void aTamperedBodyIsRefused() {
        var signed =
                victim.signed(
                        "POST",
                        heartbeat,
                        "{\"status\":\"online\"}".getBytes(),
                        now(),
                        TestAgent.nonce());
        var tampered =
                signed.POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"offline\"}"))
                        .build();
        assertRefused(tampered, 401, "signature does not match");
    }

    @Test
    void aTamperedPathOrQueryIsRefused() {
        var signedForList =
                victim.signed(
                        "GET",
                        "/api/v1/agents?protocol=a2a",
                        new byte[0],
                        now(),
                        TestAgent.nonce());
        var otherQuery = signedForList.uri(node.uri("/api/v1/agents?protocol=mcp")).build();
        assertRefused(otherQuery, 401, "signature does not match");
        var signedForAttacker =
                victim.signed("POST", heartbeat, new byte[0], now(), TestAgent.nonce());
        var otherPath =
                signedForAttacker.uri(node.uri("/api/v1/agents/" + victim.id() + "/keys")).build();
        assertRefused(otherPath, 401, "signature does not match");
    }

    @Test
    void aChangedMethodIsRefused() {
        var signed =
                victim.signed(
                        "GET",
                        "/api/v1/agents/" + victim.id(),
                        new byte[0],
                        now(),
                        TestAgent.nonce());
        assertRefused(signed.DELETE().build(), 401, "signature does not match");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                RequestSignature.HEADER_PUBLIC_KEY, RequestSignature.HEADER_TIMESTAMP,
                RequestSignature.HEADER_NONCE, RequestSignature.HEADER_AGENT_ID
            })
    void aMissingHeaderIsRefused(String header) {
        var headers =
                RequestSignature.headers(
                        victim.key(), "POST", heartbeat, now(), TestAgent.nonce(), new byte[0]);
        var builder =
                HttpRequest.newBuilder(node.uri(heartbeat))
                        .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(
                (name, value) -> {
                    if (!name.equals(header)) {
                        builder.header(name, value);
                    }
                });
        assertRefused(builder.build(), 401, header);
    }

    @Test
    void noCredentialsAtAllIsUnauthenticated() {
        var request =
                HttpRequest.newBuilder(node.uri(heartbeat))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        var response = Http.send(request);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("PeerClaw-Signature");
    }

    @Test
    void malformedHeaderValuesAreRefused() {
        var badNonce = victim.signed("POST", heartbeat, new byte[0], now(), "short");
        assertRefused(badNonce.build(), 401, "X-PeerClaw-Nonce");
        var badKey = victim.signed("POST", heartbeat, new byte[0], now(), TestAgent.nonce());
        badKey.setHeader(RequestSignature.HEADER_PUBLIC_KEY, "bm90IGEga2V5");
        assertRefused(badKey.build(), 401, "X-PeerClaw-PublicKey");
        var badSignature = victim.signed("POST", heartbeat, new byte[0], now(), TestAgent.nonce());
        badSignature.setHeader(RequestSignature.HEADER_SIGNATURE, "AAAA");
        assertRefused(badSignature.build(), 401, "X-PeerClaw-Signature");
        var badTimestamp = victim.signed("POST", heartbeat, new byte[0], now(), TestAgent.nonce());
        badTimestamp.setHeader(RequestSignature.HEADER_TIMESTAMP, "yesterday");
        assertRefused(badTimestamp.build(), 401, "X-PeerClaw-Timestamp");
    }

    @Test
    void anUnregisteredKeyAuthenticatesNothingButItsOwnRegistration() {
        var stranger = node.newAgent();
        assertRefused(stranger.signed("GET", "/api/v1/agents", null), 401, "not registered");
        assertRefused(
                stranger.signed("POST", "/api/v1/agents/" + stranger.id() + "/heartbeat", null),
                401,
                "not registered");
        assertThat(
                        Http.send(
                                        stranger.signed(
                                                "POST",
                                                "/api/v1/agents",
                                                stranger.card("stranger")))
                                .status())
                .isEqualTo(201);
    }

    @Test
    void registrationMustBeSignedByTheKeyBeingRegistered() {
        var newcomer = node.newAgent();
        var unsigned =
                HttpRequest.newBuilder(node.uri("/api/v1/agents"))
                        .POST(
                                HttpRequest.BodyPublishers.ofByteArray(
                                        TestAgent.bytes(newcomer.card("x"))))
                        .build();
        assertRefused(unsigned, 401, "must be signed");
        // Signed by the newcomer but claiming another id.
        var wrongId =
                newcomer.signed(
                        "POST",
                        "/api/v1/agents",
                        TestAgent.bytes(newcomer.card("x")),
                        now(),
                        TestAgent.nonce());
        wrongId.setHeader(RequestSignature.HEADER_AGENT_ID, victim.id().value());
        assertRefused(wrongId.build(), 401, "X-PeerClaw-Agent-ID");
        // Signed by the attacker with a card naming the victim's key.
        var card = attacker.card("impostor");
        card.put("public_key", victim.publicKey());
        var response = Http.send(attacker.signed("POST", "/api/v1/agents", card));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("public_key");
    }

    @Test
    void bearerKeysNeedTheirAgentIdAndAKnownKey() {
        var noId =
                HttpRequest.newBuilder(node.uri(heartbeat))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Bearer pca_" + "0".repeat(64))
                        .build();
        assertRefused(noId, 401, "X-PeerClaw-Agent-ID");
        assertRefused(
                victim.withKey("POST", heartbeat, null, "pca_" + "0".repeat(64)), 401, "not valid");
        assertRefused(
                victim.withKey("POST", heartbeat, null, "some-jwt-looking-thing"),
                401,
                "not an access token this node issued");
    }

    @Test
    void aKeyThatIsNotACurvePointIsRefused() {
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        var request = victim.signed("POST", heartbeat, new byte[0], now(), TestAgent.nonce());
        request.setHeader(
                RequestSignature.HEADER_PUBLIC_KEY,
                java.util.Base64.getEncoder().encodeToString(notAPoint));
        assertRefused(request.build(), 401, "X-PeerClaw-PublicKey");
        assertThat(Ed25519.PublicKey.of(notAPoint)).isEmpty();
    }

    @Test
    void failedAuthenticationIsAuditedOncePerMinutePerClientWithASummary() {
        var own = TestNode.start();
        try {
            for (int i = 0; i < 5; i++) {
                Http.send(
                        HttpRequest.newBuilder(own.uri(heartbeat))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .header("Authorization", "Bearer nonsense-" + i)
                                .build());
            }
            assertThat(authFailures(own)).hasSize(1);
            assertThat(authFailures(own).getFirst())
                    .contains("not an access token this node issued")
                    .contains("\"source_ip\":\"127.0.0.1\"");
        } finally {
            own.stop();
        }
        // Stopping writes the summary of the four that were held back.
        assertThat(authFailures(own)).hasSize(2);
        assertThat(authFailures(own).get(1)).contains("\"suppressed\":4");
        own.cleanUp();
    }

    private static List<String> authFailures(TestNode node) {
        return List.of(node.auditOutput().split("\n")).stream()
                .filter(l -> l.contains("\"auth.failed\""))
                .toList();
    }
}
