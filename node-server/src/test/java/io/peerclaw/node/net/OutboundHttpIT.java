package io.peerclaw.node.net;

import static io.peerclaw.node.net.ScriptedServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.peerclaw.node.net.OutboundResult.BadStatus;
import io.peerclaw.node.net.OutboundResult.Success;
import io.peerclaw.node.net.OutboundResult.TargetNotAllowed;
import io.peerclaw.node.net.OutboundResult.TimedOut;
import io.peerclaw.node.net.OutboundResult.TooLarge;
import io.peerclaw.node.net.OutboundResult.Unreachable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against real sockets on the loopback, which {@code security.allowed_private_cidrs:
 * ["127.0.0.1/32"]} allows on purpose, as a local test or a LAN deployment would.
 */
class OutboundHttpIT {
    private static final Duration PATIENT = Duration.ofSeconds(10);
    private static final int CAP = 4096;

    private final AddressPolicy loopbackAllowed =
            new AddressPolicy(List.of(Cidr.of("127.0.0.1/32")));
    private final ScriptedLookup dns = new ScriptedLookup();
    private final AtomicInteger socketsOpened = new AtomicInteger();
    private final OutboundHttp outbound =
            new OutboundHttp(
                    loopbackAllowed,
                    dns,
                    _ -> {
                        socketsOpened.incrementAndGet();
                        return new Socket(Proxy.NO_PROXY);
                    });

    @AfterEach
    void close() {
        outbound.close();
    }

