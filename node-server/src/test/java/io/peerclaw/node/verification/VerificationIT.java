package io.peerclaw.node.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.Problems;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The endpoint challenge end to end: a node that may reach the loopback (on purpose, through {@code
 * security.allowed_private_cidrs}) and a small HTTP agent started by the test, whose answer each
 * test scripts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationIT {
    private TestNode node;
    private HttpServer agentServer;
    private final AtomicReference<Function<String, Answer>> script = new AtomicReference<>();
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private Users users;

    record Answer(int status, String body, long delayMillis) {}

    @BeforeAll
    void start() throws IOException {
        node =
                TestNode.start(
                        TestNode.Engine.H2,
                        Map.of("security.allowed_private_cidrs", "127.0.0.1/32"));
        users = new Users(node.uri());
        agentServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agentServer.createContext(
                "/",
                exchange -> {
                    String query = exchange.getRequestURI().getRawQuery();
                    seen.add(exchange.getRequestURI().getRawPath() + "?" + query);
                    String nonce =
                            query != null && query.startsWith("challenge=")
                                    ? query.substring("challenge=".length())
                                    : "";
                    Answer answer = script.get().apply(nonce);
                    try {
                        Thread.sleep(answer.delayMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(answer.status(), bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        agentServer.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        agentServer.start();
    }

    @AfterAll
    void stop() {
        agentServer.stop(0);
        node.close();
    }

    private String endpoint(String path) {
        return "http://127.0.0.1:" + agentServer.getAddress().getPort() + path;
    }

    /** Registers an agent whose endpoint is the test's server, owned by {@code owner}. */
    private TestAgent agent(String endpointUrl, Users.Session owner) {
        var agent = node.newAgent();
        var card = agent.card("Verified " + agent.id());
        card.put("endpoint", Map.of("url", endpointUrl, "transport", "http"));
        var response =
                Http.send(agent.signedFor("POST", "/api/v1/agents", card, owner.accessToken()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return agent;
    }

    private static String sign(TestAgent agent, String nonce, boolean hex) {
        byte[] signature = agent.key().sign(nonce.getBytes(StandardCharsets.US_ASCII));
        return hex ? Encoding.hex(signature) : Encoding.base64(signature);
    }

    private static String answer(String challenge, String signature) {
        return "{\"challenge\":\"" + challenge + "\",\"signature\":\"" + signature + "\"}";
    }

    private Http.Response verifyAsOwner(TestAgent agent, Users.Session owner) {
        return users.post(
                "/api/v1/agents/" + agent.id() + "/verify", Map.of(), owner.accessToken());
    }

    @Test
    void aSignedAnswerVerifiesTheAgentInBase64OrHex() {
        var owner = users.signUp("owner");
        for (boolean hex : new boolean[] {false, true}) {
            // A trailing slash must not give a double slash before the well-known path.
            var agent = agent(endpoint("/agent/"), owner);
            script.set(nonce -> new Answer(200, answer(nonce, sign(agent, nonce, hex)), 0));
            seen.clear();
            var response = verifyAsOwner(agent, owner);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            var body = response.json();
            assertThat(body.get("status").asText()).isEqualTo("verified");
            assertThat(body.get("challenge").asText()).matches("[0-9a-f]{64}");
            assertThat(body.get("verified_at").asText()).isNotEmpty();
            assertThat(seen)
                    .containsExactly(
                            "/agent/.well-known/peerclaw-verify?challenge="
                                    + body.get("challenge").asText());

            var profile = Http.get(node.uri("/api/v1/directory/" + agent.id())).json();
            assertThat(profile.get("verified").asBoolean()).isTrue();
            var events =
                    Http.get(node.uri("/api/v1/directory/" + agent.id() + "/reputation"))
                            .json()
                            .get("events");
            assertThat(events.get(0).get("event_type").asText()).isEqualTo("verification_pass");

            // Verifying again works but earns nothing more: one pass per key and endpoint.
            assertThat(verifyAsOwner(agent, owner).status()).isEqualTo(200);
            var again =
                    Http.get(node.uri("/api/v1/directory/" + agent.id() + "/reputation"))
                            .json()
                            .get("events");
            assertThat(again.size()).isEqualTo(events.size());
        }
    }

    @Test
    void theAgentItselfMayAskWithASignedRequest() {
        var owner = users.signUp("owner");
        var agent = agent(endpoint(""), owner);
        script.set(nonce -> new Answer(200, answer(nonce, sign(agent, nonce, false)), 0));
        var response =
                Http.send(agent.signed("POST", "/api/v1/agents/" + agent.id() + "/verify", null));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void eachFailureHasItsReasonAndCountsAgainstTheAgent() throws IOException {
        var owner = users.signUp("owner");
        var agent = agent(endpoint("/a"), owner);
        var stranger = new Ed25519Keys();

        script.set(nonce -> new Answer(200, answer("0".repeat(64), sign(agent, nonce, false)), 0));
        expectFailure(agent, owner, "wrong_challenge");

        script.set(nonce -> new Answer(200, answer(nonce, stranger.sign(nonce)), 0));
        expectFailure(agent, owner, "bad_signature");

        script.set(nonce -> new Answer(200, answer(nonce, "not a signature"), 0));
        expectFailure(agent, owner, "bad_signature");

        script.set(nonce -> new Answer(404, "{}", 0));
        expectFailure(agent, owner, "bad_status");

        script.set(nonce -> new Answer(302, "{}", 0));
        expectFailure(agent, owner, "bad_status");

        script.set(nonce -> new Answer(200, "<html>hello</html>", 0));
        expectFailure(agent, owner, "bad_response");

        script.set(nonce -> new Answer(200, "x".repeat(5_000), 0));
        expectFailure(agent, owner, "bad_response");

        var events =
                Http.get(node.uri("/api/v1/directory/" + agent.id() + "/reputation"))
                        .json()
                        .get("events");
        // verification_fail counts up to its cap (3 per hour); the rest are answered, not counted.
        long failures =
                java.util.stream.StreamSupport.stream(events.spliterator(), false)
                        .filter(e -> e.get("event_type").asText().equals("verification_fail"))
                        .count();
        assertThat(failures).isEqualTo(3);
        // Newest first: the oldest counted failure is the first one.
        assertThat(events.get(events.size() - 1 - 1).get("metadata").asText())
                .startsWith("wrong_challenge");
        var profile = Http.get(node.uri("/api/v1/directory/" + agent.id())).json();
        assertThat(profile.get("verified").asBoolean()).isFalse();
    }

    @Test
    void anUnreachableOrSlowEndpointFails() throws IOException {
        var owner = users.signUp("owner");
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var gone = agent("http://127.0.0.1:" + closed + "/x", owner);
        expectFailure(gone, owner, "unreachable");

        var slow = agent(endpoint("/slow"), owner);
        script.set(nonce -> new Answer(200, answer(nonce, sign(slow, nonce, false)), 6_000));
        long started = System.nanoTime();
        expectFailure(slow, owner, "timeout");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_900);
    }

    @Test
    void aTargetTheAddressRulesRefuseIsRefusedWithoutAConnection() {
        // A node with the default rules: "localhost" registers (a name, not an address), but it
        // resolves to the loopback, which the node never calls.
        try (var strict = TestNode.start(TestNode.Engine.H2, Map.of())) {
            var strictUsers = new Users(strict.uri());
            var owner = strictUsers.signUp("owner");
            var agent = strict.newAgent();
            var card = agent.card("Local " + agent.id());
            card.put(
                    "endpoint",
                    Map.of(
                            "url",
                            "http://localhost:" + agentServer.getAddress().getPort() + "/",
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
            seen.clear();
            script.set(nonce -> new Answer(200, answer(nonce, sign(agent, nonce, false)), 0));
            var response =
                    strictUsers.post(
                            "/api/v1/agents/" + agent.id() + "/verify",
                            Map.of(),
                            owner.accessToken());
            Problems.assertProblem(response, 422, "target_not_allowed");
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void onlyTheOwnerOrTheAgentMayAskAndAttemptsAreLimited() {
        var owner = users.signUp("owner");
        var agent = agent(endpoint("/limited"), owner);
        var stranger = users.signUp("stranger");
        Problems.assertProblem(verifyAsOwner(agent, stranger), 404, "not_found");
        var anonymous =
                Http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        node.uri("/api/v1/agents/" + agent.id() + "/verify"))
                                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build());
        Problems.assertProblem(anonymous, 401, "auth_error");
        var other = node.newAgent();
        assertThat(
                        Http.send(
                                        other.signed(
                                                "POST",
                                                "/api/v1/agents",
                                                other.card("Other " + other.id())))
                                .status())
                .isEqualTo(201);
        Problems.assertProblem(
                Http.send(other.signed("POST", "/api/v1/agents/" + agent.id() + "/verify", null)),
                403,
                "forbidden");

        script.set(nonce -> new Answer(500, "{}", 0));
        for (int i = 0; i < EndpointVerification.ATTEMPTS_PER_HOUR; i++) {
            assertThat(verifyAsOwner(agent, owner).status()).isEqualTo(422);
        }
        var limited = verifyAsOwner(agent, owner);
        Problems.assertProblem(limited, 429, "rate_limited");
        assertThat(limited.header("Retry-After")).isNotEmpty();
    }

    private void expectFailure(TestAgent agent, Users.Session owner, String code) {
        var response = verifyAsOwner(agent, owner);
        Problems.assertProblem(response, 422, code);
        assertThat(response.json().get("detail").asText()).startsWith("verification failed: ");
    }

    /** A key that is not the agent's. */
    private static final class Ed25519Keys {
        private final Ed25519.KeyPair key =
                Ed25519.fromSeed(
                        new byte[] {
                            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                            21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
                        });

        String sign(String nonce) {
            return Encoding.base64(key.sign(nonce.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
