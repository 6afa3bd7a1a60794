package io.peerclaw.node.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The A2A front door at the wire, through a real node: cards and their negotiation, who may call,
 * limits, and every way a JSON-RPC request can be wrong. Calls that reach agents are in {@code
 * A2aAgentsIT}.
 */
class A2aWireIT {
    private static TestNode node;
    private static A2aClient a2a;
    private static Users users;
    private static Users.Session owner;
    private static Users.Session stranger;
    private static TestAgent publicAgent;
    private static TestAgent privateAgent;
    private static TestAgent playgroundAgent;

    @BeforeAll
    static void start() {
        node =
                TestNode.start(
                        Map.of(
                                "user_auth.bcrypt_cost", "4",
                                "invoke.anonymous_per_hour", "2",
                                "directory.page_cache_ttl", "0s"));
        a2a = new A2aClient(node.uri());
        users = new Users(node.uri());
        owner = users.signUp("a2a-owner");
        stranger = users.signUp("a2a-stranger");
        publicAgent = register("weather", Map.of());
        privateAgent = register("secret", Map.of("visibility", "private"));
        playgroundAgent = register("playground", Map.of("playground_enabled", true));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static TestAgent register(String name, Map<String, Object> settings) {
        var agent = node.newAgent();
        var registered =
                Http.send(
                        agent.signedFor(
                                "POST", "/api/v1/agents", agent.card(name), owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        if (!settings.isEmpty()) {
            var changed =
                    users.send(
                            "PUT",
                            "/api/v1/provider/agents/" + agent.id(),
                            settings,
                            owner.accessToken());
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        }
        return agent;
    }

    private static String path(TestAgent agent) {
        return "/a2a/" + agent.id();
    }

    // ------------------------------------------------------------------ cards

    @Test
    void aPublicAgentsCardIsPublicAndSpeaksOneDotZeroWhenAsked() {
        var card = a2a.get(path(publicAgent) + "/.well-known/agent-card.json", "1.0", null);

        assertThat(card.status()).as(card.toString()).isEqualTo(200);
        JsonNode json = card.json();
        assertThat(json.get("name").asText()).isEqualTo("weather");
        assertThat(json.get("description").asText()).isEqualTo("test agent weather");
        assertThat(json.get("version").asText()).isEqualTo("1.0.0");
        JsonNode first = json.get("supportedInterfaces").get(0);
        assertThat(first.get("url").asText())
                .isEqualTo(node.uri().toString().replaceAll("/$", "") + path(publicAgent));
        assertThat(first.get("protocolBinding").asText()).isEqualTo("JSONRPC");
        assertThat(first.get("protocolVersion").asText()).isEqualTo("1.0");
        assertThat(json.get("capabilities").toString())
                .isEqualTo(
                        "{\"streaming\":true,\"pushNotifications\":false,\"extendedAgentCard\":false}");
        assertThat(json.get("defaultInputModes").toString())
                .isEqualTo("[\"text/plain\",\"application/json\"]");
        assertThat(json.get("defaultOutputModes").toString())
                .isEqualTo("[\"text/plain\",\"application/json\"]");
        // The agent cannot be reached (no connector yet or no endpoint): its registered skills.
        JsonNode skill = json.get("skills").get(0);
        assertThat(skill.get("id").asText()).isEqualTo("echo");
        assertThat(skill.get("name").asText()).isEqualTo("Echo");
        assertThat(skill.get("tags").get(0).asText()).isEqualTo("peerclaw");
        // Anonymous callers may read the card but not call: the card says so.
        assertThat(json.at("/securitySchemes/bearer/httpAuthSecurityScheme/scheme").asText())
                .isEqualTo("Bearer");
        assertThat(json.at("/securityRequirements/0/schemes/bearer/list").isArray()).isTrue();
        assertThat(json.has("url")).isFalse();
        assertThat(card.header("Vary")).isEqualTo("A2A-Version");
        assertThat(card.header("Cache-Control")).contains("max-age=");
        assertThat(card.header("ETag")).startsWith("\"");
    }

    @Test
    void aCardRequestedWithoutAVersionIsTheHybridCard() {
        for (String name : List.of("agent-card.json", "agent.json")) {
            var card = a2a.get(path(publicAgent) + "/.well-known/" + name, null, null);

            assertThat(card.status()).as(card.toString()).isEqualTo(200);
            JsonNode json = card.json();
            String url = node.uri().toString().replaceAll("/$", "") + path(publicAgent);
            assertThat(json.get("protocolVersion").asText()).isEqualTo("0.3.0");
            assertThat(json.get("url").asText()).isEqualTo(url);
            assertThat(json.get("preferredTransport").asText()).isEqualTo("JSONRPC");
            assertThat(json.at("/additionalInterfaces/0/transport").asText()).isEqualTo("JSONRPC");
            assertThat(json.at("/supportedInterfaces/0/protocolVersion").asText()).isEqualTo("1.0");
            assertThat(json.at("/supportedInterfaces/1/protocolVersion").asText()).isEqualTo("0.3");
            assertThat(json.at("/securitySchemes/bearer/type").asText()).isEqualTo("http");
            assertThat(json.at("/security/0/bearer").isArray()).isTrue();
            assertThat(card.header("Vary")).isEqualTo("A2A-Version");
        }
    }

    @Test
    void aCardIsRevalidatedByItsETag() {
        var card = a2a.get(path(publicAgent) + "/.well-known/agent-card.json", "1.0", null);
        var again =
                Http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        node.uri(
                                                path(publicAgent) + "/.well-known/agent-card.json"))
                                .header("A2A-Version", "1.0")
                                .header("If-None-Match", card.header("ETag"))
                                .build());
        var hybrid = a2a.get(path(publicAgent) + "/.well-known/agent-card.json", null, null);

        assertThat(again.status()).isEqualTo(304);
        assertThat(hybrid.header("ETag")).isNotEqualTo(card.header("ETag"));
    }

    @Test
    void aPlaygroundAgentsCardAsksForNoCredentials() {
        var card = a2a.get(path(playgroundAgent) + "/.well-known/agent-card.json", "1.0", null);

        assertThat(card.json().has("securityRequirements")).isFalse();
        assertThat(card.json().has("securitySchemes")).isTrue();
    }

    @Test
    void aPrivateAgentsCardIsOnlyForThoseAdmitted() {
        String cardPath = path(privateAgent) + "/.well-known/agent-card.json";

        var anonymous = a2a.get(cardPath, "1.0", null);
        var other = a2a.get(cardPath, "1.0", stranger.accessToken());
        var own = a2a.get(cardPath, "1.0", owner.accessToken());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer realm=\"peerclaw\"");
        assertThat(anonymous.json().get("code").asText()).isEqualTo("auth_error");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.header("WWW-Authenticate")).contains("Bearer realm=\"peerclaw\"");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.header("Cache-Control")).startsWith("private");
    }

    @Test
    void anUnknownAgentHasNoCard() {
        var card =
                a2a.get(
                        "/a2a/" + node.newAgent().id() + "/.well-known/agent-card.json",
                        "1.0",
                        null);

        assertThat(card.status()).isEqualTo(404);
        assertThat(card.json().get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void theNodesOwnCardListsItsTwoSkills() {
        var card = a2a.get("/.well-known/agent-card.json", "1.0", null);
        var legacy = a2a.get("/.well-known/agent.json", null, null);

        assertThat(card.status()).isEqualTo(200);
        assertThat(card.json().get("name").asText()).isEqualTo("PeerClaw Node");
        assertThat(card.json().at("/supportedInterfaces/0/url").asText())
                .isEqualTo(node.uri().toString().replaceAll("/$", "") + "/a2a");
        assertThat(card.json().get("skills").findValuesAsText("id"))
                .containsExactly("discover_agents", "forward_message");
        assertThat(legacy.json().get("url").asText()).endsWith("/a2a");
    }

    // ------------------------------------------------------------------ access

    @Test
    void anAnonymousCallToAnAgentWithoutPlaygroundIsRefusedWith401() {
        var answer =
                a2a.post(
                        path(publicAgent),
                        A2aClient.rpc(1, "SendMessage", A2aClient.message("hi")),
                        "1.0",
                        null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).contains("Bearer realm=\"peerclaw\"");
        assertThat(answer.json().get("code").asText()).isEqualTo("auth_error");
    }

    @Test
    void aCallToSomeoneElsesPrivateAgentIsRefusedWith403() {
        var answer =
                a2a.post(
                        path(privateAgent),
                        A2aClient.rpc(1, "GetTask", Map.of("id", UUID.randomUUID().toString())),
                        "1.0",
                        stranger.accessToken());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("WWW-Authenticate")).contains("Bearer realm=\"peerclaw\"");
        assertThat(answer.json().get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void badCredentialsAreRefusedEvenForAPlaygroundAgent() {
        var answer =
                a2a.post(
                        path(playgroundAgent),
                        A2aClient.rpc(1, "SendMessage", A2aClient.message("hi")),
                        "1.0",
                        "not-a-token");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).contains("Bearer realm=\"peerclaw\"");
    }

    @Test
    void callsOverTheHourlyLimitAreRefusedWith429() {
        // invoke.anonymous_per_hour is 2 on this node; other tests send no anonymous calls.
        var agent = register("limited", Map.of("playground_enabled", true));
        String body =
                A2aClient.rpc(
                        1,
                        "SendMessage",
                        Map.of(
                                "message",
                                ((Map<?, ?>) A2aClient.message("hi").get("message")),
                                "configuration",
                                Map.of("returnImmediately", true)));
        var first = a2a.post(path(agent), body, "1.0", null);
        var second = a2a.post(path(agent), body, "1.0", null);
        var third = a2a.post(path(agent), body, "1.0", null);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(429);
        assertThat(Long.parseLong(third.header("Retry-After"))).isPositive();
        assertThat(third.json().get("code").asText()).isEqualTo("rate_limited");
    }

    @Test
    void anUnknownAgentsEndpointIs404() {
        var answer =
                a2a.post(
                        "/a2a/" + node.newAgent().id(),
                        A2aClient.rpc(1, "GetTask", Map.of("id", "x")),
                        "1.0",
                        owner.accessToken());

        assertThat(answer.status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ JSON-RPC errors

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                            not JSON                  | 1.0 | {"jsonrpc":"2.0",                                                     | -32700 | null
                            empty body                | 1.0 | ''                                                                    | -32700 | null
                            a batch                   | 1.0 | [{"jsonrpc":"2.0","id":1,"method":"GetTask","params":{"id":"x"}}]    | -32600 | null
                            jsonrpc 1.0               | 1.0 | {"jsonrpc":"1.0","id":7,"method":"GetTask","params":{"id":"x"}}      | -32600 | 7
                            no jsonrpc                | 1.0 | {"id":7,"method":"GetTask","params":{"id":"x"}}                      | -32600 | 7
                            no id                     | 1.0 | {"jsonrpc":"2.0","method":"GetTask","params":{"id":"x"}}             | -32600 | null
                            an object id              | 1.0 | {"jsonrpc":"2.0","id":{},"method":"GetTask","params":{"id":"x"}}     | -32600 | null
                            no method                 | 1.0 | {"jsonrpc":"2.0","id":"a","params":{}}                                | -32600 | a
                            unknown method            | 1.0 | {"jsonrpc":"2.0","id":8,"method":"DoSomething","params":{}}          | -32601 | 8
                            params not an object      | 1.0 | {"jsonrpc":"2.0","id":8,"method":"GetTask","params":[1]}             | -32602 | 8
                            no message                | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{}}          | -32602 | 9
                            empty parts               | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{"message":{"messageId":"m","role":"ROLE_USER","parts":[]}}} | -32602 | 9
                            no messageId              | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{"message":{"role":"ROLE_USER","parts":[{"text":"x"}]}}} | -32602 | 9
                            no role                   | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{"message":{"messageId":"m","parts":[{"text":"x"}]}}} | -32602 | 9
                            agent role                | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{"message":{"messageId":"m","role":"ROLE_AGENT","parts":[{"text":"x"}]}}} | -32602 | 9
                            a part of two kinds       | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x","url":"https://e/x"}]}}} | -32602 | 9
                            raw that is not base64    | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"raw":"%%%"}]}}} | -32602 | 9
                            a part without content    | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"mediaType":"text/plain"}]}}} | -32602 | 9
                    a 1.0 part in 0.3         | 0.3 | {"jsonrpc":"2.0","id":9,"method":"message/send","params":{"message":{"messageId":"m","role":"user","parts":[{"text":"x"}]}}} | -32602 | 9
                            inline push config        | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}]},"configuration":{"taskPushNotificationConfig":{"url":"https://hook"}}}} | -32003 | 9
                            unknown task              | 1.0 | {"jsonrpc":"2.0","id":10,"method":"GetTask","params":{"id":"nope"}}  | -32001 | 10
                            GetTask without id        | 1.0 | {"jsonrpc":"2.0","id":10,"method":"GetTask","params":{}}             | -32602 | 10
                            negative historyLength    | 1.0 | {"jsonrpc":"2.0","id":10,"method":"GetTask","params":{"id":"x","historyLength":-1}} | -32602 | 10
                            cancel unknown            | 1.0 | {"jsonrpc":"2.0","id":11,"method":"CancelTask","params":{"id":"8d3c2a52-7e3a-4a7c-9d5f-0c9b8f0e8a11"}} | -32001 | 11
                            subscribe unknown         | 1.0 | {"jsonrpc":"2.0","id":11,"method":"SubscribeToTask","params":{"id":"8d3c2a52-7e3a-4a7c-9d5f-0c9b8f0e8a11"}} | -32001 | 11
                            continue unknown task     | 1.0 | {"jsonrpc":"2.0","id":9,"method":"SendMessage","params":{"message":{"messageId":"m","role":"ROLE_USER","taskId":"8d3c2a52-7e3a-4a7c-9d5f-0c9b8f0e8a11","parts":[{"text":"x"}]}}} | -32001 | 9
                            list with a bad token     | 1.0 | {"jsonrpc":"2.0","id":12,"method":"ListTasks","params":{"pageToken":"garbage"}} | -32602 | 12
                            list with a bad status    | 1.0 | {"jsonrpc":"2.0","id":12,"method":"ListTasks","params":{"status":"done"}}       | -32602 | 12
                            list with pageSize 101    | 1.0 | {"jsonrpc":"2.0","id":12,"method":"ListTasks","params":{"pageSize":101}}        | -32602 | 12
                            list with a bad timestamp | 1.0 | {"jsonrpc":"2.0","id":12,"method":"ListTasks","params":{"statusTimestampAfter":"yesterday"}} | -32602 | 12
                            push set                  | 1.0 | {"jsonrpc":"2.0","id":13,"method":"CreateTaskPushNotificationConfig","params":{"taskId":"t","url":"https://hook"}} | -32003 | 13
                            push list                 | 1.0 | {"jsonrpc":"2.0","id":13,"method":"ListTaskPushNotificationConfigs","params":{"taskId":"t"}} | -32003 | 13
                            extended card             | 1.0 | {"jsonrpc":"2.0","id":14,"method":"GetExtendedAgentCard","params":{}} | -32007 | 14
                            version 2.0               | 2.0 | {"jsonrpc":"2.0","id":15,"method":"GetTask","params":{"id":"x"}}     | -32009 | 15
                    """)
    void badRequestsAreJsonRpcErrorsWithHttp200(
            String name, String version, String body, int code, String id) {
        var answer = a2a.post(path(playgroundAgent), body, version, owner.accessToken());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode error = answer.json().get("error");
        assertThat(error.get("code").asInt()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.json().get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.json().get("id").asText()).isEqualTo(id);
        assertThat(answer.json().has("result")).isFalse();
        if (version.equals("0.3")) {
            assertThat(error.has("data")).isFalse();
        } else {
            // 1.0 errors carry a google.rpc.ErrorInfo.
            assertThat(error.at("/data/0/@type").asText())
                    .isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
            assertThat(error.at("/data/0/domain").asText()).isEqualTo("a2a-protocol.org");
        }
    }

    @Test
    void anErrorOfATaskThatDoesNotExistNamesIt() {
        var answer =
                a2a.post(
                        path(playgroundAgent),
                        A2aClient.rpc(7, "CancelTask", Map.of("id", "nope")),
                        "1.0",
                        owner.accessToken());

        assertThat(answer.json().toString())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32001,\"message\":\"Task"
                            + " not found:"
                            + " nope\",\"data\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"TASK_NOT_FOUND\",\"domain\":\"a2a-protocol.org\"}]}}");
    }

    @Test
    void zeroDotThreeErrorsHaveNoData() {
        var answer =
                a2a.post(
                        path(playgroundAgent),
                        A2aClient.rpc(3, "tasks/get", Map.of("id", "nope")),
                        null,
                        owner.accessToken());

        assertThat(answer.json().toString())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32001,\"message\":\"Task"
                            + " not found: nope\"}}");
    }

    @Test
    void theVersionMayComeAsAQueryParameter() {
        var answer =
                a2a.post(
                        path(playgroundAgent) + "?A2A-Version=3.1",
                        A2aClient.rpc(1, "GetTask", Map.of("id", "x")),
                        null,
                        owner.accessToken());

        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(-32009);
    }

    @Test
    void aBodyThatIsNotJsonByItsTypeIsRefused() {
        var answer =
                Http.send(
                        java.net.http.HttpRequest.newBuilder(node.uri(path(playgroundAgent)))
                                .header("Content-Type", "text/plain")
                                .header("A2A-Version", "1.0")
                                .header("Authorization", "Bearer " + owner.accessToken())
                                .POST(
                                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                                A2aClient.rpc(1, "GetTask", Map.of("id", "x"))))
                                .build());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(-32005);
    }

    @Test
    void otherMethodsThanPostAreNotServed() {
        var get = a2a.get(path(playgroundAgent), "1.0", owner.accessToken());

        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
    }
}
