package io.peerclaw.node.gateway.acp;

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
import java.io.IOException;
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
 * The ACP front door on a real node, driven by the real ACP client (npm {@code acp-sdk} 1.0.3,
 * whose zod schemas check every answer) against agents built with the official SDKs: an
 * {@code @a2a-js/sdk} v1.0 streaming agent and an {@code @modelcontextprotocol/sdk} server with
 * several tools.
 *
 * <p>Needs Node.js 20+ and the npm registry (or installed {@code target/} folders); skipped without
 * {@code node}.
 */
class AcpIT {
    private static NodeAgents gatewayAgents;
    private static NodeAgents client;
    private static NodeAgents.Agent a2a;
    private static NodeAgents.Agent mcp;
    private static TestNode node;
    private static Users users;
    private static Users.Session owner;
    private static TestAgent a2aAgent;
    private static TestAgent mcpAgent;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        assumeTrue(NodeAgents.nodeInstalled(), "node is not installed; these need Node.js 20+");
        gatewayAgents =
                NodeAgents.install(
                        "gateway-agents",
                        List.of("a2a-agent.mjs", "mcp-agent.mjs"),
                        "@modelcontextprotocol/sdk",
                        "@a2a-js/sdk",
                        "express");
        a2a = gatewayAgents.start("a2a-agent.mjs");
        mcp = gatewayAgents.start("mcp-agent.mjs");
        client = NodeAgents.install("acp-client", List.of("acp-client.mjs"), "acp-sdk");
        node = TestNode.start(settings());
        users = new Users(node.uri());
        owner = users.signUp("acp-owner");
        a2aAgent = register(node, owner, "a2a", a2a.url("/a2a/jsonrpc"), null);
        mcpAgent = register(node, owner, "mcp", mcp.url("/mcp"), null);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (gatewayAgents != null) {
            gatewayAgents.close();
        }
    }

    static Map<String, String> settings() {
        var settings = new HashMap<String, String>();
        settings.put("security.allowed_private_cidrs", "127.0.0.1/32");
        settings.put("user_auth.bcrypt_cost", "4");
        settings.put("rate_limit.enabled", "false");
        settings.put("probe.enabled", "false");
        settings.put("invoke.anonymous_per_hour", "2");
        return settings;
    }

    static TestAgent register(
            TestNode on, Users.Session by, String protocol, String endpoint, String visibility) {
        var agent = on.newAgent();
        var card =
                agent.card(
                        protocol + "-target", new ArrayList<>(List.of("chat")), List.of(protocol));
        card.put("endpoint", Map.of("url", endpoint, "transport", "http"));
        if (visibility != null) {
            card.put("visibility", visibility);
        }
        var registered =
                Http.send(agent.signedFor("POST", "/api/v1/agents", card, by.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    /** One call of the real client; its printed results, parsed. */
    static List<JsonNode> sdk(TestNode on, String token, String op, String... args) {
        var all = new ArrayList<String>();
        all.add(on.uri("/acp").toString());
        all.add(op);
        all.addAll(List.of(args));
        all.add(1, token == null ? "-" : token);
        NodeAgents.Run output;
        try {
            output =
                    client.run(
                            Duration.ofSeconds(60), "acp-client.mjs", all.toArray(String[]::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(output.exitCode()).as("acp-client %s: %s", op, output.lines()).isZero();
        var results =
                output.lines().stream()
                        .filter(line -> line.startsWith("{"))
                        .map(line -> Json.tree(line.getBytes(StandardCharsets.UTF_8)))
                        .toList();
        assertThat(results)
                .as("acp-client %s printed nothing: %s", op, output.lines())
                .isNotEmpty();
        return results;
    }

    /** The value of a call that must succeed. */
    static JsonNode ok(String token, String op, String... args) {
        JsonNode result = sdk(node, token, op, args).getFirst();
        assertThat(result.has("ok")).as("acp-client %s: %s", op, result).isTrue();
        return result.get("ok");
    }

    /** What the client threw for a call that must fail. */
    static JsonNode error(String token, String op, String... args) {
        JsonNode result = sdk(node, token, op, args).getFirst();
        assertThat(result.has("error")).as("acp-client %s: %s", op, result).isTrue();
        return result.get("error");
    }

    static String id(TestAgent agent) {
        return agent.id().value();
    }

    static List<String> texts(JsonNode run) {
        var out = new ArrayList<String>();
        run.path("output")
                .forEach(m -> m.path("parts").forEach(p -> out.add(p.path("content").asText())));
        return out;
    }

    // ------------------------------------------------------------------ A2A agent

    @Test
    void aSyncRunReturnsTheA2aAgentsRealAnswer() {
        var run = ok(owner.accessToken(), "sync", id(a2aAgent), "hello");

        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("agent_name").asText()).isEqualTo(id(a2aAgent));
        JsonNode parts = run.at("/output/0/parts");
        assertThat(parts.get(0).get("content").asText()).isEqualTo("echo: hello");
        assertThat(parts.get(0).get("name").asText()).isEqualTo("answer");
        // The agent's data part (what it saw of our message) comes as JSON.
        assertThat(parts.get(1).get("content_type").asText()).isEqualTo("application/json");
        assertThat(
                        Json.tree(parts.get(1).get("content").asText().getBytes())
                                .get("parts")
                                .get(0)
                                .asText())
                .isEqualTo("text");
        assertThat(run.at("/output/0/role").asText()).isEqualTo("agent/" + id(a2aAgent));

        var read = ok(owner.accessToken(), "status", run.get("run_id").asText());
        assertThat(read.get("status").asText()).isEqualTo("completed");
        assertThat(texts(read)).first().isEqualTo("echo: hello");
        var events = ok(owner.accessToken(), "events", run.get("run_id").asText());
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "run.created",
                        "run.in-progress",
                        "message.created",
                        "message.part",
                        "message.part",
                        "message.completed",
                        "run.completed");
    }

    @Test
    void aStreamDeliversTheAgentsChunksAsTheyCome() {
        var lines = sdk(node, owner.accessToken(), "stream", id(a2aAgent), "stream please");

        assertThat(lines).allMatch(line -> line.has("event"), "only events, no error");
        var types = lines.stream().map(l -> l.at("/event/type").asText()).toList();
        assertThat(types.getFirst()).isEqualTo("run.created");
        assertThat(types.get(1)).isEqualTo("run.in-progress");
        assertThat(types.getLast()).isEqualTo("run.completed");
        var parts =
                lines.stream()
                        .filter(l -> l.at("/event/type").asText().equals("message.part"))
                        .toList();
        assertThat(parts)
                .extracting(l -> l.at("/event/part/content").asText())
                .containsExactly("one ", "two ", "three");
        // The agent sends its chunks 400 ms apart: the client had the first well before the last.
        assertThat(parts.getLast().get("at").asLong() - parts.getFirst().get("at").asLong())
                .isGreaterThan(600);
        assertThat(types)
                .containsSubsequence("message.created", "message.part", "message.completed");
        assertThat(lines.getLast().at("/event/run/output/0/parts")).hasSize(3);
    }

    @Test
    void anAsyncRunIsPolledUntilItCompletes() {
        var created = ok(owner.accessToken(), "async", id(a2aAgent), "stream slowly");
        String runId = created.get("run_id").asText();

        assertThat(created.get("status").asText()).isEqualTo("created");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(
                        () ->
                                assertThat(
                                                ok(owner.accessToken(), "status", runId)
                                                        .get("status")
                                                        .asText())
                                        .isEqualTo("completed"));
        assertThat(String.join("", texts(ok(owner.accessToken(), "status", runId))))
                .isEqualTo("one two three");
    }

    @Test
    void anAwaitingRunIsResumedWithTheAnswer() {
        var asked = ok(owner.accessToken(), "sync", id(a2aAgent), "ask");
        String runId = asked.get("run_id").asText();

        assertThat(asked.get("status").asText()).isEqualTo("awaiting");
        assertThat(asked.at("/await_request/message/parts/0/content").asText())
                .isEqualTo("what is your name?");
        var resumed = ok(owner.accessToken(), "resume", runId, "Ada");
        assertThat(resumed.get("run_id").asText()).isEqualTo(runId);
        assertThat(resumed.get("status").asText()).isEqualTo("completed");
        assertThat(texts(resumed)).contains("hello Ada");
        var again = error(owner.accessToken(), "resume", runId, "Bob");
        assertThat(again.get("name").asText()).isEqualTo("ACPError");
        assertThat(again.get("code").asText()).isEqualTo("invalid_input");
        assertThat(ok(owner.accessToken(), "events", runId))
                .extracting(e -> e.get("type").asText())
                .startsWith("run.created", "run.in-progress", "run.awaiting", "run.in-progress")
                .endsWith("run.completed");
    }

    @Test
    void aRunningRunIsCancelled() {
        int seen = a2a.log().size();
        var created = ok(owner.accessToken(), "async", id(a2aAgent), "wait");
        String runId = created.get("run_id").asText();
        // Cancelled once the agent works on it, not before the call left.
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                a2a.log().subList(seen, a2a.log().size()).stream()
                                        .anyMatch(l -> l.startsWith("REQ POST /a2a/jsonrpc")));

        var cancelled = ok(owner.accessToken(), "cancel", runId);

        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(ok(owner.accessToken(), "status", runId).get("status").asText())
                .isEqualTo("cancelled");
        var twice = error(owner.accessToken(), "cancel", runId);
        assertThat(twice.get("code").asText()).isEqualTo("invalid_input");
        assertThat(twice.get("message").asText()).contains("is cancelled");
    }

    @Test
    void aSessionCarriesOverRuns() {
        var runs = ok(owner.accessToken(), "session", id(a2aAgent), "one", "two");

        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("session_id").asText())
                .isEqualTo(runs.get(1).get("session_id").asText())
                .isNotBlank();
        assertThat(runs.get(0).get("run_id").asText())
                .isNotEqualTo(runs.get(1).get("run_id").asText());
    }

    // ------------------------------------------------------------------ MCP agent

    @Test
    void anMcpAgentsToolIsPickedByTrajectoryMetadata() {
        var weather =
                ok(
                        owner.accessToken(),
                        "tool",
                        id(mcpAgent),
                        "weather",
                        "{\"city\":\"Oslo\",\"days\":2}");

        assertThat(weather.get("status").asText()).as(weather.toString()).isEqualTo("completed");
        var json =
                java.util.stream.StreamSupport.stream(
                                weather.at("/output/0/parts").spliterator(), false)
                        .filter(p -> p.get("content_type").asText().equals("application/json"))
                        .findFirst()
                        .orElseThrow();
        JsonNode forecast =
                Json.tree(json.get("content").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(forecast.get("city").asText()).isEqualTo("Oslo");
        assertThat(forecast.get("celsius")).hasSize(2);

        var echo = ok(owner.accessToken(), "tool", id(mcpAgent), "echo", "{\"text\":\"hi\"}");
        assertThat(texts(echo)).contains("echo: hi");
    }

    @Test
    void aStreamedToolReportsItsProgressAsGenericEvents() {
        var lines =
                sdk(
                        node,
                        owner.accessToken(),
                        "stream-tool",
                        id(mcpAgent),
                        "progress",
                        "{\"text\":\"x\"}");

        assertThat(lines).allMatch(line -> line.has("event"), "only events, no error");
        assertThat(lines)
                .filteredOn(l -> l.at("/event/type").asText().equals("generic"))
                .extracting(l -> l.at("/event/generic/message").asText())
                .containsExactly("step 1", "step 2");
        assertThat(lines)
                .filteredOn(l -> l.at("/event/type").asText().equals("message.part"))
                .extracting(l -> l.at("/event/part/content").asText())
                .containsExactly("done: x");
        assertThat(lines.getLast().at("/event/type").asText()).isEqualTo("run.completed");
    }

    @Test
    void anUnknownToolOrMissingToolFailsTheRun() {
        var unknown = ok(owner.accessToken(), "tool", id(mcpAgent), "nope", "{}");
        assertThat(unknown.get("status").asText()).isEqualTo("failed");
        assertThat(unknown.at("/error/code").asText()).isEqualTo("not_found");
        assertThat(unknown.at("/error/message").asText()).contains("nope", "weather");

        // Several tools and none named: the agent cannot guess.
        var unnamed = ok(owner.accessToken(), "sync", id(mcpAgent), "hi");
        assertThat(unnamed.get("status").asText()).isEqualTo("failed");
        assertThat(unnamed.at("/error/code").asText()).isEqualTo("not_found");
        assertThat(unnamed.at("/error/message").asText()).contains("echo", "weather");

        var bad = ok(owner.accessToken(), "tool", id(mcpAgent), "weather", "{\"city\":\"Oslo\"}");
        assertThat(bad.get("status").asText()).isEqualTo("failed");
        assertThat(bad.at("/error/code").asText()).isEqualTo("invalid_input");
    }

    // ------------------------------------------------------------------ discovery and refusals

    @Test
    void theListingPutsTheCallersOwnAgentsFirstAndPages() {
        var mine = users.signUp("lister");
        var someone = users.signUp("someone");
        var zulu = register(node, mine, "a2a", a2a.url("/a2a/jsonrpc"), "private");
        var yankee = register(node, mine, "a2a", a2a.url("/a2a/jsonrpc"), null);
        var theirs = register(node, someone, "a2a", a2a.url("/a2a/jsonrpc"), null);
        var hidden = register(node, someone, "a2a", a2a.url("/a2a/jsonrpc"), "private");

        var all = ok(mine.accessToken(), "agents");
        var names = new ArrayList<String>();
        all.forEach(a -> names.add(a.get("name").asText()));
        assertThat(names.subList(0, 2)).containsExactlyInAnyOrder(id(zulu), id(yankee));
        assertThat(names).doesNotContain(id(hidden));
        assertThat(all).hasSizeLessThanOrEqualTo(10);

        var page = users.get("/acp/agents?limit=1000", mine.accessToken());
        var listed = new ArrayList<String>();
        page.json().get("agents").forEach(a -> listed.add(a.get("name").asText()));
        assertThat(listed).contains(id(theirs), id(a2aAgent)).doesNotContain(id(hidden));
        var second = users.get("/acp/agents?limit=2&offset=1", mine.accessToken());
        assertThat(second.json().get("agents"))
                .extracting(a -> a.get("name").asText())
                .containsExactly(listed.get(1), listed.get(2));
        assertThat(users.get("/acp/agents?limit=0", mine.accessToken()).json().get("code").asText())
                .isEqualTo("invalid_input");

        var manifest = ok(mine.accessToken(), "agent", id(zulu));
        assertThat(manifest.get("name").asText()).isEqualTo(id(zulu));
        assertThat(manifest.at("/metadata/display_name").asText()).isEqualTo("a2a-target");
        var notMine = error(mine.accessToken(), "agent", id(hidden));
        assertThat(notMine.get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void anAgentCallsWithItsSignatureAndSeesItsOwnersAgentsFirst() {
        var provider = users.signUp("agent-provider");
        var caller = register(node, provider, "a2a", a2a.url("/a2a/jsonrpc"), "private");
        var sibling = register(node, provider, "a2a", a2a.url("/a2a/jsonrpc"), "private");
        var stranger =
                register(node, users.signUp("stranger"), "a2a", a2a.url("/a2a/jsonrpc"), "private");

        var listed = Http.send(caller.signed("GET", "/acp/agents?limit=1000", null));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        var names = new ArrayList<String>();
        listed.json().get("agents").forEach(a -> names.add(a.get("name").asText()));
        assertThat(names.subList(0, 2)).containsExactlyInAnyOrder(id(caller), id(sibling));
        assertThat(names).contains(id(a2aAgent)).doesNotContain(id(stranger));

        var run =
                Http.send(
                        caller.signed(
                                "POST",
                                "/acp/runs",
                                Map.of(
                                        "agent_name",
                                        id(sibling),
                                        "input",
                                        List.of(
                                                Map.of(
                                                        "parts",
                                                        List.of(
                                                                Map.of(
                                                                        "content",
                                                                        "from an agent")))))));
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        assertThat(run.json().at("/output/0/parts/0/content").asText())
                .isEqualTo("echo: from an agent");
        String runId = run.json().get("run_id").asText();
        assertThat(
                        Http.send(caller.signed("GET", "/acp/runs/" + runId, null))
                                .json()
                                .get("status")
                                .asText())
                .isEqualTo("completed");
        assertThat(error(provider.accessToken(), "status", runId).get("code").asText())
                .isEqualTo("not_found");
    }

    @Test
    void anUnknownRunIsNotFound() {
        var unknown = error(owner.accessToken(), "status", "00000000-0000-0000-0000-000000000000");

        assertThat(unknown.get("name").asText()).isEqualTo("ACPError");
        assertThat(unknown.get("code").asText()).isEqualTo("not_found");
        assertThat(unknown.get("message").asText())
                .isEqualTo("Run 00000000-0000-0000-0000-000000000000 not found");
        var strangers = users.signUp("run-stranger");
        var run = ok(owner.accessToken(), "sync", id(a2aAgent), "mine");
        assertThat(
                        error(strangers.accessToken(), "status", run.get("run_id").asText())
                                .get("code")
                                .asText())
                .isEqualTo("not_found");
    }

    @Test
    void anonymousCallersAreRefusedUntilThePlaygroundOpensAndThenLimited() {
        var refused = error(null, "sync", id(a2aAgent), "hi");
        assertThat(refused.get("name").asText()).isEqualTo("ACPError");
        assertThat(refused.get("code").asText()).isEqualTo("invalid_input");
        var raw = runRaw(null, id(a2aAgent));
        assertThat(raw.status()).isEqualTo(401);
        assertThat(raw.header("WWW-Authenticate")).contains("Bearer");
        assertThat(raw.json().at("/data/reason").asText()).isEqualTo("auth_error");
        assertThat(ok(null, "agents")).noneMatch(a -> a.get("name").asText().equals(id(a2aAgent)));

        var open = register(node, owner, "a2a", a2a.url("/a2a/jsonrpc"), null);
        var opened =
                users.send(
                        "PUT",
                        "/api/v1/provider/agents/" + open.id(),
                        Map.of("playground_enabled", true),
                        owner.accessToken());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(ok(null, "agents")).anyMatch(a -> a.get("name").asText().equals(id(open)));
        assertThat(ok(null, "sync", id(open), "one").get("status").asText()).isEqualTo("completed");
        assertThat(ok(null, "sync", id(open), "two").get("status").asText()).isEqualTo("completed");

        var limited = runRaw(null, id(open));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(3000L, 3600L);
        assertThat(limited.json().get("code").asText()).isEqualTo("invalid_input");
        assertThat(limited.json().at("/data/reason").asText()).isEqualTo("rate_limited");
        assertThat(error(null, "sync", id(open), "three").get("name").asText())
                .isEqualTo("ACPError");
    }

    @Test
    void aPrivateAgentRefusesOtherUsers() {
        var hidden = register(node, owner, "a2a", a2a.url("/a2a/jsonrpc"), "private");
        var other = users.signUp("acp-other");

        var refused = runRaw(other.accessToken(), id(hidden));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("invalid_input");
        assertThat(refused.json().at("/data/reason").asText()).isEqualTo("forbidden");
        assertThat(error(other.accessToken(), "sync", id(hidden), "hi").get("name").asText())
                .isEqualTo("ACPError");
        assertThat(ok(owner.accessToken(), "sync", id(hidden), "hi").get("status").asText())
                .isEqualTo("completed");
    }

    @Test
    void aRunsLastStateIsReadableAfterTheNodeRestarts() throws IOException, InterruptedException {
        var first = TestNode.start(settings());
        TestNode second = null;
        try {
            var people = new Users(first.uri());
            var someone = people.signUp("restarter");
            var agent = register(first, someone, "a2a", a2a.url("/a2a/jsonrpc"), null);
            var run =
                    sdk(first, someone.accessToken(), "sync", id(agent), "before")
                            .getFirst()
                            .get("ok");
            assertThat(run.get("status").asText()).isEqualTo("completed");
            first.stop();

            second = TestNode.restart(first, settings());
            var after =
                    sdk(second, someone.accessToken(), "status", run.get("run_id").asText())
                            .getFirst();
            assertThat(after.has("ok")).as(after.toString()).isTrue();
            assertThat(after.at("/ok/status").asText()).isEqualTo("completed");
            assertThat(texts(after.get("ok"))).first().isEqualTo("echo: before");
        } finally {
            if (second != null) {
                second.close();
            } else {
                first.close();
            }
        }
    }

    // ------------------------------------------------------------------ wire

    @Test
    void aStreamIsPlainServerSentEventsWithTheRunsId() throws Exception {
        var request =
                java.net.http.HttpRequest.newBuilder(node.uri("/acp/runs"))
                        .header("Authorization", "Bearer " + owner.accessToken())
                        .header("Content-Type", "application/json")
                        .POST(
                                java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                                        Json.bytes(
                                                Map.of(
                                                        "agent_name",
                                                        id(a2aAgent),
                                                        "mode",
                                                        "stream",
                                                        "input",
                                                        List.of(
                                                                Map.of(
                                                                        "parts",
                                                                        List.of(
                                                                                Map.of(
                                                                                        "content",
                                                                                        "hi"))))))))
                        .build();
        var response =
                java.net.http.HttpClient.newHttpClient()
                        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        String runId = response.headers().firstValue("Run-ID").orElseThrow();
        var blocks = List.of(response.body().split("\n\n"));
        assertThat(blocks).allMatch(b -> b.startsWith("data: {") || b.startsWith(": "));
        assertThat(response.body()).doesNotContain("event:");
        var first = Json.tree(blocks.getFirst().substring(6).getBytes(StandardCharsets.UTF_8));
        assertThat(first.get("type").asText()).isEqualTo("run.created");
        assertThat(first.at("/run/run_id").asText()).isEqualTo(runId);
    }

    @Test
    void syncAndAsyncAnswersNameTheRunInAHeader() {
        var sync = runRaw(owner.accessToken(), id(a2aAgent));
        assertThat(sync.status()).isEqualTo(200);
        assertThat(sync.header("Run-ID")).isEqualTo(sync.json().get("run_id").asText());

        var async =
                users.post(
                        "/acp/runs",
                        Map.of(
                                "agent_name",
                                id(a2aAgent),
                                "mode",
                                "async",
                                "input",
                                List.of(Map.of("parts", List.of(Map.of("content", "hi"))))),
                        owner.accessToken());
        assertThat(async.status()).isEqualTo(202);
        assertThat(async.header("Run-ID")).isEqualTo(async.json().get("run_id").asText());
        assertThat(async.json().get("status").asText()).isEqualTo("created");
    }

    @Test
    void everyFailureIsAnAcpError() {
        assertThat(Http.get(node.uri("/acp/ping")).json()).isEmpty();
        assertAcpError(Http.get(node.uri("/acp/nothing/here")), 404, "not_found");
        assertAcpError(Http.get(node.uri("/acp/agents/nobody")), 404, "not_found");
        assertAcpError(Http.get(node.uri("/acp/runs/not-a-run")), 404, "not_found");
        assertAcpError(users.post("/acp/runs", "{", owner.accessToken()), 400, "invalid_input");
        assertAcpError(
                users.post("/acp/runs", Map.of("agent_name", id(a2aAgent)), owner.accessToken()),
                400,
                "invalid_input");
        assertAcpError(
                users.post(
                        "/acp/runs",
                        Map.of(
                                "agent_name",
                                "abcdefghijklmnopqrstuvwxyz234567",
                                "input",
                                List.of(Map.of("parts", List.of(Map.of("content", "x"))))),
                        owner.accessToken()),
                404,
                "not_found");
        var deleted = users.send("DELETE", "/acp/runs", null, owner.accessToken());
        assertAcpError(deleted, 405, "invalid_input");
        assertThat(deleted.header("Allow")).isEqualTo("POST");
        var badToken = users.get("/acp/agents", "not-a-token");
        assertAcpError(badToken, 401, "invalid_input");
        assertThat(badToken.header("WWW-Authenticate")).isNotBlank();
    }

    @Test
    void aStreamedBodyOverTheLimitIsRefusedInAcpsShape() {
        byte[] big = new byte[2 << 20];
        java.util.Arrays.fill(big, (byte) ' ');
        var response =
                Http.send(
                        java.net.http.HttpRequest.newBuilder(node.uri("/acp/runs"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                                () -> new java.io.ByteArrayInputStream(big)))
                                .build());

        assertAcpError(response, 413, "invalid_input");
    }

    private static void assertAcpError(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("code").asText()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().get("message").asText()).isNotBlank();
    }

    private static Http.Response runRaw(String token, String agent) {
        return users.post(
                "/acp/runs",
                Map.of(
                        "agent_name",
                        agent,
                        "input",
                        List.of(Map.of("role", "user", "parts", List.of(Map.of("content", "hi"))))),
                token);
    }
}
