package io.peerclaw.node.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.NodeAgents;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.node.net.AddressPolicy;
import io.peerclaw.node.net.Cidr;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.shared.model.Protocol;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static NodeAgents agents;
    private static List<String> mcpLog;
    private static int a2aPort;
    private static int mcpPort;

    @BeforeAll
    static void startTheAgents() throws IOException, InterruptedException {
        assumeTrue(
                NodeAgents.nodeInstalled(),
                "node is not installed; probing the SDK agents needs Node.js 20+");
        agents =
                NodeAgents.install(
                        "uptime-agents",
                        List.of("a2a-agent.mjs", "mcp-agent.mjs"),
                        "@modelcontextprotocol/sdk",
                        "@a2a-js/sdk");
        a2aPort = agents.start("a2a-agent.mjs").port();
        var mcp = agents.start("mcp-agent.mjs");
        mcpPort = mcp.port();
        mcpLog = mcp.log();
    }

    @AfterAll
    static void stopTheAgents() {
        if (agents != null) {
            agents.close();
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
                                    assertThat(mcpLog)
                                            .anyMatch(line -> line.startsWith("REQ DELETE /mcp"))
                                            .anyMatch(line -> line.startsWith("CLOSED ")));
            assertThat(mcpLog)
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
}