    @Test
    void returnsStatusHeadersAndBody() throws IOException {
        try (var server = ScriptedServer.start(respond(200, Map.of("X-Agent", "a1"), "hello"))) {
            var result = outbound.get(server.url("/card/x.json?v=1&w=%20"), PATIENT, CAP);

            assertThat(result).isInstanceOf(Success.class);
            var ok = (Success) result;
            assertThat(ok.status()).isEqualTo(200);
            assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(ok.header("x-AGENT")).contains("a1");
            var request = server.requests().getFirst();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.target()).isEqualTo("/card/x.json?v=1&w=%20");
            assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(request.header("User-Agent"))
                    .isEqualTo("PeerClaw-Node/" + io.peerclaw.shared.Version.current());
            assertThat(request.header("Accept-Encoding")).isNull();
        }
    }

    @Test
    void postsJsonWithProtocolHeadersAndDeletes() throws IOException {
        try (var server = ScriptedServer.start(respond(200, Map.of(), ""))) {
            var posted =
                    outbound.postJson(
                            server.url("/mcp"),
                            "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}"
                                    .getBytes(StandardCharsets.UTF_8),
                            Map.of("Mcp-Session-Id", "s-1", "MCP-Protocol-Version", "2025-11-25"),
                            PATIENT,
                            CAP);
            var deleted =
                    outbound.delete(server.url("/mcp"), Map.of("Mcp-Session-Id", "s-1"), PATIENT);

            assertThat(posted).isInstanceOf(Success.class);
            assertThat(deleted).isInstanceOf(Success.class);
            var post = server.requests().get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.header("Mcp-Session-Id")).isEqualTo("s-1");
            assertThat(post.header("MCP-Protocol-Version")).isEqualTo("2025-11-25");
            assertThat(post.header("Content-Type")).startsWith("application/json");
            assertThat(post.header("Accept")).isEqualTo("application/json, text/event-stream");
            var delete = server.requests().get(1);
            assertThat(delete.method()).isEqualTo("DELETE");
            assertThat(delete.header("Mcp-Session-Id")).isEqualTo("s-1");
        }
    }

    @Test
    void refusesHeadersThatFrameTheMessage() {
        for (var headers :
                List.of(
                        Map.of("Host", "elsewhere.example"),
                        Map.of("content-length", "1"),
                        Map.of("Transfer-Encoding", "chunked"),
                        Map.of("X-Ok", "line\r\nInjected: yes"),
                        Map.of("Bad Name", "v"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () ->
                                    outbound.postJson(
                                            "http://127.0.0.1:9/",
                                            new byte[0],
                                            headers,
                                            PATIENT,
                                            1))
                    .as("%s", headers)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aPathThatLooksLikeAnAuthorityStaysAPath() throws IOException {
        try (var server = ScriptedServer.start(respond(200, "hi"))) {
            var result = outbound.get(server.url("//public.example/x"), PATIENT, CAP);

            assertThat(result).isInstanceOf(Success.class);
            var request = server.requests().getFirst();
            assertThat(request.target()).isEqualTo("//public.example/x");
            assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
        }
    }

    @Test
    void postsJson() throws IOException {
        try (var server = ScriptedServer.start(respond(200, "{\"ok\":true}"))) {
            byte[] json =
                    "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

            var result = outbound.postJson(server.url("/mcp"), json, PATIENT, CAP);

            assertThat(result).isInstanceOf(Success.class);
            assertThat(((Success) result).body()).asString().isEqualTo("{\"ok\":true}");
            var request = server.requests().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.header("Accept")).contains("application/json", "text/event-stream");
            assertThat(request.text()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
        }
    }

    @Test
    void connectsToTheCheckedAddressOfANameButSpeaksTheName() throws IOException {
        dns.answer("agent.test", "127.0.0.1");
        try (var server = ScriptedServer.start(respond(200, "hi"))) {
            var result = outbound.get("http://agent.test:" + server.port() + "/", PATIENT, CAP);

            assertThat(result).isInstanceOf(Success.class);
            assertThat(dns.asked("agent.test")).isEqualTo(1);
            assertThat(server.requests().getFirst().header("Host"))
                    .isEqualTo("agent.test:" + server.port());
        }
    }

    @Test
    void readsALiteralTheWayItWasChecked() throws IOException {
        // Allowed on purpose here, so the odd spellings must reach 127.0.0.1, the address judged.
        try (var server = ScriptedServer.start(respond(200, "hi"))) {
            for (String host : List.of("2130706433", "0177.0.0.1", "0x7f000001", "127.1")) {
                var result =
                        outbound.get("http://" + host + ":" + server.port() + "/", PATIENT, CAP);

                assertThat(result).as(host).isInstanceOf(Success.class);
            }
            assertThat(server.accepted()).isEqualTo(4);
            assertThat(dns.questions()).isEmpty();
        }
    }

    @Test
    void reachesAnAllowedIpv6Literal() throws IOException {
        ScriptedServer server;
        try {
            server = ScriptedServer.start(InetAddress.ofLiteral("::1"), 0, respond(200, "six"));
        } catch (IOException noIpv6) {
            assumeThat(noIpv6).as("this machine has no IPv6 loopback").isNull();
            return;
        }
        try (server;
                var v6 = OutboundHttp.create(new AddressPolicy(List.of(Cidr.of("::1/128"))))) {
            var result = v6.get("http://[::1]:" + server.port() + "/", PATIENT, CAP);

            assertThat(result).isInstanceOf(Success.class);
            assertThat(server.requests().getFirst().header("Host")).startsWith("[");
        }
    }

    @Test
    void neverFollowsARedirectEvenToAnAllowedAddress() throws IOException {
        try (var inner = ScriptedServer.start(respond(200, "secret"));
                var outer =
                        ScriptedServer.start(
                                respond(302, Map.of("Location", inner.url("/secret")), ""))) {
            var result = outbound.get(outer.url("/"), PATIENT, CAP);

            assertThat(result).isEqualTo(new BadStatus(302));
            assertThat(inner.accepted()).isZero();
            assertThat(socketsOpened).hasValue(1);
        }
    }

    @Test
    void neverFollowsARedirectToTheMetadataAddress() throws IOException {
        try (var server =
                ScriptedServer.start(
                        respond(
                                301,
                                Map.of("Location", "http://169.254.169.254/latest/meta-data/"),
                                ""))) {
            var result = outbound.get(server.url("/"), PATIENT, CAP);

            assertThat(result).isEqualTo(new BadStatus(301));
            assertThat(socketsOpened).hasValue(1);
        }
    }

    @Test
    void reportsOtherStatusesAsBadStatus() throws IOException {
        try (var notFound = ScriptedServer.start(respond(404, "no"));
                var broken = ScriptedServer.start(respond(500, "oops"))) {
            assertThat(outbound.get(notFound.url("/"), PATIENT, CAP)).isEqualTo(new BadStatus(404));
            assertThat(outbound.postJson(broken.url("/"), new byte[] {'{', '}'}, PATIENT, CAP))
                    .isEqualTo(new BadStatus(500, "oops"));
        }
    }

    @Test
    void timesOutOnASilentServer() throws IOException {
        try (var server = ScriptedServer.start(ScriptedServer.silence())) {
            long start = System.nanoTime();

            var result = outbound.get(server.url("/"), Duration.ofMillis(500), CAP);

            assertThat(result).isEqualTo(new TimedOut(Duration.ofMillis(500)));
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theDeadlineCoversABodyThatDrips() throws IOException {
        // Every byte comes well within the read timeout; only a deadline for the whole can stop it.
        try (var server = ScriptedServer.start(ScriptedServer.drip())) {
            long start = System.nanoTime();

            var result = outbound.get(server.url("/"), Duration.ofMillis(700), 2_000);

            assertThat(result).isInstanceOf(TimedOut.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theDeadlineCoversTheLookup() {
        var release = new CountDownLatch(1);
        HostLookup stuck =
                host -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new UnknownHostException(host);
                };
        try (var client = OutboundHttp.create(loopbackAllowed, stuck)) {
            long start = System.nanoTime();

            var result = client.get("http://slow.test/", Duration.ofMillis(300), CAP);

            assertThat(result).isInstanceOf(TimedOut.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
        } finally {
            release.countDown();
        }
    }

    @Test
    void refusesABodyLongerThanItsDeclaredCap() throws IOException {
        try (var server = ScriptedServer.start(respond(200, "x".repeat(CAP + 1)))) {
            assertThat(outbound.get(server.url("/"), PATIENT, CAP))
                    .isEqualTo(new TooLarge("body", CAP));
        }
    }

    @Test
    void acceptsABodyOfExactlyTheCap() throws IOException {
        try (var server = ScriptedServer.start(ScriptedServer.chunked(CAP))) {
            var result = outbound.get(server.url("/"), PATIENT, CAP);

            assertThat(result).isInstanceOf(Success.class);
            assertThat(((Success) result).body()).hasSize(CAP);
        }
    }

    @Test
    void refusesAChunkedBodyWithoutLengthBeyondTheCap() throws IOException {
        try (var server = ScriptedServer.start(ScriptedServer.chunked(CAP + 1))) {
            assertThat(outbound.get(server.url("/"), PATIENT, CAP))
                    .isEqualTo(new TooLarge("body", CAP));
        }
    }

    @Test
    void stopsReadingAnEndlessBodyAtTheCapInsteadOfDrainingIt() throws IOException {
        try (var server = ScriptedServer.start(ScriptedServer.endlessChunks())) {
            long start = System.nanoTime();

            var result = outbound.get(server.url("/"), PATIENT, CAP);

            assertThat(result).isEqualTo(new TooLarge("body", CAP));
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void refusesHeadersBeyondTheirCap() throws IOException {
        var many =
                IntStream.range(0, 500)
                        .boxed()
                        .collect(Collectors.toMap(i -> "X-Filler-" + i, i -> "v"));
        try (var server = ScriptedServer.start(respond(200, many, "hi"))) {
            var result = outbound.get(server.url("/"), PATIENT, CAP);

            assertThat(result).isInstanceOf(TooLarge.class);
            assertThat(((TooLarge) result).part()).isEqualTo("headers");
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        var result = outbound.get("http://127.0.0.1:" + port + "/", PATIENT, CAP);

        assertThat(result).isInstanceOf(Unreachable.class);
    }

    @Test
    void aNameWithoutAddressIsUnreachable() {
        var result = outbound.get("http://nowhere.test/", PATIENT, CAP);

        assertThat(result).isInstanceOf(Unreachable.class);
        assertThat(socketsOpened).hasValue(0);
    }

    @Test
    void anAnswerThatIsNotHttpIsUnreachable() throws IOException {
        try (var server =
                ScriptedServer.start(
                        (_, out, _) ->
                                out.write(
                                        "SSH-2.0-OpenSSH_9.6\r\n\r\n"
                                                .getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(outbound.get(server.url("/"), PATIENT, CAP)).isInstanceOf(Unreachable.class);
        }
    }

    @Test
    void tlsWithAServerThatDoesNotSpeakItIsUnreachable() throws IOException {
        try (var plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Answers in plain text at once, before reading a byte of the TLS hello.
            Thread.ofVirtual()
                    .start(
                            () -> {
                                try (var socket = plain.accept()) {
                                    socket.getOutputStream()
                                            .write(ScriptedServer.head(200, Map.of(), 0));
                                } catch (IOException closed) {
                                    // The test is over.
                                }
                            });

            var result =
                    outbound.get("https://127.0.0.1:" + plain.getLocalPort() + "/", PATIENT, CAP);

            assertThat(result).isInstanceOf(Unreachable.class);
            assertThat(((Unreachable) result).detail()).startsWith("TLS failed");
        }
    }

    /**
     * DNS rebinding: a name first resolves to an address the policy allows (127.0.0.1, allowed here
     * as a public address would be), then to one it refuses (127.0.0.2, also a loopback but outside
     * the allowlist, with its own server on the same port to count any connection). A client that
     * checked with one lookup and connected with another would land on the second.
     */
    @Test
    void aRebindingNameIsLookedUpOncePerConnectionAndItsSecondAnswerRefused() throws IOException {
        try (var allowed = ScriptedServer.start(respond(200, "checked"))) {
            ScriptedServer refused;
            try {
                refused =
                        ScriptedServer.start(
                                InetAddress.ofLiteral("127.0.0.2"),
                                allowed.port(),
                                respond(200, "rebound"));
            } catch (IOException no127002) {
                assumeThat(no127002).as("127.0.0.2 is not a loopback address here").isNull();
                return;
            }
            try (refused) {
                dns.answer("rebind.test", "127.0.0.1").answer("rebind.test", "127.0.0.2");
                String url = "http://rebind.test:" + allowed.port() + "/";

                var first = outbound.get(url, PATIENT, CAP);

                assertThat(first).isInstanceOf(Success.class);
                assertThat(((Success) first).body()).asString().isEqualTo("checked");
                assertThat(dns.asked("rebind.test")).isEqualTo(1);

                var second = outbound.get(url, PATIENT, CAP);

                assertThat(second).isInstanceOf(TargetNotAllowed.class);
                assertThat(((TargetNotAllowed) second).detail()).doesNotContain("127.0.0.2");
                assertThat(dns.asked("rebind.test")).isEqualTo(2);
                assertThat(allowed.accepted()).isEqualTo(1);
                assertThat(refused.accepted()).isZero();
                assertThat(socketsOpened).hasValue(1);
            }
        }
    }
}
