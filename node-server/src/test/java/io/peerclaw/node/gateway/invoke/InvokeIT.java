package io.peerclaw.node.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.NodeAgents;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.shared.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/invoke/{id}} and {@code POST /api/v1/bridge/send} carrying real traffic to
 * agents built with the official SDKs (A2A v1.0 with streaming, MCP with several tools) and an ACP
 * 0.2 server: the agents' real answers, chunks as they come, tools and their arguments, and what
 * each call leaves behind.
 */
class InvokeIT {
    private static NodeAgents agents;
    private static NodeAgents.Agent a2a;
    private static NodeAgents.Agent mcp;
    private static NodeAgents.Agent acp;
    private static TestNode node;
    private static Users users;
    private static Users.Session owner;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        assumeTrue(NodeAgents.nodeInstalled(), "node is not installed; these need Node.js 20+");
        agents =
                NodeAgents.install(
                        "gateway-agents",
                        List.of("a2a-agent.mjs", "mcp-agent.mjs", "acp-agent.mjs"),
                        "@modelcontextprotocol/sdk",
                        "@a2a-js/sdk",
                        "express");
        a2a = agents.start("a2a-agent.mjs");
        mcp = agents.start("mcp-agent.mjs");
        acp = agents.start("acp-agent.mjs");
        var settings = new HashMap<String, String>();
        settings.put("security.allowed_private_cidrs", "127.0.0.1/32");
        settings.put("user_auth.bcrypt_cost", "4");
        settings.put("rate_limit.enabled", "false");
        settings.put("probe.enabled", "false");
        settings.put("bridge.send_per_sec", "0.01");
        settings.put("bridge.send_burst", "3");
        node = TestNode.start(settings);
        users = new Users(node.uri());
        owner = users.signUp("invoker");
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

