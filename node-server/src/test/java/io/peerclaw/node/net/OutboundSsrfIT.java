package io.peerclaw.node.net;

import static io.peerclaw.node.net.ScriptedServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.net.OutboundResult.Failure;
import io.peerclaw.node.net.OutboundResult.Success;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile URLs against the node's default policy (no allowlist). A real server listens on 127.0.0.1
 * (and on ::1 at the same port where the machine has it), and every loopback spelling below points
 * at it; each URL must be refused for the right reason with no connection accepted and, stronger
 * still, no socket even created.
 */
class OutboundSsrfIT {
    private static final String PORT = "{port}";

    private static ScriptedServer server;
    private static ScriptedServer serverV6;

    private final ScriptedLookup dns =
            new ScriptedLookup()
                    .answer("evil.test", "127.0.0.1")
                    .answer("evil6.test", "::1")
                    .answer("mapped.test", List.of(ipv4Mapped(127, 0, 0, 1)))
                    .answer("nat64.test", "64:ff9b::7f00:1")
                    .answer("mixed.test", "93.184.216.34", "127.0.0.1")
                    .answer("mixed6.test", "2606:4700:4700::1111", "fe80::1")
                    .answer("metadata.test", "169.254.169.254")
                    .answer("internal.test", "10.0.0.5")
                    .answer("zero.test", "0.0.0.0");
    private final AtomicInteger socketsOpened = new AtomicInteger();
    private final OutboundHttp outbound =
            new OutboundHttp(
                    AddressPolicy.strict(),
                    host ->
                            host.equals("localhost")
                                    ? HostLookup.system().addressesOf(host)
                                    : dns.addressesOf(host),
                    _ -> {
                        socketsOpened.incrementAndGet();
                        return new Socket(Proxy.NO_PROXY);
                    });

    @BeforeAll
    static void listen() throws IOException {
        server = ScriptedServer.start(respond(200, "internal secret"));
        try {
            serverV6 =
                    ScriptedServer.start(
                            InetAddress.ofLiteral("::1"),
                            server.port(),
                            respond(200, "internal secret"));
        } catch (IOException noIpv6OrPortTaken) {
            serverV6 = null;
        }
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        if (serverV6 != null) {
            serverV6.close();
        }
    }

    @AfterEach
    void closeClient() {
        outbound.close();
    }

