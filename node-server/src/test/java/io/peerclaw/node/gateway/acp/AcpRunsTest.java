package io.peerclaw.node.gateway.acp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.fixtures.TestGateway;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ACP's use cases over the real gateway, with a scripted agent. */
class AcpRunsTest {
    static final String CLIENT = "192.0.2.10";

    TestGateway gateway;
    AcpRuns runs;
    AgentId agent;
    Caller.User user = TestGateway.user();

    @BeforeEach
    void start() {
        gateway = TestGateway.start(Map.of());
        runs = new AcpRuns(gateway.gateway());
        agent = gateway.register("echo", "a2a");
        gateway.script(
                (request, skill, listener) ->
                        CallResult.completed(
                                List.of(
                                        new Artifact(
                                                "a1",
                                                "answer",
                                                List.of(new Part.Text("echo: " + request.text())))),
                                "remote-1"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    static byte[] body(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    byte[] create(String mode, String text) {
        return body(
                "{'agent_name':'"
                        + agent
                        + "','mode':'"
                        + mode
                        + "','input':[{'role':'user','parts':[{'content_type':'text/plain','content':'"
                        + text
                        + "'}]}]}");
    }

    static void refused(ThrowingCallable call, int status, String code, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        AcpError.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(status);
                            assertThat(e.code().wire()).isEqualTo(code);
                        })
                .hasMessageContaining(message);
    }

    @Test
    void aSyncRunAnswersWithTheAgentsAnswer() {
        var started = runs.create(user, CLIENT, create("sync", "hi"));
        var run = runs.answer(started);

        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("run_id").asText()).isEqualTo(started.runId().toString());
        assertThat(run.at("/output/0/parts/0/content").asText()).isEqualTo("echo: hi");
        assertThat(gateway.calls().getFirst().parts()).containsExactly(new Part.Text("hi"));
        assertThat(gateway.calls().getFirst().skill()).isNull();
    }

    @Test
    void anAsyncRunIsCreatedAndFinishesInTheBackground() throws Exception {
        var release = new CountDownLatch(1);
        gateway.script(
                (request, skill, listener) -> {
                    release.await(10, TimeUnit.SECONDS);
                    return CallResult.completed(
                            List.of(new Artifact("a", null, List.of(new Part.Text("late")))), null);
                });
        var started = runs.create(user, CLIENT, create("async", "hi"));

        assertThat(runs.answer(started).get("status").asText()).isEqualTo("created");
        assertThat(runs.run(user, CLIENT, started.runId().toString()).get("status").asText())
                .isIn("created", "in-progress");
        release.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                runs.run(user, CLIENT, started.runId().toString())
                                        .get("status")
                                        .asText()
                                        .equals("completed"));
        assertThat(
                        runs.run(user, CLIENT, started.runId().toString())
                                .at("/output/0/parts/0/content")
                                .asText())
                .isEqualTo("late");
    }

