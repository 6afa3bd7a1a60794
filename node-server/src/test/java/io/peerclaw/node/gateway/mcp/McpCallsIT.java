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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls through the MCP front door that take long, are canceled, are limited or come from
 * strangers, against real agents, with the blocking wait ({@code gateway.call_timeout}) cut to two
 * seconds and anonymous callers allowed two calls an hour.
 */
class McpCallsIT {
    private static NodeAgents agents;
    private static TestNode node;
    private static Users users;
    private static Users.Session owner;
    private static NodeAgents.Agent a2a;
    private static TestAgent a2aAgent;
    private static TestAgent acpAgent;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        assumeTrue(NodeAgents.nodeInstalled(), "node is not installed; these need Node.js 20+");
        agents =
                NodeAgents.install(
                        "gateway-agents",
                        List.of("a2a-agent.mjs", "acp-agent.mjs"),
                        "@a2a-js/sdk",
                        "express");
        a2a = agents.start("a2a-agent.mjs");
        var acp = agents.start("acp-agent.mjs");
        var settings = new HashMap<String, String>();
        settings.put("security.allowed_private_cidrs", "127.0.0.1/32");
        settings.put("user_auth.bcrypt_cost", "4");
        settings.put("rate_limit.enabled", "false");
        settings.put("probe.enabled", "false");
        settings.put("gateway.call_timeout", "2s");
        settings.put("invoke.anonymous_per_hour", "2");
        node = TestNode.start(settings);
        users = new Users(node.uri());
        owner = users.signUp("mcp-calls-owner");
        a2aAgent = McpSdkIT.register(node, owner, "a2a", a2a.url("/a2a/jsonrpc"));
        acpAgent = McpSdkIT.register(node, owner, "acp", acp.url("/solo"));
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

    private static McpWire wire(TestAgent agent, String bearer) {
        var wire =
                new McpWire(node.uri(agent == null ? "/mcp" : "/mcp/" + agent.id())).bearer(bearer);
        return wire.session(wire.open());
    }

    private static JsonNode result(Http.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().has("result")).as(answer.toString()).isTrue();
        return answer.json().get("result");
    }

    private static String echo(String message) {
        return "{\"name\":\"echo\",\"arguments\":" + Json.text(Map.of("message", message)) + "}";
    }

    @Test
    void aCallLongerThanTheWaitIsAnsweredAsWorkingAndCanBeReadLater() {
        long started = System.nanoTime();
        var working = result(wire(a2aAgent, owner.accessToken()).call("tools/call", echo("wait")));
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(waitedMs).isBetween(1_900L, 10_000L);
        assertThat(working.get("isError").asBoolean()).as(working.toString()).isFalse();
        var handle = working.get("structuredContent");
        assertThat(handle.get("state").asText()).isEqualTo("working");
        assertThat(working.get("content").get(0).get("text").asText())
                .contains("still working")
                .contains("get_task")
                .contains(handle.get("taskId").asText());

        // The node's own server reads it; the call still runs, so this waits once more.
        var read =
                result(
                        wire(null, owner.accessToken())
                                .call(
                                        "tools/call",
                                        "{\"name\":\"get_task\",\"arguments\":{\"task_id\":\""
                                                + handle.get("taskId").asText()
                                                + "\"}}"));
        assertThat(read.get("structuredContent").get("state").asText()).isEqualTo("working");
        // Nobody else's tasks are readable.
        var stranger = users.signUp("mcp-calls-stranger");
        var foreign =
                result(
                        wire(null, stranger.accessToken())
                                .call(
                                        "tools/call",
                                        "{\"name\":\"get_task\",\"arguments\":{\"task_id\":\""
                                                + handle.get("taskId").asText()
                                                + "\"}}"));
        assertThat(foreign.get("isError").asBoolean()).isTrue();
        assertThat(foreign.get("content").get(0).get("text").asText()).startsWith("No task ");
    }

    @Test
    void aCancelledNotificationCancelsTheRunningCall() throws Exception {
        var wire = new McpWire(node.uri("/mcp/" + a2aAgent.id())).bearer(owner.accessToken());
        String session = wire.open();
        wire.session(session);
        String request =
                "{\"jsonrpc\":\"2.0\",\"id\":\"long-1\",\"method\":\"tools/call\",\"params\":"
                        + echo("wait")
                        + "}";
        var builder =
                HttpRequest.newBuilder(node.uri("/mcp/" + a2aAgent.id()))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header("Authorization", "Bearer " + owner.accessToken())
                        .header("Mcp-Session-Id", session);
        long started = System.nanoTime();
        var pending =
                HttpClient.newHttpClient()
                        .sendAsync(
                                builder.POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(700);

        var cancelled =
                wire.post(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                                + "\"params\":{\"requestId\":\"long-1\",\"reason\":\"enough\"}}");
        var answer = pending.get(10, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(tookMs).as("answered before the wait ran out").isLessThan(1_900L);
        JsonNode result = Json.tree(answer.body().getBytes(StandardCharsets.UTF_8)).get("result");
        assertThat(result.get("isError").asBoolean()).as(answer.body()).isTrue();
        assertThat(result.get("_meta").get("peerclaw.io/state").asText()).isEqualTo("canceled");
    }

    @Test
    void anAcpAgentIsAnMcpServerToo() {
        var wire = wire(acpAgent, owner.accessToken());

        var tools = result(wire.call("tools/list", "{}")).get("tools");
        var answer = result(wire.call("tools/call", echo("hi acp")));

        assertThat(tools.get(0).get("name").asText()).isEqualTo("echo");
        assertThat(answer.get("isError").asBoolean()).as(answer.toString()).isFalse();
        assertThat(answer.get("content").get(0).get("text").asText()).isEqualTo("echo: hi acp");
    }

    @Test
    void anonymousCallersNeedThePlaygroundAndAreLimited() {
        var agent = McpSdkIT.register(node, owner, "a2a", a2a.url("/a2a/jsonrpc"));
        var closed = new McpWire(node.uri("/mcp/" + agent.id())).initialize("2025-11-25");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(401);

        var opened =
                users.send(
                        "PUT",
                        "/api/v1/provider/agents/" + agent.id(),
                        Map.of("playground_enabled", true),
                        owner.accessToken());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        var wire = wire(agent, null);

        var first = result(wire.call("tools/call", echo("one")));
        var second = result(wire.call("tools/call", echo("two")));
        var third = wire.call("tools/call", echo("three"));

        assertThat(first.get("content").get(0).get("text").asText()).isEqualTo("echo: one");
        assertThat(second.get("content").get(0).get("text").asText()).isEqualTo("echo: two");
        assertThat(third.status()).as(third.toString()).isEqualTo(429);
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(3000L, 3600L);
        assertThat(McpWire.errorCode(third)).isEqualTo(-32000);
        assertThat(third.json().get("id").isIntegralNumber()).isTrue();
        // Listing tools is not a call: it still works.
        assertThat(result(wire.call("tools/list", "{}")).get("tools")).hasSize(1);
    }
}
