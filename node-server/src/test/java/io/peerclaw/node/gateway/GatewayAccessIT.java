package io.peerclaw.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call which agent through {@code POST /api/v1/invoke/{id}}, the limits, and what a call to
 * an agent that cannot be reached leaves behind (an invocation record, the owner's figures). The
 * agents here listen nowhere: these are the paths that need no agent; calls that reach real agents
 * are in the protocol ITs.
 */
class GatewayAccessIT {
    private static final String ADMIN_EMAIL = "gateway-admin@example.org";
    private static final String ADMIN_PASSWORD = "correct horse battery staple";

    private static TestNode node;
    private static Users users;
    private static String deadEndpoint;

    @BeforeAll
    static void start() throws IOException {
        var settings = new HashMap<String, String>();
        settings.put("security.allowed_private_cidrs", "127.0.0.1/32");
        settings.put("user_auth.bcrypt_cost", "4");
        settings.put("rate_limit.enabled", "false");
        settings.put("probe.enabled", "false");
        settings.put("invoke.anonymous_per_hour", "2");
        settings.put("invoke.user_per_hour", "4");
        settings.put("gateway.call_timeout", "5s");
        node = TestNode.startWithAdmin(TestNode.Engine.H2, settings, ADMIN_EMAIL, ADMIN_PASSWORD);
        users = new Users(node.uri());
        try (var socket = new ServerSocket(0)) {
            // Closed again at once: connections to it are refused.
            deadEndpoint = "http://127.0.0.1:" + socket.getLocalPort() + "/a2a";
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static TestAgent register(Users.Session owner, String visibility) {
        var agent = node.newAgent();
        var card = agent.card("gated", new ArrayList<>(List.of("chat")), List.of("a2a"));
        card.put("endpoint", Map.of("url", deadEndpoint, "transport", "http"));
        if (visibility != null) {
            card.put("visibility", visibility);
        }
        var registered =
                Http.send(agent.signedFor("POST", "/api/v1/agents", card, owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    private static Http.Response invoke(String agentId, Object body, String bearer) {
        return users.post("/api/v1/invoke/" + agentId, body, bearer);
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }

    @Test
    void anUnreachableAgentIsA502AndTheCallIsLogged() {
        var owner = users.signUp("owner");
        var caller = users.signUp("caller");
        var agent = register(owner, null);

        var answer = invoke(agent.id().value(), Map.of("message", "hello?"), caller.accessToken());

        assertProblem(answer, 502, "agent_unreachable");
        var mine = users.get("/api/v1/invocations", caller.accessToken());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.json().get("total").asLong()).isEqualTo(1);
        var record = mine.json().get("invocations").get(0);
        assertThat(record.get("agent_id").asText()).isEqualTo(agent.id().value());
        assertThat(record.get("status").asText()).isEqualTo("error");
        assertThat(record.get("front_door").asText()).isEqualTo("invoke");
        assertThat(record.get("request_preview").asText()).isEqualTo("hello?");
        assertThat(record.has("ip_address")).isFalse();
        // The owner sees calls to their agent; a stranger sees neither list nor record.
        var owners = users.get("/api/v1/invocations?agent_id=" + agent.id(), owner.accessToken());
        assertThat(owners.json().get("total").asLong()).isEqualTo(1);
        String id = record.get("id").asText();
        assertThat(users.get("/api/v1/invocations/" + id, owner.accessToken()).status())
                .isEqualTo(200);
        var stranger = users.signUp("stranger");
        assertProblem(
                users.get("/api/v1/invocations/" + id, stranger.accessToken()), 404, "not_found");
        assertThat(
                        users.get("/api/v1/invocations", stranger.accessToken())
                                .json()
                                .get("total")
                                .asLong())
                .isZero();
        assertProblem(users.get("/api/v1/invocations", null), 401, "auth_error");
        var analytics =
                users.get(
                        "/api/v1/provider/agents/" + agent.id() + "/analytics",
                        owner.accessToken());
        assertThat(analytics.json().get("total_calls").asLong()).isEqualTo(1);
        assertThat(analytics.json().get("success_rate").asDouble()).isZero();
    }

    @Test
    void anonymousCallersNeedThePlaygroundAndHaveTheirOwnLimit() {
        var owner = users.signUp("playground-owner");
        var agent = register(owner, null);
        var refused = invoke(agent.id().value(), Map.of("message", "hi"), null);
        assertProblem(refused, 401, "auth_error");

        var opened =
                users.send(
                        "PUT",
                        "/api/v1/provider/agents/" + agent.id(),
                        Map.of("playground_enabled", true),
                        owner.accessToken());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);

        assertProblem(
                invoke(agent.id().value(), Map.of("message", "1"), null), 502, "agent_unreachable");
        assertProblem(
                invoke(agent.id().value(), Map.of("message", "2"), null), 502, "agent_unreachable");
        var limited = invoke(agent.id().value(), Map.of("message", "3"), null);
        assertProblem(limited, 429, "rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(3000L, 3600L);
    }

    @Test
    void privateAgentsAnswerOnlyTheirOwnerAndSuspendedOnesNobody() {
        var owner = users.signUp("private-owner");
        var other = users.signUp("other");
        var agent = register(owner, "private");

        assertProblem(
                invoke(agent.id().value(), Map.of("message", "x"), other.accessToken()),
                403,
                "forbidden");
        assertProblem(invoke(agent.id().value(), Map.of("message", "x"), null), 401, "auth_error");
        assertProblem(
                invoke(agent.id().value(), Map.of("message", "x"), owner.accessToken()),
                502,
                "agent_unreachable");

        var admin = users.signIn(null, ADMIN_EMAIL, ADMIN_PASSWORD);
        var suspended =
                users.post(
                        "/api/v1/admin/agents/" + agent.id() + "/suspend",
                        Map.of("reason", "abuse"),
                        admin.accessToken());
        assertThat(suspended.status()).as(suspended.toString()).isIn(200, 204);
        assertProblem(
                invoke(agent.id().value(), Map.of("message", "x"), owner.accessToken()),
                403,
                "forbidden");
    }

    @Test
    void agentsMayCallPublicAgentsAndPrivateOnesOfTheirOwnOwner() {
        var owner = users.signUp("fleet-owner");
        var privateAgent = register(owner, "private");
        var publicAgent = register(owner, null);
        var sibling = register(owner, null);
        var outsider = register(users.signUp("outsider"), null);
        String path = "/api/v1/invoke/" + privateAgent.id();
        var body = Map.of("message", "from a sibling");

        assertProblem(Http.send(sibling.signed("POST", path, body)), 502, "agent_unreachable");
        assertProblem(Http.send(outsider.signed("POST", path, body)), 403, "forbidden");
        assertProblem(
                Http.send(outsider.signed("POST", "/api/v1/invoke/" + publicAgent.id(), body)),
                502,
                "agent_unreachable");
    }

    @Test
    void aKeyWithoutTheInvokeScopeCannotCall() {
        var owner = users.signUp("scoped-owner");
        var agent = register(owner, null);
        var key =
                users.post(
                        "/api/v1/auth/api-keys",
                        Map.of("name", "reader", "scopes", List.of("read")),
                        owner.accessToken());
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        var refused =
                invoke(agent.id().value(), Map.of("message", "x"), key.json().get("key").asText());
        assertProblem(refused, 403, "forbidden");
        assertThat(refused.json().get("detail").asText()).contains("invoke");
    }

    @Test
    void unknownAgentsAndBadBodiesAreClearErrors() {
        var caller = users.signUp("careless");
        var agent = register(users.signUp("some-owner"), null);

        assertProblem(
                invoke("a".repeat(32), Map.of("message", "x"), caller.accessToken()),
                404,
                "not_found");
        assertProblem(
                invoke("not-an-id", Map.of("message", "x"), caller.accessToken()),
                404,
                "not_found");
        var noMessage = invoke(agent.id().value(), Map.of("stream", true), caller.accessToken());
        assertProblem(noMessage, 400, "validation_error");
        assertThat(noMessage.json().get("errors").get(0).get("field").asText())
                .isEqualTo("message");
        var wrongProtocol =
                invoke(
                        agent.id().value(),
                        Map.of("message", "x", "protocol", "mcp"),
                        caller.accessToken());
        assertProblem(wrongProtocol, 400, "validation_error");
        assertThat(wrongProtocol.json().get("detail").asText()).contains("does not speak mcp");
        assertProblem(
                invoke(agent.id().value(), "{\"message\":", caller.accessToken()),
                400,
                "validation_error");
        var get = users.get("/api/v1/invoke/" + agent.id(), caller.accessToken());
        assertProblem(get, 405, "method_not_allowed");
    }

    @Test
    void aStreamedCallToAnUnreachableAgentEndsWithErrorAndDone() {
        var owner = users.signUp("stream-owner");
        var agent = register(owner, null);
        var answer =
                invoke(
                        agent.id().value(),
                        Map.of("message", "stream?", "stream", true),
                        owner.accessToken());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
        String body = answer.text();
        assertThat(body)
                .startsWith("event: start\n")
                .contains("\"agent_id\":\"" + agent.id() + "\"")
                .contains("event: error\n")
                .endsWith("\n\n")
                .containsPattern("event: done\ndata: \\{\"duration_ms\":\\d+\\}\n\n$");
    }
}
