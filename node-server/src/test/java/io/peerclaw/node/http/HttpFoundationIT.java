package io.peerclaw.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filter chain and error answers, seen from a client on a real socket. */
class HttpFoundationIT {
    static TestNode node;

    @BeforeAll
    static void start() {
        node =
                TestNode.start(
                        Map.of(
                                "server.cors_origins", "https://dashboard.example.com",
                                "rate_limit.max_message_bytes", "65536"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void healthAnswersWithTheDatabaseStatusAndAgentCount() {
        var response = Http.get(node.uri("/api/v1/health"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("ok");
        assertThat(response.json().at("/components/database").asText()).isEqualTo("ok");
        assertThat(response.json().has("registered_agents")).isTrue();
        assertThat(Http.get(node.uri("/api/v1/health/live")).status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAreProblemJson404() {
        var response = Http.get(node.uri("/api/v1/no-such-thing"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("type").asText())
                .isEqualTo("urn:peerclaw:problem:not_found");
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void unsupportedMethodsAre405WithAllow() {
        var response =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/agents"))
                                .PUT(HttpRequest.BodyPublishers.noBody())
                                .build());
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, POST");
        assertThat(response.json().get("code").asText()).isEqualTo("method_not_allowed");
        var health = Http.send(HttpRequest.newBuilder(node.uri("/api/v1/health")).DELETE().build());
        assertThat(health.status()).isEqualTo(405);
    }

    @Test
    void oversizedBodiesAre413AndTheClientReadsTheAnswer() {
        var agent = node.newAgent();
        // A client that announces its body waits for the go-ahead and reads the refusal instead.
        var request =
                agent.signed(
                                "POST",
                                "/api/v1/agents",
                                "x".repeat(70_000).getBytes(),
                                java.time.Instant.now().getEpochSecond(),
                                io.peerclaw.node.fixtures.TestAgent.nonce())
                        .expectContinue(true)
                        .build();
        var response = Http.send(request);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("payload_too_large");
        assertThat(response.json().get("detail").asText()).contains("65536");
    }

    @Test
    void oversizedBodiesSentWholeStillGetTheAnswer() throws IOException {
        try (var socket = new Socket("127.0.0.1", node.uri().getPort())) {
            var out = socket.getOutputStream();
            out.write(
                    ("POST /api/v1/agents HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n"
                                    + "Content-Type: application/json\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readHead(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
    }

    @Test
    void oversizedChunkedBodiesAre413Too() throws IOException {
        try (var socket = new Socket("127.0.0.1", node.uri().getPort())) {
            var out = socket.getOutputStream();
            out.write(
                    ("POST /api/v1/agents HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                    + "Content-Type: application/json\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "y".repeat(16_384).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 8; i++) {
                    out.write(
                            (Integer.toHexString(chunk.length) + "\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may close as soon as it has answered
            }
            String answer = readHead(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
    }

    @Test
    void requestIdsAreEchoedOrGenerated() {
        var given =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/health"))
                                .header("X-Request-Id", "trace-abc.123")
                                .build());
        assertThat(given.header("X-Request-Id")).isEqualTo("trace-abc.123");
        var hostile =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/health"))
                                .header("X-Request-Id", "bad id\" <script>")
                                .build());
        assertThat(hostile.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        var generated = Http.get(node.uri("/api/v1/nope"));
        assertThat(generated.json().get("request_id").asText())
                .isEqualTo(generated.header("X-Request-Id"));
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins() {
        var preflight =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/agents"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://dashboard.example.com")
                                .header("Access-Control-Request-Method", "POST")
                                .build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin"))
                .isEqualTo("https://dashboard.example.com");
        assertThat(preflight.header("Access-Control-Allow-Headers"))
                .contains("X-PeerClaw-Signature");

        var simple =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/health"))
                                .header("Origin", "https://dashboard.example.com")
                                .build());
        assertThat(simple.header("Access-Control-Allow-Origin"))
                .isEqualTo("https://dashboard.example.com");
        assertThat(simple.header("Access-Control-Expose-Headers")).contains("X-Request-Id");

        var stranger =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/agents"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://evil.example.net")
                                .header("Access-Control-Request-Method", "POST")
                                .build());
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
        var strangerSimple =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/health"))
                                .header("Origin", "https://evil.example.net")
                                .build());
        assertThat(strangerSimple.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void tooManyRequestsAre429WithRetryAfterAndAudited() {
        try (var limited =
                TestNode.start(
                        Map.of(
                                "rate_limit.requests_per_sec",
                                "0.5",
                                "rate_limit.burst_size",
                                "3"))) {
            var uri = limited.uri("/api/v1/agents");
            for (int i = 0; i < 3; i++) {
                assertThat(Http.get(uri).status()).isEqualTo(401);
            }
            var refused = Http.get(uri);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
            // Health stays reachable for monitors.
            assertThat(Http.get(limited.uri("/api/v1/health")).status()).isEqualTo(200);
            assertThat(limited.auditOutput()).contains("\"type\":\"security.rate_limited\"");
        }
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() {
        try (var limited =
                TestNode.start(
                        Map.of(
                                "rate_limit.requests_per_sec",
                                "0.1",
                                "rate_limit.burst_size",
                                "1"))) {
            var uri = limited.uri("/api/v1/agents");
            assertThat(
                            Http.send(
                                            HttpRequest.newBuilder(uri)
                                                    .header("X-Forwarded-For", "203.0.113.1")
                                                    .build())
                                    .status())
                    .isEqualTo(401);
            // A different claimed address does not buy a fresh bucket.
            assertThat(
                            Http.send(
                                            HttpRequest.newBuilder(uri)
                                                    .header("X-Forwarded-For", "203.0.113.2")
                                                    .build())
                                    .status())
                    .isEqualTo(429);
        }
        try (var proxied =
                TestNode.start(
                        Map.of(
                                "rate_limit.requests_per_sec",
                                "0.1",
                                "rate_limit.burst_size",
                                "1",
                                "rate_limit.trusted_proxies",
                                "127.0.0.1/32"))) {
            var uri = proxied.uri("/api/v1/agents");
            assertThat(
                            Http.send(
                                            HttpRequest.newBuilder(uri)
                                                    .header("X-Forwarded-For", "203.0.113.1")
                                                    .build())
                                    .status())
                    .isEqualTo(401);
            // Behind a trusted proxy each real client has its own bucket.
            assertThat(
                            Http.send(
                                            HttpRequest.newBuilder(uri)
                                                    .header("X-Forwarded-For", "203.0.113.2")
                                                    .build())
                                    .status())
                    .isEqualTo(401);
            assertThat(
                            Http.send(
                                            HttpRequest.newBuilder(uri)
                                                    .header("X-Forwarded-For", "203.0.113.2")
                                                    .build())
                                    .status())
                    .isEqualTo(429);
        }
    }

    @Test
    void anonymousReadsWorkWhenAuthIsOptionalButShowOnlyPublicViews() {
        try (var open = TestNode.start(Map.of("auth.required", "false"))) {
            var agent = open.newAgent();
            assertThat(
                            Http.send(agent.signed("POST", "/api/v1/agents", agent.card("open")))
                                    .status())
                    .isEqualTo(201);
            var list = Http.get(open.uri("/api/v1/agents"));
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("agents").size()).isEqualTo(1);
            assertThat(list.text()).doesNotContain("secret-for-owner");
            var one = Http.get(open.uri("/api/v1/agents/" + agent.id()));
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().at("/auth/params").isMissingNode()).isTrue();
            // Mutations still need the agent's signature.
            var anonymousDelete =
                    Http.send(
                            HttpRequest.newBuilder(open.uri("/api/v1/agents/" + agent.id()))
                                    .DELETE()
                                    .build());
            assertThat(anonymousDelete.status()).isEqualTo(401);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
