package io.peerclaw.node.gateway.connect;

import static io.peerclaw.node.gateway.connect.Targets.continuing;
import static io.peerclaw.node.gateway.connect.Targets.request;
import static io.peerclaw.node.gateway.connect.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.NodeAgents;
import io.peerclaw.node.gateway.AgentConnector.Skills;
import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.CallListener;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.net.AddressPolicy;
import io.peerclaw.node.net.Cidr;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.shared.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The connectors against real agents in Node.js: an A2A 1.0 agent and an MCP server made with the
 * official SDKs ({@code @a2a-js/sdk} 1.3.0, {@code @modelcontextprotocol/sdk} 1.32.2, pinned in
 * {@code src/test/resources/gateway-agents/package-lock.json}), a 0.3-only A2A server and an ACP
 * 0.2 server written for the tests (no official ACP server exists in JavaScript).
 *
 * <p>Needs Node.js 20+ and the npm registry (or an installed {@code target/gateway-agents});
 * skipped when {@code node} is not installed.
 */
class ConnectorsIT {
    private static final Duration PATIENT = Duration.ofSeconds(15);

    private static NodeAgents agents;
    private static NodeAgents.Agent a2a;
    private static NodeAgents.Agent legacy;
    private static NodeAgents.Agent mcp;
    private static NodeAgents.Agent acp;
    private static OutboundHttp outbound;
    private static Connectors connectors;

    @BeforeAll
    static void startTheAgents() throws IOException, InterruptedException {
        assumeTrue(NodeAgents.nodeInstalled(), "node is not installed; these need Node.js 20+");
        agents =
                NodeAgents.install(
                        "gateway-agents",
                        List.of(
                                "a2a-agent.mjs",
                                "a2a-legacy-agent.mjs",
                                "mcp-agent.mjs",
                                "acp-agent.mjs"),
                        "@modelcontextprotocol/sdk",
                        "@a2a-js/sdk",
                        "express");
        a2a = agents.start("a2a-agent.mjs");
        legacy = agents.start("a2a-legacy-agent.mjs");
        mcp = agents.start("mcp-agent.mjs");
        acp = agents.start("acp-agent.mjs");
        outbound =
                OutboundHttp.create(
                        new AddressPolicy(List.of(Cidr.of("127.0.0.1/32"))), Connectors.POOL);
        connectors = Connectors.create(outbound);
    }

    @AfterAll
    static void stopTheAgents() {
        if (outbound != null) {
            outbound.close();
        }
        if (agents != null) {
            agents.close();
        }
    }

    /** Events with the time they arrived. */
    record Heard(CallEvent event, long nanos) {}

    static final class Recorder implements CallListener {
        final List<Heard> heard = new CopyOnWriteArrayList<>();

        @Override
        public void on(CallEvent event) {
            heard.add(new Heard(event, System.nanoTime()));
        }

        List<CallEvent.ArtifactChunk> chunks() {
            return heard.stream()
                    .map(Heard::event)
                    .filter(CallEvent.ArtifactChunk.class::isInstance)
                    .map(CallEvent.ArtifactChunk.class::cast)
                    .toList();
        }

        long firstChunkNanos() {
            return heard.stream()
                    .filter(h -> h.event() instanceof CallEvent.ArtifactChunk)
                    .findFirst()
                    .orElseThrow()
                    .nanos();
        }
    }

    private static Skill skill(String name) {
        return new Skill(name, name, "", List.of(), CardSkills.messageSchema("it"), null);
    }

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Nested
    class A2a {
        @Test
        void callsTheInterfaceTheCardNamesAndWaitsForTheTask() {
            var target = target("a2a", a2a.url("/"));

            CallResult result =
                    connectors.call(
                            target,
                            request(new Part.Text("hi"), new Part.Data(json("{\"a\":1}"))),
                            skill("echo"),
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(result.error()).isNull();
            assertThat(result.state()).isEqualTo(CallState.COMPLETED);
            assertThat(result.text()).isEqualTo("echo: hi");
            assertThat(result.remoteTaskId()).isNotBlank();
            Artifact artifact = result.artifacts().getFirst();
            assertThat(artifact.name()).isEqualTo("answer");
            assertThat(artifact.parts().get(1))
                    .isEqualTo(
                            new Part.Data(
                                    json(
                                            "{\"skill\":\"echo\",\"tool\":\"echo\","
                                                    + "\"parts\":[\"text\",\"data\"]}")));
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () -> assertThat(a2a.log()).contains("REQ POST /a2a/jsonrpc 1.0"));
        }