    @Test
    void aStreamDeliversEachChunkBeforeTheAgentSendsTheNext() throws Exception {
        var events = new CopyOnWriteArrayList<ObjectNode>();
        var firstDelivered = new CountDownLatch(1);
        gateway.script(
                (request, skill, listener) -> {
                    var first = new Artifact("a", "answer", List.of(new Part.Text("one ")));
                    listener.on(new CallEvent.ArtifactChunk(first, false, false));
                    // The next chunk comes only once the client has the first one.
                    if (!firstDelivered.await(10, TimeUnit.SECONDS)) {
                        return CallResult.failed(
                                new io.peerclaw.node.gateway.CallError(
                                        io.peerclaw.node.gateway.CallError.Kind.TIMEOUT,
                                        "the first chunk never reached the client"));
                    }
                    listener.on(
                            new CallEvent.StatusChanged(
                                    CallState.WORKING, List.of(new Part.Text("halfway"))));
                    var second = new Artifact("a", "answer", List.of(new Part.Text("two")));
                    listener.on(new CallEvent.ArtifactChunk(second, true, true));
                    return CallResult.completed(List.of(), "remote-1");
                });
        var started = runs.create(user, CLIENT, create("stream", "stream please"));

        runs.stream(
                started,
                new LiveRun.Sink() {
                    @Override
                    public void event(ObjectNode event) {
                        events.add(event);
                        if ("message.part".equals(event.get("type").asText())) {
                            firstDelivered.countDown();
                        }
                    }

                    @Override
                    public void keepAlive() {}

                    @Override
                    public boolean clientLeft() {
                        return false;
                    }
                },
                Duration.ofSeconds(1));

        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "run.created",
                        "run.in-progress",
                        "message.created",
                        "message.part",
                        "generic",
                        "message.part",
                        "message.completed",
                        "run.completed");
        assertThat(events.get(3).at("/part/content").asText()).isEqualTo("one ");
        assertThat(events.get(3).at("/part/name").asText()).isEqualTo("answer");
        assertThat(events.get(4).at("/generic/message").asText()).isEqualTo("halfway");
        assertThat(events.get(5).at("/part/content").asText()).isEqualTo("two");
        assertThat(events.get(6).at("/message/parts")).hasSize(2);
        assertThat(events.getLast().at("/run/output/0/parts/1/content").asText()).isEqualTo("two");
        assertThat(started.live()).isNotNull();
    }

    @Test
    void aStreamOfAnAgentThatDoesNotStreamStillCarriesTheAnswer() {
        var events = new CopyOnWriteArrayList<ObjectNode>();
        var started = runs.create(user, CLIENT, create("stream", "hi"));

        runs.stream(started, sink(events), Duration.ofSeconds(1));

        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "run.created",
                        "run.in-progress",
                        "message.created",
                        "message.part",
                        "message.completed",
                        "run.completed");
        assertThat(events.get(3).at("/part/content").asText()).isEqualTo("echo: hi");
    }

    @Test
    void anAwaitingRunIsResumedWithTheCallersAnswer() {
        gateway.script(
                (request, skill, listener) ->
                        request.remoteTaskId() == null
                                ? new CallResult(
                                        CallState.INPUT_REQUIRED,
                                        List.of(),
                                        List.of(new Part.Text("what is your name?")),
                                        "remote-7",
                                        null)
                                : CallResult.completed(
                                        List.of(
                                                new Artifact(
                                                        "a",
                                                        null,
                                                        List.of(
                                                                new Part.Text(
                                                                        "hello "
                                                                                + request
                                                                                        .text())))),
                                        "remote-7"));
        var first = runs.answer(runs.create(user, CLIENT, create("sync", "ask")));
        String id = first.get("run_id").asText();

        assertThat(first.get("status").asText()).isEqualTo("awaiting");
        assertThat(first.at("/await_request/message/parts/0/content").asText())
                .isEqualTo("what is your name?");

        var resumed =
                runs.answer(
                        runs.resume(
                                user,
                                CLIENT,
                                id,
                                body(
                                        "{'await_resume':{'type':'message','message':{'role':'user',"
                                            + "'parts':[{'content':'Ada'}]}},'mode':'sync'}")));

        assertThat(resumed.get("run_id").asText()).isEqualTo(id);
        assertThat(resumed.get("status").asText()).isEqualTo("completed");
        assertThat(resumed.at("/output/0/parts/0/content").asText()).isEqualTo("hello Ada");
        assertThat(gateway.calls().getLast().remoteTaskId()).isEqualTo("remote-7");
        assertThat(runs.events(user, CLIENT, id).get("events"))
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "run.created",
                        "run.in-progress",
                        "run.awaiting",
                        "run.in-progress",
                        "message.created",
                        "message.part",
                        "message.completed",
                        "run.completed");
        refused(
                () ->
                        runs.resume(
                                user,
                                CLIENT,
                                id,
                                body(
                                        "{'await_resume':{'type':'message','message':{'parts':[{'content':'x'}]}},'mode':'sync'}")),
                403,
                "invalid_input",
                "is completed, not awaiting");
    }

    @Test
    void aRunningRunIsCancelledAtOnceAndAFinishedOneCannotBe() {
        var running = new CountDownLatch(1);
        gateway.script(
                (request, skill, listener) -> {
                    running.countDown();
                    Thread.sleep(Duration.ofSeconds(30));
                    return CallResult.completed(List.of(), null);
                });
        var started = runs.create(user, CLIENT, create("async", "wait"));
        String id = started.runId().toString();
        await().atMost(Duration.ofSeconds(5)).until(() -> running.getCount() == 0);

        var cancelled = runs.cancel(user, CLIENT, id);

        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.has("finished_at")).isTrue();
        assertThat(runs.run(user, CLIENT, id).get("status").asText()).isEqualTo("cancelled");
        refused(() -> runs.cancel(user, CLIENT, id), 403, "invalid_input", "is cancelled");
    }

    @ParameterizedTest
    @CsvSource({
        "00000000-0000-0000-0000-000000000000",
        "not-a-run",
        "7C1A3FB8-0000-4000-8000-000000000001"
    })
    void anUnknownRunIsNotFound(String id) {
        refused(() -> runs.run(user, CLIENT, id), 404, "not_found", "Run " + id + " not found");
        refused(() -> runs.events(user, CLIENT, id), 404, "not_found", "not found");
        refused(() -> runs.cancel(user, CLIENT, id), 404, "not_found", "not found");
        refused(
                () ->
                        runs.resume(
                                user,
                                CLIENT,
                                id,
                                body(
                                        "{'await_resume':{'type':'message','message':{'parts':[{'content':'x'}]}}}")),
                404,
                "not_found",
                "not found");
    }

    @Test
    void aRunBelongsToItsCaller() {
        String id =
                runs.answer(runs.create(user, CLIENT, create("sync", "hi"))).get("run_id").asText();

        refused(() -> runs.run(TestGateway.user(), CLIENT, id), 404, "not_found", "not found");
        refused(() -> runs.cancel(TestGateway.user(), CLIENT, id), 404, "not_found", "not found");
        assertThat(runs.run(user, "198.51.100.1", id).get("status").asText())
                .isEqualTo("completed");
    }

    @Test
    void theSessionIsTheCallsContext() {
        String session = UUID.randomUUID().toString();
        var run =
                runs.answer(
                        runs.create(
                                user,
                                CLIENT,
                                body(
                                        "{'agent_name':'"
                                                + agent
                                                + "','session_id':'"
                                                + session
                                                + "','input':[{'parts':[{'content':'hi'}]}]}")));

        assertThat(run.get("session_id").asText()).isEqualTo(session);
        assertThat(gateway.calls().getFirst().contextId()).hasToString(session);
    }

    @Test
    void aTrajectoryPartPicksTheTool() {
        gateway.skills(
                List.of(
                        new Skill(
                                "weather",
                                null,
                                "a forecast",
                                List.of(),
                                Json.mapper().createObjectNode().put("type", "object"),
                                null)));
        var run =
                runs.answer(
                        runs.create(
                                user,
                                CLIENT,
                                body(
                                        "{'agent_name':'"
                                                + agent
                                                + "','input':[{'parts':[{'content_type':'application/json',"
                                                + "'content':'{\\'city\\':\\'Oslo\\'}',"
                                                + "'metadata':{'kind':'trajectory','tool_name':'weather'}}]}]}")));

        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(gateway.calls().getFirst().skill()).isEqualTo("weather");
        assertThat(gateway.calls().getFirst().parts())
                .containsExactly(
                        new Part.Data(Json.mapper().createObjectNode().put("city", "Oslo")));
    }

    @Test
    void anUnknownToolFailsTheRunAsNotFound() {
        gateway.skills(
                List.of(
                        new Skill(
                                "weather",
                                null,
                                "",
                                List.of(),
                                Json.mapper().createObjectNode().put("type", "object"),
                                null)));
        var run =
                runs.answer(
                        runs.create(
                                user,
                                CLIENT,
                                body(
                                        "{'agent_name':'"
                                                + agent
                                                + "','input':[{'parts':[{'content':'x',"
                                                + "'metadata':{'kind':'trajectory','tool_name':'nope'}}]}]}")));

        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.at("/error/code").asText()).isEqualTo("not_found");
        assertThat(run.at("/error/message").asText()).contains("'nope'", "weather");
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void aCallerBeyondTheLimitIsToldWhenToComeBack() {
        gateway.close();
        gateway = TestGateway.start(Map.of("invoke.user_per_hour", "1"));
        runs = new AcpRuns(gateway.gateway());
        agent = gateway.register("echo", "a2a");
        runs.answer(runs.create(user, CLIENT, create("sync", "one")));

        assertThatThrownBy(() -> runs.create(user, CLIENT, create("sync", "two")))
                .isInstanceOfSatisfying(
                        AcpError.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(429);
                            assertThat(e.headers()).containsKey("Retry-After");
                            assertThat(e.body().at("/data/reason").asText())
                                    .isEqualTo("rate_limited");
                        });
    }

    @Test
    void anonymousCallersNeedTheOwnersPlayground() {
        assertThatThrownBy(() -> runs.create(Caller.ANONYMOUS, CLIENT, create("sync", "hi")))
                .isInstanceOfSatisfying(
                        AcpError.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(401);
                            assertThat(e.code()).isEqualTo(AcpError.Code.INVALID_INPUT);
                            assertThat(e.headers()).containsKey("WWW-Authenticate");
                            assertThat(e.body().at("/data/reason").asText())
                                    .isEqualTo("auth_error");
                        });
        assertThat(gateway.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    ""                                                      | a JSON body is required
                    [1]                                                     | must be a JSON object
                    {                                                       | the body is not JSON
                    {'input':[{'parts':[{'content':'x'}]}]}                 | agent_name is required
                    {'agent_name':7,'input':[{'parts':[{'content':'x'}]}]}  | agent_name is required
                    {'agent_name':'AGENT'}                                  | input must be a non-empty array
                    {'agent_name':'AGENT','input':[{'parts':[]}]}           | input has no content
                    {'agent_name':'AGENT','mode':'fast','input':[{'parts':[{'content':'x'}]}]} | mode must be sync, async or stream
                    {'agent_name':'AGENT','session_id':'s1','input':[{'parts':[{'content':'x'}]}]} | session_id must be a UUID
                    {'agent_name':'AGENT','session_id':7,'input':[{'parts':[{'content':'x'}]}]} | session_id must be a UUID
                    """)
    void badRunRequestsAreInvalidInput(String json, String message) {
        byte[] bytes = body(json.replace("AGENT", agent.value()));

        refused(() -> runs.create(user, CLIENT, bytes), 400, "invalid_input", message);
        assertThat(gateway.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"nosuchagent", "abcdefghijklmnopqrstuvwxyz234567"})
    void anUnknownAgentIsNotFound(String name) {
        refused(
                () ->
                        runs.create(
                                user,
                                CLIENT,
                                body(
                                        "{'agent_name':'"
                                                + name
                                                + "','input':[{'parts':[{'content':'x'}]}]}")),
                404,
                "not_found",
                name);
        refused(
                () -> runs.agent(user, CLIENT, name),
                404,
                "not_found",
                "Agent " + name + " not found");
    }

    @Test
    void theListingIsPagedByLimitAndOffset() {
        gateway.register("second", "mcp");
        gateway.register("third", "acp");

        JsonNode all = runs.agents(user, Optional.empty(), Optional.empty()).get("agents");
        JsonNode two = runs.agents(user, Optional.of("2"), Optional.empty()).get("agents");
        JsonNode rest = runs.agents(user, Optional.of("2"), Optional.of("2")).get("agents");

        assertThat(all.findValuesAsText("display_name")).containsExactly("echo", "second", "third");
        assertThat(two).hasSize(2);
        assertThat(rest.findValuesAsText("display_name")).containsExactly("third");
        assertThat(all.get(0).get("name").asText()).isEqualTo(agent.value());
    }

    @ParameterizedTest
    @CsvSource({"0,", "1001,", "x,", ",-1", ",abc", "2.5,"})
    void badPagingIsInvalidInput(String limit, String offset) {
        refused(
                () -> runs.agents(user, Optional.ofNullable(limit), Optional.ofNullable(offset)),
                400,
                "invalid_input",
                "must be a whole number");
    }

    @Test
    void aManifestDescribesTheAgentWithoutItsSecrets() {
        var manifest = runs.agent(user, CLIENT, agent.value());

        assertThat(manifest.get("name").asText()).isEqualTo(agent.value());
        assertThat(manifest.get("description").asText()).isEqualTo("test agent echo");
        assertThat(manifest.get("input_content_types"))
                .extracting(JsonNode::asText)
                .containsExactly("text/plain", "application/json");
        assertThat(manifest.get("output_content_types")).hasSize(2);
        assertThat(manifest.at("/metadata/display_name").asText()).isEqualTo("echo");
        assertThat(manifest.at("/metadata/protocol").asText()).isEqualTo("a2a");
        assertThat(manifest.at("/metadata/capabilities/0/name").asText()).isEqualTo("echo");
        assertThat(manifest.at("/metadata/capabilities")).hasSize(1);
        assertThat(manifest.at("/metadata/tags/0").asText()).isEqualTo("chat");
        assertThat(manifest.at("/metadata/created_at").asText()).endsWith("Z");
        assertThat(manifest.toString()).doesNotContain("secret-for-owner", "agents.example.com");
    }

    private static LiveRun.Sink sink(List<ObjectNode> events) {
        return new LiveRun.Sink() {
            @Override
            public void event(ObjectNode event) {
                events.add(event);
            }

            @Override
            public void keepAlive() {}

            @Override
            public boolean clientLeft() {
                return false;
            }
        };
    }
}