    private static TestAgent register(String protocol, String endpoint) {
        var agent = node.newAgent();
        var card =
                agent.card(
                        protocol + "-target", new ArrayList<>(List.of("chat")), List.of(protocol));
        card.put("endpoint", Map.of("url", endpoint, "transport", "http"));
        var registered =
                Http.send(agent.signedFor("POST", "/api/v1/agents", card, owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    private static Http.Response invoke(TestAgent agent, Map<String, Object> body) {
        return users.post("/api/v1/invoke/" + agent.id(), body, owner.accessToken());
    }

    @Test
    void anA2aAgentsRealAnswerComesBackWithItsData() {
        var agent = register("a2a", a2a.url("/a2a/jsonrpc"));

        var answer = invoke(agent, Map.of("message", "hello", "session_id", "chat-1"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("response").asText()).isEqualTo("echo: hello");
        assertThat(json.get("data")).isNotNull();
        assertThat(json.get("protocol").asText()).isEqualTo("a2a");
        assertThat(json.get("session_id").asText()).isEqualTo("chat-1");
        assertThat(json.get("state").asText()).isEqualTo("completed");
        assertThat(json.get("duration_ms").asLong()).isNotNegative();
        var record =
                users.get("/api/v1/invocations/" + json.get("id").asText(), owner.accessToken());
        assertThat(record.status()).as(record.toString()).isEqualTo(200);
        assertThat(record.json().get("status").asText()).isEqualTo("success");
        assertThat(record.json().get("response_preview").asText()).isEqualTo("echo: hello");
        // The call counted for the agent's reputation once the recorder caught up.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                Http.get(
                                                                node.uri(
                                                                        "/api/v1/directory/"
                                                                                + agent.id()
                                                                                + "/reputation"))
                                                        .text())
                                        .contains("bridge_success"));
    }

    @Test
    void aStreamingAgentsChunksArriveAsTheyCome() throws Exception {
        var agent = register("a2a", a2a.url("/a2a/jsonrpc"));
        var request =
                HttpRequest.newBuilder(node.uri("/api/v1/invoke/" + agent.id()))
                        .header("Authorization", "Bearer " + owner.accessToken())
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofByteArray(
                                        Json.bytes(
                                                Map.of(
                                                        "message",
                                                        "stream please",
                                                        "stream",
                                                        true))))
                        .build();
        var response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        var events = new ArrayList<String>();
        var arrivals = new ArrayList<Long>();
        try (var lines =
                new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            String event = null;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(event + " " + line.substring(6));
                    arrivals.add(System.nanoTime());
                }
            }
        }
        assertThat(events.getFirst()).startsWith("start ").contains(agent.id().value());
        var chunks = events.stream().filter(e -> e.startsWith("message ")).toList();
        assertThat(chunks)
                .extracting(e -> Json.tree(e.substring(8).getBytes()).get("content").asText())
                .containsExactly("one ", "two ", "three");
        assertThat(events.getLast()).startsWith("done ");
        // The agent spaces its chunks 400 ms apart: the first reached us well before the last.
        int first = events.indexOf(chunks.getFirst());
        assertThat(arrivals.getLast() - arrivals.get(first)).isGreaterThan(600_000_000L);
    }

    @Test
    void anMcpAgentsToolsAreChosenAndFilled() {
        var agent = register("mcp", mcp.url("/mcp"));

        var echo = invoke(agent, Map.of("message", "hi there", "metadata", Map.of("tool", "echo")));
        assertThat(echo.status()).as(echo.toString()).isEqualTo(200);
        assertThat(echo.json().get("response").asText()).isEqualTo("echo: hi there");

        var weather =
                invoke(
                        agent,
                        Map.of(
                                "message",
                                "forecast",
                                "metadata",
                                Map.of(
                                        "tool",
                                        "weather",
                                        "arguments",
                                        Map.of("city", "Oslo", "days", 2))));
        assertThat(weather.status()).as(weather.toString()).isEqualTo(200);
        assertThat(weather.json().get("data").get("city").asText()).isEqualTo("Oslo");
        assertThat(weather.json().get("data").get("celsius")).hasSize(2);

        var unknown = invoke(agent, Map.of("message", "x", "metadata", Map.of("tool", "nope")));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText())
                .isEqualTo("metadata.tool");
        assertThat(unknown.json().get("detail").asText()).contains("echo").contains("weather");

        var unnamed = invoke(agent, Map.of("message", "which tool?"));
        assertThat(unnamed.status()).as(unnamed.toString()).isEqualTo(400);

        var badArguments =
                invoke(agent, Map.of("message", "forecast", "metadata", Map.of("tool", "weather")));
        assertThat(badArguments.status()).as(badArguments.toString()).isEqualTo(400);
        assertThat(badArguments.json().get("errors").get(0).get("field").asText())
                .isEqualTo("message");
    }

    @Test
    void anAcpAgentAnswersAndAQuestionComesBackAsInputRequired() {
        var solo = register("acp", acp.url("/solo"));
        var echo = invoke(solo, Map.of("message", "hi acp"));
        assertThat(echo.status()).as(echo.toString()).isEqualTo(200);
        assertThat(echo.json().get("response").asText()).isEqualTo("echo: hi acp");

        var asker = register("a2a", a2a.url("/a2a/jsonrpc"));
        var question = invoke(asker, Map.of("message", "ask"));
        assertThat(question.status()).as(question.toString()).isEqualTo(200);
        assertThat(question.json().get("state").asText()).isEqualTo("input-required");
        assertThat(question.json().get("response").asText()).isEqualTo("what is your name?");
    }

    @Test
    void anAgentFailingItsTaskIsA502WithItsReason() {
        var agent = register("a2a", a2a.url("/a2a/jsonrpc"));
        var failed = invoke(agent, Map.of("message", "fail"));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
        assertThat(failed.json().get("code").asText()).isEqualTo("agent_failed");
    }

    @Test
    void signedAgentsSendThroughTheBridgeAsThemselvesWithinTheirRate() {
        var target = register("a2a", a2a.url("/a2a/jsonrpc"));
        var source = register("mcp", mcp.url("/mcp"));
        var body = Map.<String, Object>of("destination", target.id().value(), "payload", "bridged");

        var sent = Http.send(source.signed("POST", "/api/v1/bridge/send", body));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().get("status").asText()).isEqualTo("sent");
        assertThat(sent.json().get("response").asText()).isEqualTo("echo: bridged");
        assertThat(sent.json().get("protocol").asText()).isEqualTo("a2a");

        var impostor =
                Http.send(
                        source.signed(
                                "POST",
                                "/api/v1/bridge/send",
                                Map.of(
                                        "source", target.id().value(),
                                        "destination", target.id().value(),
                                        "payload", "x")));
        assertThat(impostor.status()).as(impostor.toString()).isEqualTo(403);

        var unsigned = users.post("/api/v1/bridge/send", body, owner.accessToken());
        assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(401);

        // Burst 3: one sent above, two more, then the fourth waits.
        assertThat(Http.send(source.signed("POST", "/api/v1/bridge/send", body)).status())
                .isEqualTo(200);
        assertThat(Http.send(source.signed("POST", "/api/v1/bridge/send", body)).status())
                .isEqualTo(200);
        var limited = Http.send(source.signed("POST", "/api/v1/bridge/send", body));
        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
    }

    @Test
    void routesResolveWithoutEndpointsForStrangers() {
        var agent = register("a2a", a2a.url("/a2a/jsonrpc"));
        var stranger = users.signUp("route-reader");
        var resolved =
                users.get("/api/v1/routes/resolve?target_id=" + agent.id(), stranger.accessToken());
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("routes").get(0).get("protocol").asText()).isEqualTo("a2a");
        assertThat(resolved.json().get("routes").get(0).has("endpoint")).isFalse();
        var own = users.get("/api/v1/routes/resolve?target_id=" + agent.id(), owner.accessToken());
        assertThat(own.json().get("routes").get(0).get("endpoint").asText())
                .isEqualTo(a2a.url("/a2a/jsonrpc"));
        var wrong =
                users.get(
                        "/api/v1/routes/resolve?target_id=" + agent.id() + "&protocol=mcp",
                        owner.accessToken());
        assertThat(wrong.status()).isEqualTo(404);
        var list = users.get("/api/v1/routes", null);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.text()).doesNotContain("endpoint");
    }
}
