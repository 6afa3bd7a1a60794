package io.peerclaw.node.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.NodeAgents;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.shared.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MCP clients made with the official SDK ({@code @modelcontextprotocol/sdk} 1.32.2, {@code
 * gateway-agents/mcp-client.mjs}) through a real node to real agents: an A2A v1.0 agent with
 * streaming ({@code @a2a-js/sdk}) and an MCP server with several tools, each as an MCP server of
 * its own at {@code /mcp/{agent_id}}, and the node's own server at {@code /mcp}.
 */
class McpSdkIT {
    private static final Duration CLIENT_TIME = Duration.ofSeconds(60);

    private static NodeAgents agents;
    private static NodeAgents.Agent a2a;
    private static NodeAgents.Agent mcp;
    private static TestNode node;
    private static Users.Session owner;
    private static TestAgent a2aAgent;
    private static TestAgent mcpAgent;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        assumeTrue(NodeAgents.nodeInstalled(), "node is not installed; these need Node.js 20+");
        agents =
                NodeAgents.install(
                        "gateway-agents",
                        List.of("a2a-agent.mjs", "mcp-agent.mjs", "mcp-client.mjs"),
                        "@modelcontextprotocol/sdk",
                        "@a2a-js/sdk",
                        "express");
        a2a = agents.start("a2a-agent.mjs");
        mcp = agents.start("mcp-agent.mjs");
        var settings = new HashMap<String, String>();
        settings.put("security.allowed_private_cidrs", "127.0.0.1/32");
        settings.put("user_auth.bcrypt_cost", "4");
        settings.put("rate_limit.enabled", "false");
        settings.put("probe.enabled", "false");
        settings.put("directory.page_cache_ttl", "0s");
        node = TestNode.start(settings);
        owner = new Users(node.uri()).signUp("mcp-sdk-owner");
        a2aAgent = register(node, owner, "a2a", a2a.url("/a2a/jsonrpc"));
        mcpAgent = register(node, owner, "mcp", mcp.url("/mcp"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (agents != null) {
            agents.close();
        }
    }

    static TestAgent register(
            TestNode node, Users.Session owner, String protocol, String endpoint) {
        var agent = node.newAgent();
        var card =
                agent.card(
                        protocol + " target", new ArrayList<>(List.of("chat")), List.of(protocol));
        card.put("endpoint", Map.of("url", endpoint, "transport", "http"));
        var registered =
                Http.send(agent.signedFor("POST", "/api/v1/agents", card, owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    /** Runs the SDK client; its steps by name (the last of each name). */
    static Map<String, JsonNode> client(String path, String scenario, String... more)
            throws Exception {
        var args = new ArrayList<>(List.of(node.uri(path).toString(), scenario));
        args.addAll(List.of(more));
        var run = agents.run(CLIENT_TIME, "mcp-client.mjs", args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        var steps = new LinkedHashMap<String, JsonNode>();
        for (String line : run.lines()) {
            if (line.startsWith("{")) {
                JsonNode step = Json.tree(line.getBytes(StandardCharsets.UTF_8));
                steps.put(step.get("step").asText(), step);
            }
        }
        assertThat(steps).as(run.toString()).containsKeys("connected", "terminated");
        assertThat(steps).as(run.toString()).doesNotContainKey("onerror");
        return steps;
    }

    private static String text(JsonNode result, int block) {
        return result.get("content").get(block).get("text").asText();
    }

    @Test
    void anA2aAgentIsAnMcpServerWhoseSkillsAreTools() throws Exception {
        var steps = client("/mcp/" + a2aAgent.id(), "a2a", owner.accessToken());

        var connected = steps.get("connected");
        assertThat(connected.get("version").asText()).isEqualTo("2025-11-25");
        assertThat(connected.get("server").get("name").asText()).isEqualTo("a2a target");
        assertThat(connected.get("session").asText()).hasSize(36);
        var tools = steps.get("tools").get("tools");
        assertThat(tools).hasSize(1);
        assertThat(tools.get(0).get("name").asText()).isEqualTo("echo");
        assertThat(tools.get(0).get("inputSchema").get("required").get(0).asText())
                .isEqualTo("message");

        // The agent's real answer: its text, and its data as structured content.
        var call = steps.get("call").get("result");
        assertThat(call.get("isError").asBoolean()).as(call.toString()).isFalse();
        assertThat(text(call, 0)).isEqualTo("echo: hello");
        assertThat(call.get("structuredContent").get("skill").asText()).isEqualTo("echo");
        assertThat(call.get("_meta").get("peerclaw.io/state").asText()).isEqualTo("completed");

        var unknown = steps.get("unknown").get("error");
        assertThat(unknown.get("code").asInt()).isEqualTo(-32602);
        assertThat(unknown.get("message").asText()).contains("Unknown tool: __no_such_tool__");
        var bad = steps.get("bad-arguments").get("result");
        assertThat(bad.get("isError").asBoolean()).isTrue();
        assertThat(text(bad, 0)).startsWith("Invalid arguments for tool echo: message is required");

        // A question of the agent, answered by calling again with its task.
        var asked = steps.get("asked").get("result");
        assertThat(text(asked, 0)).isEqualTo("what is your name?");
        assertThat(asked.get("structuredContent").get("state").asText())
                .isEqualTo("input-required");
        var answered = steps.get("answered").get("result");
        assertThat(answered.get("isError").asBoolean()).as(answered.toString()).isFalse();
        assertThat(text(answered, 0)).isEqualTo("hello Ada");
        assertThat(answered.get("_meta").get("peerclaw.io/taskId").asText())
                .isEqualTo(asked.get("structuredContent").get("taskId").asText());

        var failed = steps.get("failed").get("result");
        assertThat(failed.get("isError").asBoolean()).isTrue();
        assertThat(text(failed, 0)).isEqualTo("it broke");
        assertThat(steps.get("resources").get("resources")).isEmpty();
        assertThat(steps.get("prompts").get("prompts")).isEmpty();
        assertThat(steps.get("set-level").has("error")).isFalse();
        assertThat(steps.get("terminated").get("session").isNull()).isTrue();
    }

    @Test
    void anMcpAgentsOwnToolsAreProxied() throws Exception {
        var steps = client("/mcp/" + mcpAgent.id(), "mcp", owner.accessToken());

        var tools = steps.get("tools").get("tools");
        var names = new ArrayList<String>();
        tools.forEach(t -> names.add(t.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("echo", "weather", "progress", "picture");
        JsonNode weatherTool = null;
        for (JsonNode tool : tools) {
            if (tool.get("name").asText().equals("weather")) {
                weatherTool = tool;
            }
        }
        assertThat(weatherTool.get("inputSchema").get("properties").has("city")).isTrue();
        assertThat(weatherTool.get("outputSchema").get("properties").has("celsius")).isTrue();

        assertThat(text(steps.get("echo").get("result"), 0)).isEqualTo("echo: hi");
        // The SDK checked this against the tool's outputSchema.
        var weather = steps.get("weather").get("result");
        assertThat(weather.has("error")).isFalse();
        assertThat(weather.get("structuredContent").get("city").asText()).isEqualTo("Oslo");
        assertThat(weather.get("structuredContent").get("celsius")).hasSize(2);
        assertThat(weather.get("content")).hasSize(1);
        var picture = steps.get("picture").get("result").get("content");
        assertThat(picture.get(0).get("type").asText()).isEqualTo("image");
        assertThat(picture.get(0).get("mimeType").asText()).isEqualTo("image/png");
        assertThat(picture.get(1).get("type").asText()).isEqualTo("resource_link");
        assertThat(picture.get(1).get("uri").asText()).isEqualTo("https://example.com/big.png");

        var bad = steps.get("bad-arguments").get("result");
        assertThat(bad.get("isError").asBoolean()).isTrue();
        assertThat(text(bad, 0)).isEqualTo("Invalid arguments for tool weather: days is required");
        assertThat(steps.get("unknown").get("error").get("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void aStreamingAgentsChunksArriveAsProgress() throws Exception {
        var steps = client("/mcp/" + a2aAgent.id(), "stream", owner.accessToken());

        var streamed = steps.get("streamed");
        var progress = streamed.get("progress");
        var messages = new ArrayList<String>();
        progress.forEach(p -> messages.add(p.get("message").asText()));
        assertThat(messages).containsExactly("one ", "two ", "three");
        assertThat(progress.get(2).get("progress").asInt()).isEqualTo(3);
        // The agent spaces its chunks 400 ms apart; the client saw them as they came.
        assertThat(progress.get(2).get("t").asLong() - progress.get(0).get("t").asLong())
                .isGreaterThan(600);
        var result = streamed.get("result");
        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(text(result, 0)).isEqualTo("one two three");
    }

    @Test
    void theNodeItselfIsAnMcpServer() throws Exception {
        var steps = client("/mcp", "node", owner.accessToken(), a2aAgent.id().value());

        assertThat(steps.get("connected").get("server").get("name").asText())
                .isEqualTo("peerclaw-node");
        var names = new ArrayList<String>();
        steps.get("tools").get("tools").forEach(t -> names.add(t.get("name").asText()));
        assertThat(names)
                .containsExactly(
                        "discover_agents",
                        "get_agent_profile",
                        "check_reputation",
                        "invoke_agent",
                        "get_task");

        var discovered = steps.get("discover").get("result");
        var ids = new ArrayList<String>();
        discovered
                .get("structuredContent")
                .get("agents")
                .forEach(a -> ids.add(a.get("id").asText()));
        assertThat(ids).contains(a2aAgent.id().value(), mcpAgent.id().value());
        assertThat(text(discovered, 0)).contains("/mcp/" + a2aAgent.id());
        var badDiscovery = steps.get("discover-bad").get("result");
        assertThat(badDiscovery.get("isError").asBoolean()).isTrue();
        assertThat(text(badDiscovery, 0)).contains("protocol");

        var profile = steps.get("profile").get("result").get("structuredContent");
        assertThat(profile.get("id").asText()).isEqualTo(a2aAgent.id().value());
        assertThat(profile.has("reputation_events")).isTrue();
        var reputation = steps.get("reputation").get("result").get("structuredContent");
        assertThat(reputation.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(reputation.get("verified").asBoolean()).isFalse();
        assertThat(reputation.get("trusted").asBoolean()).isFalse();
        assertThat(reputation.get("events").asLong()).isPositive();

        var invoked = steps.get("invoke").get("result");
        assertThat(invoked.get("isError").asBoolean()).as(invoked.toString()).isFalse();
        assertThat(text(invoked, 0)).isEqualTo("echo: hello node");
        var task = steps.get("get-task").get("result");
        assertThat(text(task, 0)).isEqualTo("echo: hello node");
        assertThat(task.get("_meta").get("peerclaw.io/state").asText()).isEqualTo("completed");
        var unknownAgent = steps.get("invoke-unknown").get("result");
        assertThat(unknownAgent.get("isError").asBoolean()).isTrue();
        assertThat(text(unknownAgent, 0)).isEqualTo("No agent with id " + "a".repeat(32));

        var uris = new ArrayList<String>();
        steps.get("resources")
                .get("result")
                .get("resources")
                .forEach(r -> uris.add(r.get("uri").asText()));
        assertThat(uris)
                .contains(
                        "peerclaw://agents/" + a2aAgent.id(), "peerclaw://agents/" + mcpAgent.id());
        assertThat(
                        steps.get("templates")
                                .get("result")
                                .get("resourceTemplates")
                                .get(0)
                                .get("uriTemplate")
                                .asText())
                .isEqualTo("peerclaw://agents/{agent_id}");
        var card = steps.get("read").get("result").get("contents").get(0);
        assertThat(card.get("mimeType").asText()).isEqualTo("application/json");
        JsonNode cardJson = Json.tree(card.get("text").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(cardJson.get("name").asText()).isEqualTo("a2a target");
        // Only the owner sees the auth parameters; the card as a resource is the public view.
        assertThat(cardJson.path("auth").has("params")).isFalse();
        assertThat(steps.get("read-unknown").get("error").get("code").asInt()).isEqualTo(-32002);
    }
}
