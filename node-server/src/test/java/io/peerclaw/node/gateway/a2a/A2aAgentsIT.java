package io.peerclaw.node.gateway.a2a;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The A2A front door with real agents and a real client: agents made with the official SDKs
 * ({@code @a2a-js/sdk} 1.3.0 streaming A2A agent, {@code @modelcontextprotocol/sdk} MCP server, from
 * {@code src/test/resources/gateway-agents}) behind a node, called by the official {@code
 * @a2a-js/sdk} 1.3.0 client ({@code a2a-client.mjs}) and, for the 0.3 wire, by raw JSON.
 *
 * <p>Needs Node.js 20+ and the npm registry (or an installed {@code target/gateway-agents}); skipped
 * when {@code node} is not installed.
 */
class A2aAgentsIT {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    private static NodeAgents agents;
    private static TestNode node;
    private static A2aClient a2a;
    private static Users.Session owner;
    private static TestAgent mcp;
    private static TestAgent streaming;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                NodeAgents.nodeInstalled(), "node is not installed; these tests need Node.js 20+");
        agents =
                NodeAgents.install(
                        "gateway-agents",
                        List.of("a2a-agent.mjs", "mcp-agent.mjs", "a2a-client.mjs"),
                        "@a2a-js/sdk",
                        "@modelcontextprotocol/sdk");
        var a2aAgent = agents.start("a2a-agent.mjs");
        var mcpAgent = agents.start("mcp-agent.mjs");
        node =
                TestNode.start(
                        Map.of(
                                "security.allowed_private_cidrs", "127.0.0.1/32",
                                "user_auth.bcrypt_cost", "4",
                                "directory.page_cache_ttl", "0s"));
        a2a = new A2aClient(node.uri());
        var users = new Users(node.uri());
        owner = users.signUp("a2a-agents");
        mcp = register("Tool box", "mcp", mcpAgent.url("/mcp"));
        streaming = register("Gateway target", "a2a", a2aAgent.url("/a2a/jsonrpc"));
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

    private static TestAgent register(String name, String protocol, String url) {
        var agent = node.newAgent();
        var card =
                agent.card(
                        name, new ArrayList<>(List.of("chat")), new ArrayList<>(List.of(protocol)));
        card.put("endpoint", Map.of("url", url, "transport", "http"));
        var registered =
                Http.send(agent.signedFor("POST", "/api/v1/agents", card, owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    private static String base(TestAgent agent) {
        // The SDK finds the card relative to the base: with a slash, under the agent's path.
        return node.uri("/a2a/" + agent.id() + "/").toString();
    }

    private static List<JsonNode> lines(NodeAgents.Run run, String step) {
        return run.lines().stream()
                .filter(line -> line.startsWith("{"))
                .map(line -> Json.tree(line.getBytes(StandardCharsets.UTF_8)))
                .filter(json -> json.path("step").asText().equals(step))
                .toList();
    }

    private static JsonNode line(NodeAgents.Run run, String step) {
        var found = lines(run, step);
        assertThat(found).as("step %s in %s", step, run).hasSize(1);
        return found.getFirst();
    }

    // ------------------------------------------------------------------ the official client

    @Test
    void theOfficialClientCallsAnMcpAgentThroughItsA2aDoor() throws Exception {
        var run =
                agents.run(CLIENT_TIMEOUT, "a2a-client.mjs", base(mcp), "mcp", owner.accessToken());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        var card = line(run, "card");
        assertThat(card.get("name").asText()).isEqualTo("Tool box");
        assertThat(card.get("transport").asText()).isEqualTo("JSONRPC");
        assertThat(card.get("version").asText()).isEqualTo("1.0");
        assertThat(card.get("skills").findValuesAsText("skills")).isEmpty();
        assertThat(card.get("skills").toString()).contains("\"echo\"", "\"weather\"");
        var sent = line(run, "send");
        assertThat(sent.get("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(sent.get("text").asText()).isEqualTo("echo: hello mcp");
        var got = line(run, "get");
        assertThat(got.get("id").asText()).isEqualTo(sent.get("id").asText());
        assertThat(got.get("history").asInt()).isEqualTo(1);
        var listed = line(run, "list");
        assertThat(listed.get("ids").toString()).isEqualTo("[\"" + sent.get("id").asText() + "\"]");
        assertThat(listed.get("totalSize").asInt()).isEqualTo(1);
        assertThat(listed.get("text").asText()).isEqualTo("echo: hello mcp");
        assertThat(line(run, "cancel").get("error").asText())
                .isEqualTo("JsonRpcTaskNotCancelableError");
        assertThat(line(run, "unknown").get("error").asText())
                .isEqualTo("JsonRpcTaskNotFoundError");
        var unknownTool = line(run, "unknown-tool");
        assertThat(unknownTool.get("state").asText()).isEqualTo("TASK_STATE_FAILED");
        assertThat(unknownTool.get("text").asText()).contains("'nope'", "echo");
    }

    @Test
    void aStreamingAgentsEventsReachTheOfficialClientAsTheyHappen() throws Exception {
        var run =
                agents.run(
                        CLIENT_TIMEOUT,
                        "a2a-client.mjs",
                        base(streaming),
                        "stream",
                        owner.accessToken());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(line(run, "card").get("streaming").asBoolean()).isTrue();
        var events = lines(run, "event");
        assertThat(events.getFirst().get("kind").asText()).isEqualTo("task");
        assertThat(events.getLast().get("kind").asText()).isEqualTo("statusUpdate");
        assertThat(events.getLast().get("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(events)
                .filteredOn(e -> e.get("kind").asText().equals("statusUpdate"))
                .extracting(e -> e.get("state").asText())
                .containsExactly("TASK_STATE_WORKING", "TASK_STATE_COMPLETED");
        var chunks =
                events.stream()
                        .filter(e -> e.get("kind").asText().equals("artifactUpdate"))
                        .toList();
        assertThat(chunks)
                .extracting(e -> e.get("text").asText())
                .containsExactly("one ", "two ", "three");
        assertThat(chunks)
                .extracting(e -> e.get("append").asBoolean())
                .containsExactly(false, true, true);
        assertThat(chunks.getLast().get("lastChunk").asBoolean()).isTrue();
        // The agent sends its chunks 400 ms apart: they arrive apart, not all at the end.
        long spread = chunks.getLast().get("t").asLong() - chunks.getFirst().get("t").asLong();
        assertThat(spread).as(run.toString()).isGreaterThanOrEqualTo(600);

        var followed = lines(run, "followed");
        assertThat(followed.getFirst().get("kind").asText()).isEqualTo("task");
        assertThat(followed.getLast().get("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(line(run, "get").get("text").asText()).isEqualTo("one two three");
        assertThat(line(run, "subscribe-done").get("error").asText())
                .isEqualTo("JsonRpcUnsupportedOperationError");
    }

    // ------------------------------------------------------------------ A2A 0.3 on the wire

    @Test
    void aZeroDotThreeClientReachesAOneDotZeroAgent() {
        String path = "/a2a/" + streaming.id();
        var sent =
                a2a.post(
                        path,
                        A2aClient.rpc(1, "message/send", A2aClient.legacyMessage("hi")),
                        null,
                        owner.accessToken());

        JsonNode task = sent.json().get("result");
        assertThat(task.get("kind").asText()).as(sent.toString()).isEqualTo("task");
        assertThat(task.at("/status/state").asText()).isEqualTo("completed");
        assertThat(task.at("/artifacts/0/parts/0").toString())
                .isEqualTo("{\"kind\":\"text\",\"text\":\"echo: hi\"}");
        assertThat(task.at("/history/0/role").asText()).isEqualTo("user");

        var got =
                a2a.post(
                        path,
                        A2aClient.rpc(2, "tasks/get", Map.of("id", task.get("id").asText())),
                        null,
                        owner.accessToken());
        assertThat(got.json().at("/result/kind").asText()).isEqualTo("task");
        var cancel =
                a2a.post(
                        path,
                        A2aClient.rpc(3, "tasks/cancel", Map.of("id", task.get("id").asText())),
                        null,
                        owner.accessToken());
        assertThat(cancel.json().at("/error/code").asInt()).isEqualTo(-32002);

        var events =
                a2a.stream(
                        path,
                        A2aClient.rpc("s1", "message/stream", A2aClient.legacyMessage("stream it")),
                        null,
                        owner.accessToken());
        assertThat(events).allSatisfy(e -> assertThat(e.json().get("id").asText()).isEqualTo("s1"));
        List<JsonNode> results = events.stream().map(e -> e.json().get("result")).toList();
        assertThat(results.getFirst().get("kind").asText()).isEqualTo("task");
        assertThat(results)
                .extracting(r -> r.get("kind").asText())
                .contains("status-update", "artifact-update");
        JsonNode last = results.getLast();
        assertThat(last.get("kind").asText()).isEqualTo("status-update");
        assertThat(last.get("final").asBoolean()).isTrue();
        assertThat(last.at("/status/state").asText()).isEqualTo("completed");
        assertThat(results.subList(0, results.size() - 1))
                .noneMatch(r -> r.path("final").asBoolean());
    }

    @Test
    void aOneDotZeroStreamIsOneJsonRpcResponsePerEvent() {
        var events =
                a2a.stream(
                        "/a2a/" + streaming.id(),
                        A2aClient.rpc(9, "SendStreamingMessage", A2aClient.message("stream it")),
                        "1.0",
                        owner.accessToken());

        assertThat(events).allSatisfy(e -> assertThat(e.json().get("id").asInt()).isEqualTo(9));
        // The call may have started by the time the task is first shown.
        assertThat(events.getFirst().json().at("/result/task/status/state").asText())
                .isIn("TASK_STATE_SUBMITTED", "TASK_STATE_WORKING");
        assertThat(events.get(1).json().has("result")).isTrue();
        assertThat(events.getLast().json().at("/result/statusUpdate/status/state").asText())
                .isEqualTo("TASK_STATE_COMPLETED");
        long spread = events.getLast().receivedAtMillis() - events.getFirst().receivedAtMillis();
        assertThat(spread).isGreaterThanOrEqualTo(1000);
    }

    // ------------------------------------------------------------------ tasks

    @Test
    void anInterruptedTaskIsContinuedByItsId() {
        String path = "/a2a/" + streaming.id();
        var asked =
                a2a.post(
                        path,
                        A2aClient.rpc(1, "SendMessage", A2aClient.message("ask")),
                        "1.0",
                        owner.accessToken());
        JsonNode task = asked.json().at("/result/task");
        assertThat(task.at("/status/state").asText())
                .as(asked.toString())
                .isEqualTo("TASK_STATE_INPUT_REQUIRED");
        assertThat(task.at("/status/message/parts/0/text").asText())
                .isEqualTo("what is your name?");

        var answer =
                Map.of(
                        "message",
                        Map.of(
                                "messageId", "m-ada",
                                "role", "ROLE_USER",
                                "taskId", task.get("id").asText(),
                                "contextId", task.get("contextId").asText(),
                                "parts", List.of(Map.of("text", "Ada"))));
        var done =
                a2a.post(path, A2aClient.rpc(2, "SendMessage", answer), "1.0", owner.accessToken());

        JsonNode finished = done.json().at("/result/task");
        assertThat(finished.get("id").asText())
                .as(done.toString())
                .isEqualTo(task.get("id").asText());
        assertThat(finished.at("/status/state").asText()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(finished.at("/artifacts/0/parts/0/text").asText()).isEqualTo("hello Ada");
        assertThat(finished.get("history").findValuesAsText("messageId")).contains("m-ada");

        var again =
                a2a.post(path, A2aClient.rpc(3, "SendMessage", answer), "1.0", owner.accessToken());
        assertThat(again.json().at("/error/code").asInt()).isEqualTo(-32004);
    }

    @Test
    void aRunningTaskIsCanceledOnce() {
        String path = "/a2a/" + streaming.id();
        var started =
                a2a.post(
                        path,
                        A2aClient.rpc(
                                1,
                                "SendMessage",
                                Map.of(
                                        "message",
                                        A2aClient.message("wait").get("message"),
                                        "configuration",
                                        Map.of("returnImmediately", true))),
                        "1.0",
                        owner.accessToken());
        String id = started.json().at("/result/task/id").asText();
        assertThat(started.json().at("/result/task/status/state").asText())
                .isIn("TASK_STATE_SUBMITTED", "TASK_STATE_WORKING");

        var canceled =
                a2a.post(
                        path,
                        A2aClient.rpc(2, "CancelTask", Map.of("id", id)),
                        "1.0",
                        owner.accessToken());
        var twice =
                a2a.post(
                        path,
                        A2aClient.rpc(3, "CancelTask", Map.of("id", id)),
                        "1.0",
                        owner.accessToken());

        assertThat(canceled.json().at("/result/status/state").asText())
                .as(canceled.toString())
                .isEqualTo("TASK_STATE_CANCELED");
        assertThat(twice.json().at("/error/code").asInt()).isEqualTo(-32002);
    }

    @Test
    void tasksAreListedByContextAndStatusInPages() {
        String path = "/a2a/" + streaming.id();
        String context = UUID.randomUUID().toString();
        var ids = new ArrayList<String>();
        for (String text : List.of("one", "two", "fail")) {
            var message =
                    Map.of(
                            "message",
                            Map.of(
                                    "messageId",
                                    "m-" + text,
                                    "role",
                                    "ROLE_USER",
                                    "contextId",
                                    context,
                                    "parts",
                                    List.of(Map.of("text", text))));
            var sent =
                    a2a.post(
                            path,
                            A2aClient.rpc(1, "SendMessage", message),
                            "1.0",
                            owner.accessToken());
            assertThat(sent.json().at("/result/task/contextId").asText()).isEqualTo(context);
            ids.add(sent.json().at("/result/task/id").asText());
        }

        var first =
                a2a.post(
                        path,
                        A2aClient.rpc(4, "ListTasks", Map.of("contextId", context, "pageSize", 2)),
                        "1.0",
                        owner.accessToken());
        JsonNode page = first.json().get("result");
        assertThat(page.get("tasks").findValuesAsText("id"))
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(page.get("totalSize").asInt()).isEqualTo(3);
        assertThat(page.get("pageSize").asInt()).isEqualTo(2);
        assertThat(page.get("tasks").get(0).has("artifacts")).isFalse();
        var second =
                a2a.post(
                        path,
                        A2aClient.rpc(
                                5,
                                "ListTasks",
                                Map.of(
                                        "contextId",
                                        context,
                                        "pageSize",
                                        2,
                                        "pageToken",
                                        page.get("nextPageToken").asText(),
                                        "includeArtifacts",
                                        true)),
                        "1.0",
                        owner.accessToken());
        assertThat(second.json().at("/result/tasks").findValuesAsText("id"))
                .containsExactly(ids.get(0));
        assertThat(second.json().at("/result/nextPageToken").asText()).isEmpty();
        assertThat(second.json().at("/result/tasks/0/artifacts/0/parts/0/text").asText())
                .isEqualTo("echo: one");
        var failed =
                a2a.post(
                        path,
                        A2aClient.rpc(
                                6,
                                "ListTasks",
                                Map.of("contextId", context, "status", "TASK_STATE_FAILED")),
                        "1.0",
                        owner.accessToken());
        assertThat(failed.json().at("/result/tasks").findValuesAsText("id"))
                .containsExactly(ids.get(2));
        assertThat(failed.json().at("/result/tasks/0/status/message/parts/0/text").asText())
                .isEqualTo("it broke");
        // Another caller sees none of them.
        var stranger = new Users(node.uri()).signUp("a2a-lister");
        var theirs =
                a2a.post(
                        path,
                        A2aClient.rpc(7, "ListTasks", Map.of("contextId", context)),
                        "1.0",
                        stranger.accessToken());
        assertThat(theirs.json().at("/result/totalSize").asInt()).isZero();
        var notTheirs =
                a2a.post(
                        path,
                        A2aClient.rpc(8, "GetTask", Map.of("id", ids.get(0))),
                        "1.0",
                        stranger.accessToken());
        assertThat(notTheirs.json().at("/error/code").asInt()).isEqualTo(-32001);
        // Nor is a task read through another agent's door.
        var elsewhere =
                a2a.post(
                        "/a2a/" + mcp.id(),
                        A2aClient.rpc(9, "GetTask", Map.of("id", ids.get(0))),
                        "1.0",
                        owner.accessToken());
        assertThat(elsewhere.json().at("/error/code").asInt()).isEqualTo(-32001);
    }

    // ------------------------------------------------------------------ the node's own agent

    @Test
    void theNodesAgentFindsAgentsInTheDirectory() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            var found =
                                    a2a.post(
                                            "/a2a",
                                            A2aClient.rpc(
                                                    1,
                                                    "SendMessage",
                                                    A2aClient.message("gateway target")),
                                            "1.0",
                                            null);
                            JsonNode message = found.json().at("/result/message");
                            assertThat(message.get("role").asText())
                                    .as(found.toString())
                                    .isEqualTo("ROLE_AGENT");
                            assertThat(message.at("/parts/0/text").asText())
                                    .startsWith("Found 1 agent for 'gateway target'");
                            JsonNode agent = message.at("/parts/1/data/agents/0");
                            assertThat(agent.get("id").asText()).isEqualTo(streaming.id().value());
                            assertThat(agent.get("name").asText()).isEqualTo("Gateway target");
                            assertThat(agent.get("protocols").toString()).isEqualTo("[\"a2a\"]");
                            assertThat(agent.has("reputation")).isTrue();
                            assertThat(agent.get("verified").asBoolean()).isFalse();
                        });
        var legacy =
                a2a.post(
                        "/a2a",
                        A2aClient.rpc(
                                2,
                                "message/send",
                                Map.of(
                                        "message",
                                        Map.of(
                                                "kind",
                                                "message",
                                                "messageId",
                                                "m1",
                                                "role",
                                                "user",
                                                "parts",
                                                List.of(
                                                        Map.of(
                                                                "kind",
                                                                "data",
                                                                "data",
                                                                Map.of("protocol", "mcp")))))),
                        null,
                        null);
        assertThat(legacy.json().at("/result/kind").asText()).isEqualTo("message");
        assertThat(legacy.json().at("/result/parts/1/data/agents/0/id").asText())
                .isEqualTo(mcp.id().value());
        var bad =
                a2a.post(
                        "/a2a",
                        A2aClient.rpc(
                                3,
                                "SendMessage",
                                Map.of(
                                        "message",
                                        Map.of(
                                                "messageId",
                                                "m",
                                                "role",
                                                "ROLE_USER",
                                                "parts",
                                                List.of(
                                                        Map.of(
                                                                "data",
                                                                Map.of("protocol", "smtp")))))),
                        "1.0",
                        null);
        assertThat(bad.json().at("/error/code").asInt()).isEqualTo(-32602);
    }

    @Test
    void theNodesAgentForwardsWithTheCallersOwnAccess() {
        var forward =
                Map.of(
                        "message",
                        Map.of(
                                "messageId",
                                "m-fwd",
                                "role",
                                "ROLE_USER",
                                "parts",
                                List.of(Map.of("text", "via node")),
                                "metadata",
                                Map.of(
                                        "skill",
                                        "forward_message",
                                        "target_agent_id",
                                        mcp.id().value(),
                                        "target_skill",
                                        "echo")));

        var anonymous = a2a.post("/a2a", A2aClient.rpc(1, "SendMessage", forward), "1.0", null);
        var sent =
                a2a.post(
                        "/a2a",
                        A2aClient.rpc(2, "SendMessage", forward),
                        "1.0",
                        owner.accessToken());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer realm=\"peerclaw\"");
        JsonNode task = sent.json().at("/result/task");
        assertThat(task.at("/status/state").asText())
                .as(sent.toString())
                .isEqualTo("TASK_STATE_COMPLETED");
        assertThat(task.at("/artifacts/0/parts/0/text").asText()).isEqualTo("echo: via node");
        var got =
                a2a.post(
                        "/a2a",
                        A2aClient.rpc(3, "GetTask", Map.of("id", task.get("id").asText())),
                        "1.0",
                        owner.accessToken());
        assertThat(got.json().at("/result/id").asText()).isEqualTo(task.get("id").asText());
        var viaAgent =
                a2a.post(
                        "/a2a/" + mcp.id(),
                        A2aClient.rpc(4, "GetTask", Map.of("id", task.get("id").asText())),
                        "1.0",
                        owner.accessToken());
        assertThat(viaAgent.json().at("/result/id").asText()).isEqualTo(task.get("id").asText());
        var nowhere =
                a2a.post(
                        "/a2a",
                        A2aClient.rpc(
                                5,
                                "SendMessage",
                                Map.of(
                                        "message",
                                        Map.of(
                                                "messageId",
                                                "m",
                                                "role",
                                                "ROLE_USER",
                                                "parts",
                                                List.of(Map.of("text", "x")),
                                                "metadata",
                                                Map.of(
                                                        "target_agent_id",
                                                        node.newAgent().id().value())))),
                        "1.0",
                        owner.accessToken());
        assertThat(nowhere.json().at("/error/code").asInt()).isEqualTo(-32602);
    }
}