    static Stream<Arguments> hostileTargets() {
        return Stream.of(
                // Loopback in every spelling a resolver accepts.
                refused("http://127.0.0.1:{port}/"),
                refused("HTTP://127.0.0.1:{port}/"),
                refused("https://127.0.0.1:{port}/"),
                refused("http://127.0.0.1:{port}/#@public.example/"),
                refused("http://127.1:{port}/"),
                refused("http://2130706433:{port}/"),
                refused("http://0177.0.0.1:{port}/"),
                refused("http://017700000001:{port}/"),
                refused("http://0x7f000001:{port}/"),
                refused("http://0x7f.0.0.1:{port}/"),
                refused("http://0:{port}/"),
                refused("http://0.0.0.0:{port}/"),
                refused("http://[::1]:{port}/"),
                refused("http://[0:0:0:0:0:0:0:1]:{port}/"),
                refused("http://[::]:{port}/"),
                refused("http://[::ffff:127.0.0.1]:{port}/"),
                refused("http://[::ffff:7f00:1]:{port}/"),
                refused("http://[::127.0.0.1]:{port}/"),
                refused("http://[64:ff9b::7f00:1]:{port}/"),
                refused("http://[2002:7f00:1::]:{port}/"),
                // Names that resolve to loopback, in whole or in part.
                refused("http://localhost:{port}/"),
                refused("http://evil.test:{port}/"),
                refused("http://EVIL.test:{port}/"),
                refused("http://evil6.test:{port}/"),
                refused("http://mapped.test:{port}/"),
                refused("http://nat64.test:{port}/"),
                refused("http://mixed.test:{port}/"),
                refused("http://mixed6.test:{port}/"),
                refused("http://zero.test:{port}/"),
                // Cloud metadata, private, shared and special blocks.
                refused("http://169.254.169.254/latest/meta-data/"),
                refused("http://metadata.test/computeMetadata/v1/"),
                refused("http://[fd00:ec2::254]/latest/meta-data/"),
                refused("http://[::ffff:169.254.169.254]/"),
                refused("http://[::ffff:a9fe:a9fe]/"),
                refused("http://internal.test/"),
                refused("http://10.0.0.1/"),
                refused("http://172.16.0.1/"),
                refused("http://192.168.0.1/"),
                refused("http://100.64.0.1/"),
                refused("http://198.18.0.1/"),
                refused("http://192.0.0.170/"),
                refused("http://224.0.0.1/"),
                refused("http://240.0.0.1/"),
                refused("http://255.255.255.255/"),
                refused("http://[fe80::1]/"),
                refused("http://[fc00::1]/"),
                refused("http://[fd12:3456::1]/"),
                refused("http://[ff02::1]/"),
                refused("http://[2001:db8::1]/"),
                // Other schemes.
                of("file:///etc/passwd", "unsupported_scheme"),
                of("gopher://127.0.0.1:{port}/_GET%20/", "unsupported_scheme"),
                of("ftp://127.0.0.1:{port}/", "unsupported_scheme"),
                of("dict://127.0.0.1:{port}/", "unsupported_scheme"),
                of("ws://127.0.0.1:{port}/", "unsupported_scheme"),
                of("jar:http://127.0.0.1:{port}/x.jar!/", "unsupported_scheme"),
                of("netdoc:///etc/passwd", "unsupported_scheme"),
                // Credentials, no host, malformed.
                of("http://user@127.0.0.1:{port}/", "bad_url"),
                of("http://user:pass@127.0.0.1:{port}/", "bad_url"),
                of("http://public.example@127.0.0.1:{port}/", "bad_url"),
                of("http://127.0.0.1:{port}@public.example/", "bad_url"),
                of("http:///etc/passwd", "bad_url"),
                of("http:127.0.0.1:{port}", "bad_url"),
                of("//127.0.0.1:{port}/", "bad_url"),
                of("/relative/path", "bad_url"),
                of("http://[::1:{port}/", "bad_url"),
                of("http://127.0.0.1:{port}/\r\nHost: public.example", "bad_url"),
                of("http://127.0.0.1:99999/", "target_not_allowed"),
                of("http://1.2.3.4:99999/", "bad_url"),
                of("", "bad_url"));
    }

    @ParameterizedTest
    @MethodSource("hostileTargets")
    void refusesWithoutConnecting(String url, String code) {
        String target = url.replace(PORT, Integer.toString(server.port()));

        var result = outbound.get(target, Duration.ofSeconds(5), 4096);

        assertThat(result).isInstanceOf(Failure.class);
        assertThat(((Failure) result).code()).as(result.toString()).isEqualTo(code);
        assertThat(socketsOpened).as("sockets created").hasValue(0);
        assertThat(server.accepted()).as("connections to 127.0.0.1").isZero();
        if (serverV6 != null) {
            assertThat(serverV6.accepted()).as("connections to ::1").isZero();
        }
    }

    @Test
    void theTableHasEnoughRows() {
        assertThat(hostileTargets().count()).isGreaterThanOrEqualTo(25);
    }

    /** The same harness sees a connection when the policy allows one: the table can fail. */
    @Test
    void theHarnessSeesConnectionsThatHappen() throws IOException {
        try (var other = ScriptedServer.start(respond(200, "internal secret"));
                var allowing =
                        new OutboundHttp(
                                new AddressPolicy(List.of(Cidr.of("127.0.0.0/8"))),
                                dns,
                                _ -> {
                                    socketsOpened.incrementAndGet();
                                    return new Socket(Proxy.NO_PROXY);
                                })) {
            var result =
                    allowing.get(
                            "http://evil.test:" + other.port() + "/", Duration.ofSeconds(5), 4096);

            assertThat(result).isInstanceOf(Success.class);
            assertThat(socketsOpened).hasValue(1);
            assertThat(other.accepted()).isEqualTo(1);
        }
    }

    private static Arguments refused(String url) {
        return of(url, "target_not_allowed");
    }

    private static Arguments of(String url, String code) {
        return Arguments.of(url, code);
    }

    private static InetAddress ipv4Mapped(int a, int b, int c, int d) {
        byte[] raw = {
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            (byte) 0xff,
            (byte) 0xff,
            (byte) a,
            (byte) b,
            (byte) c,
            (byte) d
        };
        try {
            // Inet6Address keeps the mapped form, as a resolver may hand it over.
            return Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
