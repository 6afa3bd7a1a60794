package io.peerclaw.node.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.net.AddressPolicy;
import io.peerclaw.node.net.Cidr;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.uptime.LivenessCheck.Verdict;
import io.peerclaw.node.uptime.ScriptedAgent.Reply;
import io.peerclaw.shared.model.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each protocol's liveness call against endpoints on the loopback (allowed on purpose, as {@code
 * security.allowed_private_cidrs} does in tests), answering as protocols.md shows.
 */
class LivenessCheckIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String CARD =
            """
            {"name":"Echo","description":"Echo agent","version":"1.0.0",
             "supportedInterfaces":[{"url":"http://127.0.0.1/a2a/jsonrpc",
               "protocolBinding":"JSONRPC","protocolVersion":"1.0"}],
             "capabilities":{},"defaultInputModes":["text/plain"],
             "defaultOutputModes":["text/plain"],"skills":[]}
            """;

    private final OutboundHttp outbound =
            OutboundHttp.create(new AddressPolicy(List.of(Cidr.of("127.0.0.1/32"))));
    private final LivenessCheck check = new LivenessCheck(outbound);

    @AfterEach
    void close() {
        outbound.close();
    }

    private Verdict check(Protocol protocol, String url) {
        return check.check(Optional.ofNullable(protocol), url, TIMEOUT);
    }

    // ---------------------------------------------------------------- A2A

    @Test
    void anA2aAgentIsUpWhenItsWellKnownCardHasAName() {
        try (var agent =
                ScriptedAgent.start(
                        request ->
                                request.path().equals("/.well-known/agent-card.json")
                                        ? Reply.json(CARD)
                                        : Reply.status(404))) {
            var verdict = check(Protocol.A2A, agent.url("/a2a/jsonrpc"));

            assertThat(verdict).isEqualTo(Verdict.up("a2a"));
            assertThat(agent.requests()).hasSize(1);
            assertThat(agent.requests().getFirst().method()).isEqualTo("GET");
        }
    }

    @Test
    void anA2aCardBesideTheEndpointIsFoundAsTheJsSdkResolvesIt() {
        try (var agent =
                ScriptedAgent.start(
                        request ->
                                request.path().equals("/agents/echo/.well-known/agent-card.json")
                                        ? Reply.json(CARD)
                                        : Reply.status(404))) {
            var verdict = check(Protocol.A2A, agent.url("/agents/echo/"));

            assertThat(verdict.up()).as("%s", verdict).isTrue();
            assertThat(agent.requests())
                    .extracting(ScriptedAgent.Request::path)
                    .containsExactly(
                            "/.well-known/agent-card.json",
                            "/agents/echo/.well-known/agent-card.json");
        }
    }

    @Test
    void aCardWithoutANameOrNotJsonIsMalformedAndDown() {
        for (String body : List.of("{\"description\":\"no name\"}", "<html>hi</html>", "[]")) {
            try (var agent = ScriptedAgent.start(_ -> Reply.json(body))) {
                var verdict = check(Protocol.A2A, agent.url("/"));

                assertThat(verdict.up()).as(body).isFalse();
                assertThat(verdict.detail()).startsWith("malformed: ");
            }
        }
    }

    @Test
    void anErrorStatusIsDown() {
        try (var agent = ScriptedAgent.start(_ -> Reply.status(503))) {
            var verdict = check(Protocol.A2A, agent.url("/"));

            assertThat(verdict.up()).isFalse();
            assertThat(verdict.detail()).isEqualTo("bad_status: the server answered 503");
        }
    }

    // ---------------------------------------------------------------- MCP

    /** An MCP server as the TypeScript SDK answers: a session, SSE for requests, 202 else. */
    static Reply mcp(ScriptedAgent.Request request, boolean sessions, boolean streams) {
        if (request.method().equals("DELETE")) {
            return Reply.status(200);
        }
        String body = request.body();
        if (body.contains("\"notifications/initialized\"")) {
            return Reply.status(202);
        }
        String json;
        if (body.contains("\"initialize\"")) {
            json =
                    "{\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                            + "\"serverInfo\":{\"name\":\"s\",\"version\":\"1\"}},"
                            + "\"jsonrpc\":\"2.0\",\"id\":1}";
        } else if (body.contains("\"ping\"")) {
            json = "{\"result\":{},\"jsonrpc\":\"2.0\",\"id\":2}";
        } else {
            return Reply.status(400);
        }
        Reply reply =
                streams
                        ? new Reply(
                                200,
                                Map.of("Content-Type", "text/event-stream"),
                                "id: prime\ndata:\n\n: keep-alive\n\nevent: message\ndata: "
                                        + json
                                        + "\n\n",
                                Duration.ZERO)
                        : Reply.json(json);
        return sessions && body.contains("\"initialize\"")
                ? reply.withHeader("Mcp-Session-Id", "3645-session")
                : reply;
    }

    @Test
    void anMcpAgentIsUpWhenItAnswersPingAfterInitializeOverAnEventStream() {
        try (var agent = ScriptedAgent.start(request -> mcp(request, true, true))) {
            var verdict = check(Protocol.MCP, agent.url("/mcp"));

            assertThat(verdict).isEqualTo(Verdict.up("mcp"));
            var requests = agent.requests();
            assertThat(requests)
                    .extracting(ScriptedAgent.Request::method)
                    .containsExactly("POST", "POST", "POST", "DELETE");
            var initialize = requests.get(0);
            assertThat(initialize.body()).contains("\"method\":\"initialize\"");
            assertThat(initialize.header("Accept"))
                    .isEqualTo("application/json, text/event-stream");
            assertThat(initialize.header("Mcp-Session-Id")).isNull();
            for (var later : requests.subList(1, 4)) {
                assertThat(later.header("Mcp-Session-Id")).isEqualTo("3645-session");
                // The version the server chose, not ours.
                assertThat(later.header("MCP-Protocol-Version")).isEqualTo("2025-06-18");
            }
            assertThat(requests.get(1).body()).contains("notifications/initialized");
            assertThat(requests.get(2).body()).contains("\"method\":\"ping\"");
        }
    }

    @Test
    void aStatelessMcpServerAnsweringJsonIsUpAndNoSessionIsEnded() {
        try (var agent = ScriptedAgent.start(request -> mcp(request, false, false))) {
            var verdict = check(Protocol.MCP, agent.url("/mcp"));

            assertThat(verdict.up()).as("%s", verdict).isTrue();
            assertThat(agent.requests())
                    .extracting(ScriptedAgent.Request::method)
                    .containsExactly("POST", "POST", "POST");
            assertThat(agent.requests().get(2).header("Mcp-Session-Id")).isNull();
        }
    }

    @Test
    void anMcpPingAnsweredWithAnErrorOrNothingMatchingIsDown() {
        try (var agent =
                ScriptedAgent.start(
                        request ->
                                request.body().contains("\"ping\"")
                                        ? Reply.json(
                                                "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":"
                                                        + "-32601,\"message\":\"Method not"
                                                        + " found\"}}")
                                        : mcp(request, true, false))) {
            var verdict = check(Protocol.MCP, agent.url("/mcp"));

            assertThat(verdict.up()).isFalse();
            assertThat(verdict.detail())
                    .isEqualTo("malformed: ping: answered error -32601 Method not found");
        }
        try (var agent =
                ScriptedAgent.start(
                        request ->
                                request.body().contains("\"initialize\"")
                                        ? Reply.json("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}")
                                        : mcp(request, true, false))) {
            var verdict = check(Protocol.MCP, agent.url("/mcp"));

            assertThat(verdict.up()).isFalse();
            assertThat(verdict.detail()).startsWith("malformed: initialize: no JSON-RPC response");
        }
    }

    // ---------------------------------------------------------------- ACP and plain

    @Test
    void anAcpAgentIsUpWhenPingAnswersAJsonObject() {
        try (var agent =
                ScriptedAgent.start(
                        request ->
                                request.path().equals("/acp/ping")
                                        ? Reply.json("{}")
                                        : Reply.status(404))) {
            var verdict = check(Protocol.ACP, agent.url("/acp/"));

            assertThat(verdict).isEqualTo(Verdict.up("acp"));
            assertThat(agent.requests().getFirst().method()).isEqualTo("GET");
        }
        try (var agent = ScriptedAgent.start(_ -> Reply.json("pong"))) {
            var verdict = check(Protocol.ACP, agent.url("/acp"));

            assertThat(verdict.up()).isFalse();
            assertThat(verdict.detail()).startsWith("malformed: ");
        }
    }

    @Test
    void withoutAProtocolAny2xxOfTheEndpointIsUp() {
        try (var agent = ScriptedAgent.start(_ -> new Reply(204, Map.of(), "", Duration.ZERO))) {
            assertThat(check(null, agent.url("/hook"))).isEqualTo(Verdict.up("http"));
        }
    }

    // ---------------------------------------------------------------- down

    @Test
    void aClosedPortIsDown() {
        var verdict = check(Protocol.ACP, ScriptedAgent.closedPortUrl("/acp"));

        assertThat(verdict.up()).isFalse();
        assertThat(verdict.protocol()).isEqualTo("acp");
        assertThat(verdict.detail()).startsWith("unreachable: ");
    }

    @Test
    void anAnswerLaterThanTheTimeoutIsDownAndTheCheckStopsWaiting() {
        try (var agent = ScriptedAgent.start(_ -> Reply.json(CARD).after(Duration.ofSeconds(4)))) {
            long started = System.nanoTime();
            var verdict =
                    check.check(Optional.of(Protocol.A2A), agent.url("/"), Duration.ofSeconds(1));

            assertThat(verdict.up()).isFalse();
            assertThat(verdict.detail()).startsWith("timeout: ");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofMillis(2_500));
        }
    }

    @Test
    void theOneDeadlineCoversEveryRequestOfAnMcpCheck() {
        try (var agent =
                ScriptedAgent.start(
                        request -> mcp(request, true, false).after(Duration.ofMillis(600)))) {
            long started = System.nanoTime();
            var verdict =
                    check.check(
                            Optional.of(Protocol.MCP), agent.url("/mcp"), Duration.ofSeconds(1));

            assertThat(verdict.up()).isFalse();
            assertThat(verdict.detail()).startsWith("timeout: ");
            // The session end has its own second.
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofMillis(3_000));
        }
    }

    @Test
    void aPrivateAddressIsNotProbedUnlessAllowed() {
        try (var strict = OutboundHttp.create(AddressPolicy.strict());
                var agent = ScriptedAgent.start(_ -> Reply.json(CARD))) {
            var verdict =
                    new LivenessCheck(strict)
                            .check(Optional.of(Protocol.A2A), agent.url("/"), TIMEOUT);

            assertThat(verdict.up()).isFalse();
            assertThat(verdict.detail()).startsWith("target_not_allowed: ");
            assertThat(agent.requests()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- event streams

    @Test
    void eventStreamsYieldTheDataOfMessageEvents() {
        String stream =
                "id: 1\ndata:\n\n"
                        + ": comment\n"
                        + "event: message\ndata: {\"a\":\ndata: 1}\n\n"
                        + "event: other\ndata: skipped\n\n"
                        + "data:{\"b\":2}\r\n\r\n"
                        + "data: {\"c\":3}";

        assertThat(LivenessCheck.events(stream))
                .containsExactly("{\"a\":\n1}", "{\"b\":2}", "{\"c\":3}");
    }
}
