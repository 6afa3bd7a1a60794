package io.peerclaw.node.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP front door's transport on the wire, through a real node: sessions and who they belong to,
 * versions, the JSON-RPC envelope, access refusals as HTTP answers, origins and hosts. The agents
 * here are never called (their endpoints are dead); calls are in {@code McpSdkIT}.
 */
class McpFrontDoorIT {
    private static TestNode node;
    private static Users users;
    private static Users.Session owner;
    private static Users.Session stranger;
    private static TestAgent publicAgent;
    private static TestAgent privateAgent;

    @BeforeAll
    static void start() {
        var settings = new HashMap<String, String>();
        settings.put("security.allowed_private_cidrs", "127.0.0.1/32");
        settings.put("user_auth.bcrypt_cost", "4");
        settings.put("rate_limit.enabled", "false");
        settings.put("probe.enabled", "false");
        node = TestNode.start(settings);
        users = new Users(node.uri());
        owner = users.signUp("mcp-owner");
        stranger = users.signUp("mcp-stranger");
        publicAgent = register("wire public", null);
        privateAgent = register("wire private", "private");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static TestAgent register(String name, String visibility) {
        return register(name, visibility, "a2a");
    }

    private static TestAgent register(String name, String visibility, String protocol) {
        var agent = node.newAgent();
        var card = agent.card(name, new ArrayList<>(List.of("chat")), List.of(protocol));
        card.put("endpoint", Map.of("url", "http://127.0.0.1:9/dead", "transport", "http"));
        if (visibility != null) {
            card.put("visibility", visibility);
        }
        var registered =
                Http.send(agent.signedFor("POST", "/api/v1/agents", card, owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    private static McpWire agentWire(TestAgent agent, String bearer) {
        return new McpWire(node.uri("/mcp/" + agent.id())).bearer(bearer);
    }

    private static McpWire rootWire() {
        return new McpWire(node.uri("/mcp"));
    }

    // ---------------------------------------------------------------- initialize

    @Test
    void initializeOpensASessionInTheClientsVersion() {
        var answer = agentWire(publicAgent, owner.accessToken()).initialize("2025-06-18");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(UUID.fromString(answer.header("Mcp-Session-Id"))).isNotNull();
        var result = answer.json().get("result");
        assertThat(answer.json().get("id").asInt()).isZero();
        assertThat(result.get("protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(result.get("serverInfo").get("name").asText()).isEqualTo("wire public");
        assertThat(result.get("capabilities").has("tools")).isTrue();
        assertThat(result.get("capabilities").has("resources")).isTrue();
        assertThat(result.get("capabilities").has("prompts")).isTrue();
        assertThat(result.get("instructions").asText()).contains(publicAgent.id().value());
    }

    @Test
    void theGatewayNamesTheNodesOwnVersion() {
        var answer = rootWire().initialize("2025-11-25");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        var info = answer.json().get("result").get("serverInfo");
        // The one version of the build, the one --version prints; never a placeholder.
        assertThat(info.get("version").asText())
                .isEqualTo(io.peerclaw.shared.Version.current())
                .matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void aVersionWeDoNotSpeakIsAnsweredWithOurs() {
        for (String asked : List.of("1999-01-01", "2024-11-05")) {
            var answer = rootWire().initialize(asked);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().get("result").get("protocolVersion").asText())
                    .isEqualTo("2025-11-25");
        }
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIsABadRequest() {
        String session = rootWire().open();

        var refused =
                rootWire()
                        .session(session)
                        .header("MCP-Protocol-Version", "1999-01-01")
                        .call("ping", "{}");
        var older =
                rootWire()
                        .session(session)
                        .header("MCP-Protocol-Version", "2025-03-26")
                        .call("ping", "{}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("error").get("message").asText())
                .contains("1999-01-01")
                .contains("2025-11-25");
        assertThat(older.status()).as(older.toString()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void everyLaterRequestNeedsItsSession() {
        var missing = rootWire().call("tools/list", "{}");
        var unknown = rootWire().session(UUID.randomUUID().toString()).call("tools/list", "{}");
        var garbage = rootWire().session("not a session").call("tools/list", "{}");
        var notification =
                rootWire().post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(McpWire.errorCode(missing)).isEqualTo(-32000);
        assertThat(missing.json().get("id").isIntegralNumber()).isTrue();
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(McpWire.errorCode(unknown)).isEqualTo(-32001);
        assertThat(garbage.status()).isEqualTo(404);
        assertThat(notification.status()).isEqualTo(400);
    }

    @Test
    void deleteEndsTheSession() {
        String session = rootWire().open();
        assertThat(rootWire().session(session).call("ping", "{}").status()).isEqualTo(200);

        var ended = rootWire().session(session).send("DELETE", null);
        var after = rootWire().session(session).call("ping", "{}");
        var again = rootWire().session(session).send("DELETE", null);
        var withoutSession = rootWire().send("DELETE", null);

        assertThat(ended.status()).as(ended.toString()).isEqualTo(204);
        assertThat(after.status()).as(after.toString()).isEqualTo(404);
        assertThat(again.status()).isEqualTo(404);
        assertThat(withoutSession.status()).isEqualTo(400);
    }

    @Test
    void aSessionServesOnlyItsCallerOnItsEndpoint() {
        String owners = agentWire(publicAgent, owner.accessToken()).open();

        var byStranger =
                agentWire(publicAgent, stranger.accessToken()).session(owners).call("ping", "{}");
        var elsewhere =
                agentWire(privateAgent, owner.accessToken()).session(owners).call("ping", "{}");
        var atTheRoot = rootWire().bearer(owner.accessToken()).session(owners).call("ping", "{}");
        var deletedByStranger =
                agentWire(publicAgent, stranger.accessToken()).session(owners).send("DELETE", null);
        var byOwner =
                agentWire(publicAgent, owner.accessToken()).session(owners).call("ping", "{}");

        assertThat(byStranger.status()).as(byStranger.toString()).isEqualTo(404);
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(404);
        assertThat(atTheRoot.status()).as(atTheRoot.toString()).isEqualTo(404);
        assertThat(deletedByStranger.status()).isEqualTo(404);
        assertThat(byOwner.status()).as(byOwner.toString()).isEqualTo(200);
    }

    @Test
    void sessionsSurviveARestart() {
        TestNode first =
                TestNode.start(Map.of("rate_limit.enabled", "false", "probe.enabled", "false"));
        String session = new McpWire(first.uri("/mcp")).open();
        first.stop();

        try (var second =
                TestNode.restart(
                        first, Map.of("rate_limit.enabled", "false", "probe.enabled", "false"))) {
            var answer = new McpWire(second.uri("/mcp")).session(session).call("ping", "{}");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        }
    }

    // ---------------------------------------------------------------- the envelope

    @Test
    void notificationsAndResponsesAreAcceptedWithoutABody() {
        String session = rootWire().open();

        var initialized =
                rootWire()
                        .session(session)
                        .post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        var cancelled =
                rootWire()
                        .session(session)
                        .post(
                                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":99,\"reason\":\"changed"
                                    + " my mind\"}}");
        var response =
                rootWire().session(session).post("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}");

        for (var answer : List.of(initialized, cancelled, response)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
            assertThat(answer.raw().body()).isEmpty();
        }
    }

    @Test
    void whatIsNotOneJsonRpcMessageIsABadRequest() {
        String session = rootWire().open();

        var batch = rootWire().session(session).post("[" + McpWire.request("ping", "{}") + "]");
        var garbage = rootWire().session(session).post("{not json");
        var wrongVersion =
                rootWire()
                        .session(session)
                        .post("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}");

        assertThat(batch.status()).isEqualTo(400);
        assertThat(McpWire.errorCode(batch)).isEqualTo(-32600);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(McpWire.errorCode(garbage)).isEqualTo(-32700);
        assertThat(McpWire.errorCode(wrongVersion)).isEqualTo(-32600);
        assertThat(wrongVersion.json().get("id").asInt()).isEqualTo(1);
    }

    @Test
    void methodsAnswerAsTheSpecificationSays() {
        var wire = agentWire(publicAgent, owner.accessToken());
        String session = wire.open();
        wire.session(session);

        var ping = wire.call("ping", "{}");
        var unknown = wire.call("sampling/createMessage", "{}");
        var setLevel = wire.call("logging/setLevel", "{\"level\":\"warning\"}");
        var badLevel = wire.call("logging/setLevel", "{\"level\":\"loud\"}");
        var resources = wire.call("resources/list", "{}");
        var templates = wire.call("resources/templates/list", "{}");
        var read = wire.call("resources/read", "{\"uri\":\"mem://x\"}");
        var prompts = wire.call("prompts/list", "{}");
        var prompt = wire.call("prompts/get", "{\"name\":\"x\"}");
        var badCursor = wire.call("tools/list", "{\"cursor\":\"bogus\"}");
        var toolsWithoutName = wire.call("tools/call", "{\"arguments\":{}}");
        var argumentsNotAnObject = wire.call("tools/call", "{\"name\":\"echo\",\"arguments\":[1]}");

        assertThat(ping.json().get("result").isEmpty()).as(ping.toString()).isTrue();
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(McpWire.errorCode(unknown)).isEqualTo(-32601);
        assertThat(setLevel.json().get("result").isEmpty()).as(setLevel.toString()).isTrue();
        assertThat(McpWire.errorCode(badLevel)).isEqualTo(-32602);
        assertThat(resources.json().get("result").get("resources")).isEmpty();
        assertThat(templates.json().get("result").get("resourceTemplates")).isEmpty();
        assertThat(McpWire.errorCode(read)).isEqualTo(-32002);
        assertThat(read.json().get("error").get("data").get("uri").asText()).isEqualTo("mem://x");
        assertThat(prompts.json().get("result").get("prompts")).isEmpty();
        assertThat(McpWire.errorCode(prompt)).isEqualTo(-32602);
        assertThat(McpWire.errorCode(badCursor)).isEqualTo(-32602);
        assertThat(McpWire.errorCode(toolsWithoutName)).isEqualTo(-32602);
        assertThat(McpWire.errorCode(argumentsNotAnObject)).isEqualTo(-32602);
    }

    @Test
    void anA2aAgentsSkillsAreToolsTakingAMessage() {
        var wire = agentWire(publicAgent, owner.accessToken());
        wire.session(wire.open());

        var tools = wire.call("tools/list", "{}").json().get("result").get("tools");
        var unknownTool =
                wire.call("tools/call", "{\"name\":\"nope\",\"arguments\":{\"message\":\"x\"}}");
        var noMessage =
                wire.call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}");

        assertThat(tools).hasSize(1);
        assertThat(tools.get(0).get("name").asText()).isEqualTo("echo");
        assertThat(tools.get(0).get("inputSchema").get("required").get(0).asText())
                .isEqualTo("message");
        assertThat(tools.get(0).get("inputSchema").get("properties").has("contextId")).isTrue();
        assertThat(McpWire.errorCode(unknownTool)).isEqualTo(-32602);
        assertThat(unknownTool.json().get("error").get("message").asText())
                .isEqualTo("Unknown tool: nope");
        var result = noMessage.json().get("result");
        assertThat(result.get("isError").asBoolean()).as(noMessage.toString()).isTrue();
        assertThat(result.get("content").get(0).get("text").asText())
                .isEqualTo(
                        "Invalid arguments for tool echo: message is required (a string);"
                                + " unexpected field text (this tool takes message, contextId and"
                                + " taskId)");
    }

    @Test
    void anUnreachableMcpAgentSaysSoInsteadOfAnsweringNothing() {
        var dead = register("wire dead mcp", null, "mcp");
        var wire = agentWire(dead, owner.accessToken());
        wire.session(wire.open());

        var tools = wire.call("tools/list", "{}");
        var call = wire.call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}");

        assertThat(McpWire.errorCode(tools)).isEqualTo(-32603);
        assertThat(tools.json().get("error").get("message").asText())
                .startsWith("The tools of wire dead mcp cannot be listed: ");
        var result = call.json().get("result");
        assertThat(result.get("isError").asBoolean()).as(call.toString()).isTrue();
        assertThat(result.get("content").get(0).get("text").asText()).isNotBlank();
        assertThat(result.get("_meta").get("peerclaw.io/state").asText()).isEqualTo("failed");
    }

    @Test
    void getAndOtherMethodsAreNotAllowed() {
        var get = rootWire().send("GET", null);
        var put = agentWire(publicAgent, null).send("PUT", "{}");

        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST, DELETE");
        assertThat(McpWire.errorCode(get)).isEqualTo(-32000);
        assertThat(put.status()).isEqualTo(405);
    }

    // ---------------------------------------------------------------- access

    @Test
    void anonymousCallersOfAnAgentWithoutPlaygroundAreAskedToAuthenticate() {
        var refused = agentWire(publicAgent, null).initialize("2025-11-25");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        String challenge = refused.header("WWW-Authenticate");
        String metadata =
                node.uri("/.well-known/oauth-protected-resource/mcp/" + publicAgent.id())
                        .toString();
        assertThat(challenge)
                .startsWith("Bearer realm=\"peerclaw\", resource_metadata=\"" + metadata + "\"");
        assertThat(McpWire.errorCode(refused)).isEqualTo(-32000);
        assertThat(refused.json().get("id").asInt()).isZero();
        var document =
                Http.get(node.uri("/.well-known/oauth-protected-resource/mcp/" + publicAgent.id()));
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("resource").asText())
                .isEqualTo(node.uri("/mcp/" + publicAgent.id()).toString());
        assertThat(document.json().get("bearer_methods_supported").get(0).asText())
                .isEqualTo("header");
    }

    @Test
    void aPrivateAgentAnswersOnlyItsOwner() {
        var byStranger = agentWire(privateAgent, stranger.accessToken()).initialize("2025-11-25");
        var anonymous = agentWire(privateAgent, null).initialize("2025-11-25");
        var byOwner = agentWire(privateAgent, owner.accessToken()).initialize("2025-11-25");

        assertThat(byStranger.status()).as(byStranger.toString()).isEqualTo(403);
        assertThat(byStranger.json().get("error").get("message").asText()).contains("private");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(byOwner.status()).as(byOwner.toString()).isEqualTo(200);
    }

    @Test
    void badCredentialsAndUnknownAgentsAreRefused() {
        var badToken = agentWire(publicAgent, "not-a-token").initialize("2025-11-25");
        var unknownAgent =
                new McpWire(node.uri("/mcp/" + "a".repeat(32)))
                        .bearer(owner.accessToken())
                        .initialize("2025-11-25");
        var malformedAgent = new McpWire(node.uri("/mcp/nope")).initialize("2025-11-25");

        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.header("WWW-Authenticate")).startsWith("Bearer ");
        assertThat(unknownAgent.status()).isEqualTo(404);
        assertThat(McpWire.errorCode(unknownAgent)).isEqualTo(-32000);
        assertThat(malformedAgent.status()).isEqualTo(404);
    }

    @Test
    void theNodesResourcesAreTheCardsTheCallerMaySee() {
        var byOwner = rootWire().bearer(owner.accessToken());
        byOwner.session(byOwner.open());
        var byStranger = rootWire().bearer(stranger.accessToken());
        byStranger.session(byStranger.open());
        String privateUri = "peerclaw://agents/" + privateAgent.id();

        var ownersList = byOwner.call("resources/list", "{}").json().get("result").get("resources");
        var strangersList =
                byStranger.call("resources/list", "{}").json().get("result").get("resources");
        var ownerReads = byOwner.call("resources/read", "{\"uri\":\"" + privateUri + "\"}");
        var strangerReads = byStranger.call("resources/read", "{\"uri\":\"" + privateUri + "\"}");

        var ownersUris = new ArrayList<String>();
        ownersList.forEach(r -> ownersUris.add(r.get("uri").asText()));
        var strangersUris = new ArrayList<String>();
        strangersList.forEach(r -> strangersUris.add(r.get("uri").asText()));
        assertThat(ownersUris).contains(privateUri, "peerclaw://agents/" + publicAgent.id());
        assertThat(strangersUris)
                .doesNotContain(privateUri)
                .contains("peerclaw://agents/" + publicAgent.id());
        var contents = ownerReads.json().get("result").get("contents").get(0);
        assertThat(contents.get("uri").asText()).isEqualTo(privateUri);
        assertThat(contents.get("text").asText()).contains("wire private");
        assertThat(McpWire.errorCode(strangerReads)).isEqualTo(-32002);
    }

    // ---------------------------------------------------------------- origins and hosts

    @Test
    void pagesFromOtherOriginsAreRefused() {
        var foreign =
                rootWire().header("Origin", "http://evil.example.com").initialize("2025-11-25");
        var own =
                rootWire()
                        .header("Origin", "http://" + node.uri().getAuthority())
                        .initialize("2025-11-25");

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(McpWire.errorCode(foreign)).isEqualTo(-32000);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
    }

    @Test
    void aRebindingHostIsRefusedAndLocalhostServed() throws IOException {
        assertThat(rawInitialize("evil.example.com")).startsWith("HTTP/1.1 403");
        assertThat(rawInitialize("localhost:" + node.uri().getPort())).startsWith("HTTP/1.1 200");
        assertThat(rawInitialize("127.0.0.1:" + node.uri().getPort())).startsWith("HTTP/1.1 200");
    }

    /**
     * The status line of an initialize with this Host and the matching Origin, as a rebinding page
     * would send it (java.net.http does not let a test choose the Host).
     */
    private static String rawInitialize(String host) throws IOException {
        byte[] body = McpWire.initializeBody("2025-11-25").getBytes(StandardCharsets.UTF_8);
        String head =
                "POST /mcp HTTP/1.1\r\nHost: "
                        + host
                        + "\r\nOrigin: http://"
                        + host
                        + "\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Accept: application/json, text/event-stream\r\n"
                        + "Content-Length: "
                        + body.length
                        + "\r\n\r\n";
        try (var socket = new Socket("127.0.0.1", node.uri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            var in =
                    new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return in.readLine();
        }
    }
}