        @Test
        void streamsArtifactChunksAsTheAgentSendsThem() {
            var recorder = new Recorder();

            CallResult result =
                    connectors.call(
                            target("a2a", a2a.url("/a2a/jsonrpc")),
                            request(new Part.Text("stream please")),
                            null,
                            PATIENT,
                            recorder);
            long end = System.nanoTime();

            assertThat(result.state()).isEqualTo(CallState.COMPLETED);
            assertThat(result.text()).isEqualTo("one two three");
            assertThat(result.artifacts()).hasSize(1);
            assertThat(recorder.chunks())
                    .extracting(chunk -> Part.text(chunk.artifact().parts()))
                    .containsExactly("one ", "two ", "three");
            assertThat(recorder.chunks())
                    .extracting(CallEvent.ArtifactChunk::append)
                    .containsExactly(false, true, true);
            // Two more chunks come 400 ms apart after the first: it was delivered, not buffered.
            assertThat(Duration.ofNanos(end - recorder.firstChunkNanos()))
                    .isGreaterThan(Duration.ofMillis(600));
            assertThat(recorder.heard)
                    .extracting(Heard::event)
                    .contains(new CallEvent.StatusChanged(CallState.WORKING, List.of()));
        }

        @Test
        void continuesATaskThatAskedForInput() {
            var target = target("a2a", a2a.url("/"));

            CallResult asked =
                    connectors.call(
                            target,
                            request(new Part.Text("ask")),
                            null,
                            PATIENT,
                            CallListener.IGNORE);
            CallResult answered =
                    connectors.call(
                            target,
                            continuing(asked.remoteTaskId(), new Part.Text("Ada")),
                            null,
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(asked.state()).isEqualTo(CallState.INPUT_REQUIRED);
            assertThat(asked.statusMessage()).containsExactly(new Part.Text("what is your name?"));
            assertThat(answered.state()).isEqualTo(CallState.COMPLETED);
            assertThat(answered.text()).isEqualTo("hello Ada");
        }

        @Test
        void aFailedTaskIsTheAgentsError() {
            CallResult result =
                    connectors.call(
                            target("a2a", a2a.url("/")),
                            request(new Part.Text("fail")),
                            null,
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(result.state()).isEqualTo(CallState.FAILED);
            assertThat(result.error().kind()).isEqualTo(Kind.AGENT_ERROR);
            assertThat(result.error().message()).isEqualTo("it broke");
        }

        @Test
        void aTimedOutStreamKeepsTheTaskToCancel() {
            var target = target("a2a", a2a.url("/"));
            long start = System.nanoTime();

            CallResult result =
                    connectors.call(
                            target,
                            request(new Part.Text("wait")),
                            null,
                            Duration.ofSeconds(1),
                            new Recorder());

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(result.state()).isEqualTo(CallState.FAILED);
            assertThat(result.error().kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(result.remoteTaskId()).isNotBlank();
            assertThat(connectors.cancel(target, result.remoteTaskId(), PATIENT)).isTrue();
            assertThat(connectors.cancel(target, "no-such-task", PATIENT)).isTrue();
        }

        @Test
        void fallsBackTo03WhenTheAgentRefuses10() {
            var target = target("a2a", legacy.url("/bare"));

            CallResult first =
                    connectors.call(
                            target,
                            request(new Part.Text("hi")),
                            null,
                            PATIENT,
                            CallListener.IGNORE);
            CallResult second =
                    connectors.call(
                            target,
                            request(new Part.Text("again")),
                            null,
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(first.state()).isEqualTo(CallState.COMPLETED);
            assertThat(first.text()).isEqualTo("legacy: hi");
            assertThat(second.text()).isEqualTo("legacy: again");
            // One refused 1.0 attempt, then 0.3 (blocking) only: the fallback is remembered. The
            // agent prints a request line as it reads the request; that line may reach our reader
            // thread after the answer reached the connector, so wait for it briefly.
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () ->
                                    assertThat(legacy.log())
                                            .filteredOn(line -> line.startsWith("REQ POST /bare"))
                                            .containsExactly(
                                                    "REQ POST /bare SendMessage 1.0",
                                                    "REQ POST /bare message/send -",
                                                    "REQ POST /bare message/send -"));
            assertThat(legacy.log()).doesNotContain("NOT BLOCKING");
        }

        @Test
        void speaks03AndStreamsWhenTheCardSaysSo() {
            var recorder = new Recorder();

            CallResult result =
                    connectors.call(
                            target("a2a", legacy.url("/v03")),
                            request(new Part.Text("stream")),
                            null,
                            PATIENT,
                            recorder);

            assertThat(result.state()).isEqualTo(CallState.COMPLETED);
            assertThat(result.text()).isEqualTo("one two three");
            assertThat(recorder.chunks()).hasSize(3);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () ->
                                    assertThat(legacy.log())
                                            .contains("REQ POST /v03 message/stream -"));
        }
    }

    @Nested
    class Mcp {
        @Test
        void listsEveryPageOfTools() {
            var skills = connectors.skills(target("mcp", mcp.url("/mcp")), PATIENT);

            assertThat(skills).isInstanceOf(Skills.Listed.class);
            List<Skill> tools = ((Skills.Listed) skills).skills();
            assertThat(tools)
                    .extracting(Skill::name)
                    .containsExactly("echo", "weather", "progress", "picture");
            assertThat(tools.getFirst().title()).isEqualTo("Echo");
            assertThat(tools.getFirst().inputSchema().path("required").get(0).asText())
                    .isEqualTo("text");
            assertThat(tools.get(1).outputSchema()).isNotNull();
        }

        @Test
        void putsTheTextIntoTheOneStringArgument() {
            var target = target("mcp", mcp.url("/mcp"));

            CallResult result =
                    connectors.call(
                            target,
                            request(new Part.Text("hi")),
                            tool(target, "echo"),
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(result.state()).isEqualTo(CallState.COMPLETED);
            assertThat(result.text()).isEqualTo("echo: hi");
            assertThat(result.artifacts().getFirst().name()).isEqualTo("echo");
        }

        @Test
        void passesADataPartAsArgumentsAndReturnsStructuredContent() {
            var target = target("mcp", mcp.url("/mcp-json"));

            CallResult result =
                    connectors.call(
                            target,
                            request(new Part.Data(json("{\"city\":\"Oslo\",\"days\":2}"))),
                            tool(target, "weather"),
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(result.state()).isEqualTo(CallState.COMPLETED);
            assertThat(result.artifacts().getFirst().parts())
                    .last()
                    .isEqualTo(new Part.Data(json("{\"city\":\"Oslo\",\"celsius\":[20,21]}")));
        }

        @Test
        void mapsImagesAndLinks() {
            var target = target("mcp", mcp.url("/mcp"));

            CallResult result =
                    connectors.call(
                            target,
                            request(new Part.Text("")),
                            tool(target, "picture"),
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(result.artifacts().getFirst().parts())
                    .containsExactly(
                            new Part.FileBytes("iVBORw0KGgo=", "image/png", null),
                            new Part.FileUrl(
                                    "https://example.com/big.png", "image/png", "big.png"));
        }

        @Test
        void refusesMessagesThatDoNotFitAndToolsItDoesNotHave() {
            var target = target("mcp", mcp.url("/mcp"));

            CallResult misfit =
                    connectors.call(
                            target,
                            request(new Part.Text("Oslo")),
                            tool(target, "weather"),
                            PATIENT,
                            CallListener.IGNORE);
            CallResult unnamed =
                    connectors.call(
                            target,
                            request(new Part.Text("hi")),
                            null,
                            PATIENT,
                            CallListener.IGNORE);
            CallResult unknown =
                    connectors.call(
                            target,
                            request(new Part.Text("hi")),
                            new Skill(
                                    "nope",
                                    null,
                                    "",
                                    List.of(),
                                    json(
                                            "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}"),
                                    null),
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(misfit.error().kind()).isEqualTo(Kind.BAD_ARGUMENTS);
            assertThat(misfit.error().message()).contains("city").contains("days");
            assertThat(unnamed.error().kind()).isEqualTo(Kind.UNKNOWN_TOOL);
            assertThat(unnamed.error().message()).contains("echo, picture, progress, weather");
            assertThat(unknown.error().kind()).isEqualTo(Kind.UNKNOWN_TOOL);
        }

        @Test
        void forwardsProgressWhileTheToolRuns() {
            var target = target("mcp", mcp.url("/mcp"));
            var recorder = new Recorder();

            CallResult result =
                    connectors.call(
                            target,
                            request(new Part.Text("x")),
                            tool(target, "progress"),
                            PATIENT,
                            recorder);

            assertThat(result.text()).isEqualTo("done: x");
            assertThat(recorder.heard)
                    .extracting(Heard::event)
                    .containsExactly(
                            new CallEvent.StatusChanged(
                                    CallState.WORKING, List.of(new Part.Text("step 1"))),
                            new CallEvent.StatusChanged(
                                    CallState.WORKING, List.of(new Part.Text("step 2"))));
        }

        @Test
        void keepsOneSessionAndOpensAnotherWhenTheServerForgetsIt() {
            var target = target("mcp", mcp.url("/mcp"));
            Skill echo = tool(target, "echo");
            long before = initializes();

            var first =
                    connectors.call(
                            target,
                            request(new Part.Text("1")),
                            echo,
                            PATIENT,
                            CallListener.IGNORE);
            var second =
                    connectors.call(
                            target,
                            request(new Part.Text("2")),
                            echo,
                            PATIENT,
                            CallListener.IGNORE);
            long afterTwo = initializes();
            assertThat(outbound.postJson(mcp.url("/forget"), new byte[] {'{', '}'}, PATIENT, 4096))
                    .isInstanceOf(io.peerclaw.node.net.OutboundResult.Success.class);
            var third =
                    connectors.call(
                            target,
                            request(new Part.Text("3")),
                            echo,
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(List.of(first.text(), second.text(), third.text()))
                    .containsExactly("echo: 1", "echo: 2", "echo: 3");
            assertThat(afterTwo - before).isZero(); // tool() opened the session already
            assertThat(initializes() - afterTwo).isEqualTo(1);
            assertThat(mcp.log())
                    .anyMatch(
                            line ->
                                    line.startsWith("REQ POST /mcp tools/call ")
                                            && line.endsWith(" 2025-11-25"));
        }

        private long initializes() {
            return mcp.log().stream()
                    .filter(line -> line.startsWith("REQ POST /mcp initialize"))
                    .count();
        }

        private static Skill tool(AgentTarget target, String name) {
            var skills = (Skills.Listed) connectors.skills(target, PATIENT);
            return skills.skills().stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Nested
    class Acp {
        @Test
        void runsTheServersOnlyAgentInSyncMode() {
            CallResult result =
                    connectors.call(
                            target("acp", acp.url("/solo/")),
                            request(new Part.Text("hi"), new Part.Data(json("{\"k\":true}"))),
                            null,
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(result.error()).isNull();
            assertThat(result.state()).isEqualTo(CallState.COMPLETED);
            assertThat(result.artifacts().getFirst().parts())
                    .containsExactly(
                            new Part.Text("echo: hi"), new Part.Data(json("{\"k\":true}")));
            assertThat(acp.log()).anyMatch(line -> line.startsWith("RUN echo sync "));
        }

        @Test
        void streamsPartsAndKeepsNamedPartsApart() {
            var recorder = new Recorder();

            CallResult result =
                    connectors.call(
                            target("acp", acp.url("/multi")),
                            request(new Part.Text("hi")),
                            skill("echo"),
                            PATIENT,
                            recorder);
            long end = System.nanoTime();

            assertThat(result.state()).isEqualTo(CallState.COMPLETED);
            assertThat(result.artifacts())
                    .extracting(Artifact::name, a -> Part.text(a.parts()))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(null, "one two three"),
                            org.assertj.core.groups.Tuple.tuple("summary", "3 words"));
            assertThat(recorder.chunks()).hasSize(4);
            assertThat(recorder.chunks().getFirst().artifact().artifactId())
                    .isEqualTo(result.artifacts().getFirst().artifactId());
            assertThat(Duration.ofNanos(end - recorder.firstChunkNanos()))
                    .isGreaterThan(Duration.ofMillis(600));
        }

        @Test
        void resumesAnAwaitingRun() {
            var target = target("acp", acp.url("/multi"));

            CallResult asked =
                    connectors.call(
                            target,
                            request(new Part.Text("hi")),
                            skill("asker"),
                            PATIENT,
                            CallListener.IGNORE);
            CallResult answered =
                    connectors.call(
                            target,
                            continuing(asked.remoteTaskId(), new Part.Text("Ada")),
                            null,
                            PATIENT,
                            new Recorder());

            assertThat(asked.state()).isEqualTo(CallState.INPUT_REQUIRED);
            assertThat(asked.statusMessage()).containsExactly(new Part.Text("what is your name?"));
            assertThat(answered.state()).isEqualTo(CallState.COMPLETED);
            assertThat(answered.text()).isEqualTo("hello Ada");
        }

        @Test
        void cancelsAnAwaitingRunAndKnowsUnknownOnes() {
            var target = target("acp", acp.url("/multi"));
            CallResult asked =
                    connectors.call(
                            target,
                            request(new Part.Text("hi")),
                            skill("asker"),
                            PATIENT,
                            CallListener.IGNORE);

            CallResult unknown =
                    connectors.call(
                            target,
                            continuing("00000000-0000-0000-0000-000000000000", new Part.Text("x")),
                            null,
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(connectors.cancel(target, asked.remoteTaskId(), PATIENT)).isTrue();
            assertThat(unknown.error().kind()).isEqualTo(Kind.UNKNOWN_TASK);
        }

        @Test
        void namesAnAgentTheServerDoesNotHave() {
            CallResult result =
                    connectors.call(
                            target("acp", acp.url("/multi")),
                            request(new Part.Text("hi")),
                            skill("nobody"),
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(result.error().kind()).isEqualTo(Kind.UNKNOWN_TOOL);
            assertThat(result.error().message()).contains("nobody");
        }
    }

    @Nested
    class Failures {
        @Test
        void aSlowAgentTimesOut() {
            long start = System.nanoTime();

            CallResult result =
                    connectors.call(
                            target("acp", acp.url("/multi")),
                            request(new Part.Text("hi")),
                            skill("sleepy"),
                            Duration.ofMillis(800),
                            CallListener.IGNORE);

            assertThat(result.error().kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(4));
        }

        @Test
        void aClosedPortIsUnreachable() throws IOException {
            int closed = NodeAgents.freePort();
            for (String protocol : List.of("a2a", "mcp", "acp")) {
                CallResult result =
                        connectors.call(
                                target(protocol, "http://127.0.0.1:" + closed + "/x"),
                                request(new Part.Text("hi")),
                                skill("x"),
                                PATIENT,
                                CallListener.IGNORE);

                assertThat(result.error().kind()).as(protocol).isEqualTo(Kind.UNREACHABLE);
            }
        }

        @Test
        void anAnswerThatIsNotTheProtocolIsABadResponse() {
            for (var target :
                    List.of(
                            target("acp", acp.url("/garbage")),
                            target("mcp", acp.url("/garbage/runs")),
                            target("a2a", legacy.url("/garbage")))) {
                CallResult result =
                        connectors.call(
                                target,
                                request(new Part.Text("hi")),
                                skill("x"),
                                PATIENT,
                                CallListener.IGNORE);

                assertThat(result.error().kind())
                        .as(target.protocol())
                        .isEqualTo(Kind.BAD_RESPONSE);
            }
        }

        @Test
        void anEndpointOutsideThePolicyIsUnreachable() {
            CallResult result =
                    connectors.call(
                            target("mcp", "http://10.1.2.3/mcp"),
                            request(new Part.Text("hi")),
                            skill("x"),
                            PATIENT,
                            CallListener.IGNORE);

            assertThat(result.error().kind()).isEqualTo(Kind.UNREACHABLE);
        }
    }
}
