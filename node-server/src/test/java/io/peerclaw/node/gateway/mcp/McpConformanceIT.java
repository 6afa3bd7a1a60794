package io.peerclaw.node.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peerclaw.node.fixtures.NodeAgents;
import io.peerclaw.node.fixtures.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance} 0.1.13, the last
 * that runs on Node 20, pinned in {@code mcp-conformance/package-lock.json}) against the node's own
 * MCP server at {@code /mcp}: every scenario that needs no "everything server" fixtures.
 */
class McpConformanceIT {
    private static final Path FOLDER = Path.of("target", "mcp-conformance");
    private static TestNode node;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        assumeTrue(
                NodeAgents.nodeInstalled(), "node is not installed; the suite needs Node.js 20+");
        NodeAgents.install("mcp-conformance", List.of(), "@modelcontextprotocol/conformance")
                .close();
        node = TestNode.start(Map.of("rate_limit.enabled", "false", "probe.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "server-initialize",
                "ping",
                "tools-list",
                "resources-list",
                "prompts-list",
                "logging-set-level",
                "server-sse-multiple-streams",
                "dns-rebinding-protection"
            })
    void theScenarioPasses(String scenario) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(
                                "npx",
                                "--no-install",
                                "conformance",
                                "server",
                                "--url",
                                node.uri("/mcp").toString(),
                                "--scenario",
                                scenario)
                        .directory(FOLDER.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the suite took too long").isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output).doesNotContain("FAILURE").contains("SUCCESS");
    }
}
