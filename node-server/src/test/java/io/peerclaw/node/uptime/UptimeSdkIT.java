package io.peerclaw.node.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.node.net.AddressPolicy;
import io.peerclaw.node.net.Cidr;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.shared.model.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Probes agents made with the official SDKs ({@code @a2a-js/sdk} and {@code
 * @modelcontextprotocol/sdk}, pinned in {@code src/test/resources/uptime-agents/package-lock.json})
 * running in Node.js: the A2A agent's card and the MCP server's initialize, ping and session end.
 *
 * <p>Needs Node.js 20+ and the npm registry (or an already installed {@code target/uptime-agents});
 * skipped when {@code node} is not installed. {@code LivenessCheckIT} checks the same calls against
 * scripted endpoints offline.
 */
class UptimeSdkIT {
    private static final Path DIRECTORY = Path.of("target", "uptime-agents");
    private static final List<String> FILES =
            List.of("package.json", "package-lock.json", "a2a-agent.mjs", "mcp-agent.mjs");

    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final List<String> MCP_LOG = new CopyOnWriteArrayList<>();
    private static int a2aPort;
    private static int mcpPort;

    @BeforeAll
    static void startTheAgents() throws IOException, InterruptedException {
        assumeTrue(
                succeeds(List.of("node", "--version")),
                "node is not installed; probing the SDK agents needs Node.js 20+");
        Files.createDirectories(DIRECTORY);
        for (String file : FILES) {
            try (InputStream in = resource("uptime-agents/" + file)) {
                Files.copy(in, DIRECTORY.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(DIRECTORY.resolve("node_modules/@modelcontextprotocol/sdk"))
                || !Files.isDirectory(DIRECTORY.resolve("node_modules/@a2a-js/sdk"))) {
            var npm =
                    new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                            .directory(DIRECTORY.toFile())
                            .redirectErrorStream(true)
                            .start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm ci took too long").isTrue();
            assertThat(npm.exitValue()).as("npm ci in %s failed:\n%s", DIRECTORY, output).isZero();
        }
        a2aPort = freePort();
        mcpPort = freePort();
        start("a2a-agent.mjs", a2aPort, new CopyOnWriteArrayList<>());
        start("mcp-agent.mjs", mcpPort, MCP_LOG);
    }

    @AfterAll
    static void stopTheAgents() throws InterruptedException {
        for (Process process : PROCESSES) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theSdkAgentsAnswerTheirLivenessCalls() {
        try (var outbound =
                OutboundHttp.create(new AddressPolicy(List.of(Cidr.of("127.0.0.1/32"))))) {
            var check = new LivenessCheck(outbound);

            var a2a =
                    check.check(
                            Optional.of(Protocol.A2A),
                            "http://127.0.0.1:" + a2aPort + "/a2a/jsonrpc",
                            Duration.ofSeconds(5));
            var mcp =
                    check.check(
                            Optional.of(Protocol.MCP),
                            "http://127.0.0.1:" + mcpPort + "/mcp",
                            Duration.ofSeconds(5));

            assertThat(a2a).isEqualTo(LivenessCheck.Verdict.up("a2a"));
            assertThat(mcp).isEqualTo(LivenessCheck.Verdict.up("mcp"));
            // initialize, initialized and ping in one session, which the probe then ends.
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () ->
                                    assertThat(MCP_LOG)
                                            .anyMatch(line -> line.startsWith("REQ DELETE /mcp"))
                                            .anyMatch(line -> line.startsWith("CLOSED ")));
            assertThat(MCP_LOG)
                    .anyMatch(line -> line.startsWith("REQ POST /mcp initialize -"))
                    .anyMatch(line -> line.startsWith("REQ POST /mcp notifications/initialized "))
                    .anyMatch(line -> line.startsWith("REQ POST /mcp ping "));
        }
    }

    @Test
    void anOwnerSeesTheSdkAgentsUpThroughTheNode() {
        try (var node =
                TestNode.start(
                        Map.of(
                                "security.allowed_private_cidrs", "127.0.0.1/32",
                                "user_auth.bcrypt_cost", "4",
                                "directory.page_cache_ttl", "0s"))) {
            var users = new Users(node.uri());
            var owner = users.signUp("sdk-owner");
            for (var target :
                    List.of(
                            Map.entry("a2a", "http://127.0.0.1:" + a2aPort + "/a2a/jsonrpc"),
                            Map.entry("mcp", "http://127.0.0.1:" + mcpPort + "/mcp"))) {
                var agent = node.newAgent();
                var card =
                        agent.card(
                                "sdk " + target.getKey(),
                                new ArrayList<>(List.of("chat")),
                                new ArrayList<>(List.of(target.getKey())));
                card.put("endpoint", Map.of("url", target.getValue(), "transport", "http"));
                var registered =
                        Http.send(
                                agent.signedFor(
                                        "POST", "/api/v1/agents", card, owner.accessToken()));
                assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

                var probed =
                        users.post(
                                "/api/v1/agents/" + agent.id() + "/probe",
                                null,
                                owner.accessToken());

                assertThat(probed.status()).as(probed.toString()).isEqualTo(200);
                assertThat(probed.json().get("ok").asBoolean()).as(probed.toString()).isTrue();
                assertThat(probed.json().get("protocol").asText()).isEqualTo(target.getKey());
                var profile = Http.get(node.uri("/api/v1/directory/" + agent.id()));
                assertThat(profile.json().get("health").get("last_probe_ok").asBoolean()).isTrue();
            }
        }
    }

    private static void start(String script, int port, List<String> log)
            throws IOException, InterruptedException {
        var builder =
                new ProcessBuilder("node", script)
                        .directory(DIRECTORY.toFile())
                        .redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        PROCESSES.add(process);
        Thread.ofVirtual()
                .start(
                        () -> {
                            try (var lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = lines.readLine()) != null) {
                                    log.add(line);
                                }
                            } catch (IOException ignored) {
                                // the process ended
                            }
                        });
        await().atMost(Duration.ofSeconds(30))
                .until(() -> log.contains("listening " + port) || !process.isAlive());
        assertThat(process.isAlive()).as("%s did not start:\n%s", script, log).isTrue();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static InputStream resource(String name) {
        InputStream in = UptimeSdkIT.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        return in;
    }
}
