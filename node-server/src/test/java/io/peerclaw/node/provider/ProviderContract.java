package io.peerclaw.node.provider;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The provider console through HTTP: three ways to own an agent, owner-only routes, requests. */
abstract class ProviderContract {
    static TestNode node;
    static Users users;

    static void startOn(TestNode.Engine engine) {
        node = TestNode.start(engine, Map.of("user_auth.bcrypt_cost", "4"));
        users = new Users(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Http.Response registerFor(TestAgent agent, String name, String bearer) {
        return Http.send(agent.signedFor("POST", "/api/v1/agents", agent.card(name), bearer));
    }

    /** The ids of the objects of a JSON array (not of anything nested in them). */
    static List<String> ids(com.fasterxml.jackson.databind.JsonNode array) {
        var out = new java.util.ArrayList<String>();
        array.forEach(item -> out.add(item.get("id").asText()));
        return out;
    }

    static String role(Users.Session session) {
        return users.get("/api/v1/auth/me", session.accessToken()).json().get("role").asText();
    }

    // ------------------------------------------------------------------ owning

    @Test
    void anAgentRegisteringWithItsOwnersTokenBelongsToThem() {
        var owner = users.signUp("owner");
        assertThat(role(owner)).isEqualTo("user");
        var agent = node.newAgent();
        var registered = registerFor(agent, "owned", owner.accessToken());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        var mine = users.get("/api/v1/provider/agents", owner.accessToken());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(ids(mine.json().get("agents"))).containsExactly(agent.id().value());
        var one = users.get("/api/v1/provider/agents/" + agent.id(), owner.accessToken());
        assertThat(one.json().get("registration").asText()).isEqualTo("registered");
        assertThat(one.json().get("auth").get("params").get("token_hint").asText())
                .isEqualTo("secret-for-owner");
        assertThat(one.json().get("playground_enabled").asBoolean()).isFalse();
        assertThat(one.json().get("reputation_score").asDouble()).isEqualTo(0.502);
        assertThat(role(owner)).isEqualTo("provider");
    }

    @Test
    void anOwnedAgentCanNeverBeTakenOverByAnotherAccount() {
        var owner = users.signUp("first");
        var thief = users.signUp("thief");
        var agent = node.newAgent();
        assertThat(registerFor(agent, "mine", owner.accessToken()).status()).isEqualTo(201);
        assertProblem(registerFor(agent, "stolen", thief.accessToken()), 409, "conflict");
        // A registration without credentials updates the card and keeps the owner.
        assertThat(
                        Http.send(agent.signed("POST", "/api/v1/agents", agent.card("renamed")))
                                .status())
                .isEqualTo(200);
        var view = users.get("/api/v1/provider/agents/" + agent.id(), owner.accessToken());
        assertThat(view.json().get("name").asText()).isEqualTo("renamed");
        assertProblem(
                users.get("/api/v1/provider/agents/" + agent.id(), thief.accessToken()),
                404,
                "not_found");
        assertThat(users.get("/api/v1/provider/agents", thief.accessToken()).json().get("agents"))
                .isEmpty();
    }

    @Test
    void registeringForAnAccountThroughAKeyNeedsTheManageAgentsScope() {
        var owner = users.signUp("scoped");
        var readOnly =
                users.post(
                                "/api/v1/auth/api-keys",
                                Map.of("name", "ro", "scopes", List.of("read")),
                                owner.accessToken())
                        .json()
                        .get("key")
                        .asText();
        var agent = node.newAgent();
        assertProblem(registerFor(agent, "scoped", readOnly), 403, "forbidden");
        assertProblem(Http.get(node.uri("/api/v1/agents/" + agent.id())), 401, "auth_error");
        var manager =
                users.post(
                                "/api/v1/auth/api-keys",
                                Map.of("name", "mgr", "scopes", List.of("manage_agents")),
                                owner.accessToken())
                        .json()
                        .get("key")
                        .asText();
        assertThat(registerFor(agent, "scoped", manager).status()).isEqualTo(201);
        assertProblem(users.get("/api/v1/provider/agents", manager), 403, "forbidden");
        assertThat(users.get("/api/v1/provider/agents", readOnly).json().get("agents")).hasSize(1);
    }

    @Test
    void aPostedCardStaysPendingUntilTheKeyHolderSigns() {
        var provider = users.signUp("poster");
        var agent = node.newAgent();
        var posted =
                users.post(
                        "/api/v1/provider/agents",
                        agent.card("pending one"),
                        provider.accessToken());
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.json().get("registration").asText()).isEqualTo("pending");
        assertThat(posted.json().get("id").asText()).isEqualTo(agent.id().value());
        var listed = users.get("/api/v1/provider/agents", provider.accessToken());
        assertThat(ids(listed.json().get("pending_agents"))).containsExactly(agent.id().value());
        assertThat(listed.json().get("agents")).isEmpty();
        // Invisible until its key holder signs something.
        var reader = node.newAgent();
        Http.send(reader.signed("POST", "/api/v1/agents", reader.card("reader")));
        assertProblem(
                Http.send(reader.signed("GET", "/api/v1/agents/" + agent.id(), null)),
                404,
                "not_found");
        var heartbeat =
                Http.send(
                        agent.signed(
                                "POST",
                                "/api/v1/agents/" + agent.id() + "/heartbeat",
                                Map.of("status", "online")));
        assertThat(heartbeat.status()).as(heartbeat.toString()).isEqualTo(200);
        var now = users.get("/api/v1/provider/agents/" + agent.id(), provider.accessToken());
        assertThat(now.json().get("registration").asText()).isEqualTo("registered");
        assertThat(now.json().get("name").asText()).isEqualTo("pending one");
        assertThat(now.json().get("visibility").asText()).isEqualTo("public");
        assertThat(Http.send(reader.signed("GET", "/api/v1/agents/" + agent.id(), null)).status())
                .isEqualTo(200);
        assertThat(role(provider)).isEqualTo("provider");
        assertProblem(
                users.post("/api/v1/provider/agents", agent.card("again"), provider.accessToken()),
                409,
                "conflict");
    }

    @Test
    void aPendingCardIsInvisibleToOthersAndNeverBlocksTheKeyHolder() {
        var squatter = users.signUp("squatter");
        var agent = node.newAgent();
        assertThat(
                        users.post(
                                        "/api/v1/provider/agents",
                                        agent.card("squat"),
                                        squatter.accessToken())
                                .status())
                .isEqualTo(201);
        var other = users.signUp("other-provider");
        assertProblem(
                users.post("/api/v1/provider/agents", agent.card("me too"), other.accessToken()),
                409,
                "conflict");
        var reader = node.newAgent();
        assertThat(
                        Http.send(reader.signed("POST", "/api/v1/agents", reader.card("reader")))
                                .status())
                .isEqualTo(201);
        assertProblem(
                Http.send(reader.signed("GET", "/api/v1/agents/" + agent.id(), null)),
                404,
                "not_found");

        var real = Http.send(agent.signed("POST", "/api/v1/agents", agent.card("the real one")));
        assertThat(real.status()).as(real.toString()).isEqualTo(201);
        assertProblem(
                users.get("/api/v1/provider/agents/" + agent.id(), squatter.accessToken()),
                404,
                "not_found");
        assertThat(
                        users.get("/api/v1/provider/agents", squatter.accessToken())
                                .json()
                                .get("pending_agents"))
                .isEmpty();
    }

    @Test
    void aPostedCardIsValidatedLikeARegistration() {
        var provider = users.signUp("validating");
        var agent = node.newAgent();
        var card = new HashMap<>(agent.card("bad"));
        card.remove("public_key");
        assertProblem(
                users.post("/api/v1/provider/agents", card, provider.accessToken()),
                400,
                "validation_error");
        card.put("public_key", "not-a-key");
        assertProblem(
                users.post("/api/v1/provider/agents", card, provider.accessToken()),
                400,
                "validation_error");
        var badProtocols = new HashMap<>(agent.card("bad"));
        badProtocols.put("protocols", List.of("smtp"));
        var response = users.post("/api/v1/provider/agents", badProtocols, provider.accessToken());
        assertProblem(response, 400, "validation_error");
        assertThat(response.json().get("errors").findValuesAsText("field"))
                .anyMatch(f -> f.startsWith("protocols"));
        assertProblem(
                users.post("/api/v1/provider/agents", agent.card("anon"), null), 401, "auth_error");
    }

    // ------------------------------------------------------------------ claim tokens

    @Test
    void aClaimTokenRegistersTheAgentIntoTheAccountOnce() {
        var provider = users.signUp("claimer");
        var token = users.post("/api/v1/provider/claim-tokens", null, provider.accessToken());
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        String code = token.json().get("code").asText();
        assertThat(code)
                .matches(
                        "PCW-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}");
        assertThat(token.json().get("expires_at").asText()).isNotBlank();

        var agent = node.newAgent();
        var claimed =
                Http.send(
                        agent.signed(
                                "POST",
                                "/api/v1/agents/claim",
                                Map.of("token", code, "card", agent.card("claimed"))));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);
        assertThat(
                        users.get("/api/v1/provider/agents/" + agent.id(), provider.accessToken())
                                .status())
                .isEqualTo(200);
        var list = users.get("/api/v1/provider/claim-tokens", provider.accessToken());
        assertThat(list.json().get("tokens").get(0).get("status").asText()).isEqualTo("claimed");
        assertThat(list.json().get("tokens").get(0).get("agent_id").asText())
                .isEqualTo(agent.id().value());

        var second = node.newAgent();
        assertProblem(
                Http.send(
                        second.signed(
                                "POST",
                                "/api/v1/agents/claim",
                                Map.of("token", code, "card", second.card("late")))),
                400,
                "validation_error");
        // Unsigned claims prove nothing.
        assertProblem(
                users.post(
                        "/api/v1/agents/claim",
                        Map.of("token", code, "card", second.card("x")),
                        null),
                401,
                "auth_error");
    }

    @Test
    void aClaimForAnAgentOwnedByAnotherAccountFailsAndKeepsTheToken() {
        var owner = users.signUp("holder");
        var agent = node.newAgent();
        assertThat(registerFor(agent, "held", owner.accessToken()).status()).isEqualTo(201);
        var provider = users.signUp("grabber");
        String code =
                users.post("/api/v1/provider/claim-tokens", null, provider.accessToken())
                        .json()
                        .get("code")
                        .asText();
        assertProblem(
                Http.send(
                        agent.signed(
                                "POST",
                                "/api/v1/agents/claim",
                                Map.of("token", code, "card", agent.card("grab")))),
                409,
                "conflict");
        var tokens = users.get("/api/v1/provider/claim-tokens", provider.accessToken());
        assertThat(tokens.json().get("tokens").get(0).get("status").asText()).isEqualTo("pending");
    }

    @Test
    void claimTokensAreLimitedAndWrongCodesLockTheAddressOut() {
        var provider = users.signUp("limited");
        for (int i = 0; i < ProviderConsole.LIVE_CLAIM_TOKENS; i++) {
            assertThat(
                            users.post(
                                            "/api/v1/provider/claim-tokens",
                                            null,
                                            provider.accessToken())
                                    .status())
                    .isEqualTo(201);
        }
        assertProblem(
                users.post("/api/v1/provider/claim-tokens", null, provider.accessToken()),
                409,
                "conflict");
        assertProblem(users.post("/api/v1/provider/claim-tokens", null, null), 401, "auth_error");
        var agent = node.newAgent();
        var missing = Http.send(agent.signed("POST", "/api/v1/agents/claim", Map.of()));
        assertProblem(missing, 400, "validation_error");
        assertThat(missing.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("token", "card");
    }

    // ------------------------------------------------------------------ owner-only routes

    @Test
    void updatesArePartialAndOnlyForTheOwner() {
        var owner = users.signUp("editor");
        var agent = node.newAgent();
        registerFor(agent, "editable", owner.accessToken());
        String path = "/api/v1/provider/agents/" + agent.id();
        var first =
                users.send(
                        "PUT",
                        path,
                        Map.of("description", "now described", "playground_enabled", true),
                        owner.accessToken());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("description").asText()).isEqualTo("now described");
        assertThat(first.json().get("name").asText()).isEqualTo("editable");
        assertThat(first.json().get("playground_enabled").asBoolean()).isTrue();
        var second = users.send("PUT", path, Map.of("public_endpoint", true), owner.accessToken());
        assertThat(second.json().get("description").asText()).isEqualTo("now described");
        assertThat(second.json().get("playground_enabled").asBoolean()).isTrue();
        assertThat(second.json().get("public_endpoint").asBoolean()).isTrue();

        var bad =
                users.send(
                        "PUT",
                        path,
                        Map.of("visibility", "secret", "description", "lost?"),
                        owner.accessToken());
        assertProblem(bad, 400, "validation_error");
        var tooMany =
                users.send(
                        "PUT",
                        path,
                        Map.of("capabilities", java.util.Collections.nCopies(51, "x")),
                        owner.accessToken());
        assertProblem(tooMany, 400, "validation_error");
        var unknownCategory =
                users.send(
                        "PUT",
                        path,
                        Map.of("categories", List.of("no-such-thing"), "description", "lost?"),
                        owner.accessToken());
        assertProblem(unknownCategory, 400, "validation_error");
        assertThat(unknownCategory.json().get("errors").findValuesAsText("field"))
                .containsExactly("categories[0]");
        assertProblem(
                users.send("PUT", path, Map.of("unknown_field", 1), owner.accessToken()),
                400,
                "validation_error");
        var manyWrong =
                users.send(
                        "PUT",
                        path,
                        "{\"description\":7,\"playground_enabled\":\"yes\","
                                + "\"capabilities\":\"x\",\"colour\":\"red\"}",
                        owner.accessToken());
        assertProblem(manyWrong, 400, "validation_error");
        assertThat(manyWrong.json().get("errors").findValuesAsText("field"))
                .containsExactly("description", "playground_enabled", "capabilities", "colour");
        assertThat(manyWrong.json().get("errors").findValuesAsText("message"))
                .containsExactly(
                        "must be text",
                        "must be true or false",
                        "must be a list",
                        "is not a field this request takes");
        assertThat(users.get(path, owner.accessToken()).json().get("description").asText())
                .isEqualTo("now described");

        var stranger = users.signUp("stranger");
        assertProblem(
                users.send("PUT", path, Map.of("description", "hijacked"), stranger.accessToken()),
                404,
                "not_found");
        assertProblem(users.send("DELETE", path, null, stranger.accessToken()), 404, "not_found");
        assertProblem(users.get(path + "/analytics", stranger.accessToken()), 404, "not_found");
        assertProblem(
                users.get(path + "/access-requests", stranger.accessToken()), 404, "not_found");
        assertProblem(
                users.send("PUT", path, Map.of("description", "anon"), null), 401, "auth_error");
        assertThat(users.get(path, owner.accessToken()).json().get("description").asText())
                .isEqualTo("now described");
    }

    @Test
    void makingAnAgentPrivateHidesItFromTheRegistryListing() {
        var owner = users.signUp("hider");
        var agent = node.newAgent();
        registerFor(agent, "hide-me-" + agent.id(), owner.accessToken());
        var reader = node.newAgent();
        Http.send(reader.signed("POST", "/api/v1/agents", reader.card("reader")));
        assertThat(
                        Http.send(reader.signed("GET", "/api/v1/agents?page_size=100", null))
                                .json()
                                .get("agents")
                                .findValuesAsText("id"))
                .contains(agent.id().value());
        var hidden =
                users.send(
                        "PUT",
                        "/api/v1/provider/agents/" + agent.id(),
                        Map.of("visibility", "private"),
                        owner.accessToken());
        assertThat(hidden.json().get("visibility").asText()).isEqualTo("private");
        assertThat(
                        Http.send(reader.signed("GET", "/api/v1/agents?page_size=100", null))
                                .json()
                                .get("agents")
                                .findValuesAsText("id"))
                .doesNotContain(agent.id().value());
        // The agent registering again without saying keeps its owner's choice.
        assertThat(
                        Http.send(agent.signed("POST", "/api/v1/agents", agent.card("restarted")))
                                .status())
                .isEqualTo(200);
        assertThat(
                        users.get("/api/v1/provider/agents/" + agent.id(), owner.accessToken())
                                .json()
                                .get("visibility")
                                .asText())
                .isEqualTo("private");
    }

    @Test
    void deletingRemovesTheAgent() {
        var owner = users.signUp("deleter");
        var agent = node.newAgent();
        registerFor(agent, "short-lived", owner.accessToken());
        assertThat(
                        users.send(
                                        "DELETE",
                                        "/api/v1/provider/agents/" + agent.id(),
                                        null,
                                        owner.accessToken())
                                .status())
                .isEqualTo(204);
        assertProblem(
                users.get("/api/v1/provider/agents/" + agent.id(), owner.accessToken()),
                404,
                "not_found");
        assertProblem(
                Http.send(agent.signed("GET", "/api/v1/agents/" + agent.id(), null)),
                401,
                "auth_error");
    }

    @Test
    void theDashboardAndAnalyticsHaveTheirShape() {
        var owner = users.signUp("counter");
        var agent = node.newAgent();
        registerFor(agent, "counted", owner.accessToken());
        users.post("/api/v1/provider/agents", node.newAgent().card("waiting"), owner.accessToken());
        var dashboard = users.get("/api/v1/provider/dashboard", owner.accessToken());
        assertThat(dashboard.json().get("total_agents").asLong()).isEqualTo(1);
        assertThat(dashboard.json().get("online_agents").asLong()).isEqualTo(1);
        assertThat(dashboard.json().get("pending_agents").asLong()).isEqualTo(1);
        assertThat(dashboard.json().get("average_reputation").asDouble()).isEqualTo(0.502);
        assertThat(dashboard.json().get("total_calls").asLong()).isZero();

        String path = "/api/v1/provider/agents/" + agent.id() + "/analytics";
        var analytics = users.get(path + "?bucket_minutes=120", owner.accessToken());
        assertThat(analytics.status()).as(analytics.toString()).isEqualTo(200);
        assertThat(analytics.json().get("total_calls").asLong()).isZero();
        assertThat(analytics.json().get("time_series")).hasSize(13);
        assertThat(analytics.json().get("time_series").get(0).has("timestamp")).isTrue();
        assertProblem(
                users.get(path + "?bucket_minutes=0", owner.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.get(path + "?bucket_minutes=x", owner.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.get(path + "?since=yesterday", owner.accessToken()), 400, "validation_error");
        assertProblem(
                users.get(
                        path + "?since=2000-01-01T00:00:00Z&bucket_minutes=1", owner.accessToken()),
                400,
                "validation_error");
    }

    // ------------------------------------------------------------------ access requests

    @Test
    void accessRequestsReachTheOwnerAndOnlyTheOwnerAnswers() {
        var owner = users.signUp("gatekeeper");
        var agent = node.newAgent();
        registerFor(agent, "gated", owner.accessToken());
        var asker = users.signUp("asker");
        String ask = "/api/v1/agents/" + agent.id() + "/access-requests";
        var asked = users.post(ask, Map.of("message", "may I?"), asker.accessToken());
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        assertThat(asked.json().get("status").asText()).isEqualTo("pending");
        String requestId = asked.json().get("id").asText();
        assertProblem(
                users.post(ask, Map.of("message", "me"), owner.accessToken()), 409, "conflict");
        assertProblem(
                users.post(ask, Map.of("message", "x".repeat(1001)), asker.accessToken()),
                400,
                "validation_error");
        assertProblem(users.post(ask, null, null), 401, "auth_error");

        String list = "/api/v1/provider/agents/" + agent.id() + "/access-requests";
        var requests = users.get(list, owner.accessToken());
        assertThat(ids(requests.json().get("access_requests"))).containsExactly(requestId);
        assertProblem(
                users.get(list + "?status=maybe", owner.accessToken()), 400, "validation_error");

        // A request id under another agent of the same owner is not found (no IDOR).
        var otherAgent = node.newAgent();
        registerFor(otherAgent, "other", owner.accessToken());
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/provider/agents/"
                                + otherAgent.id()
                                + "/access-requests/"
                                + requestId,
                        Map.of("status", "approved"),
                        owner.accessToken()),
                404,
                "not_found");
        assertProblem(
                users.send(
                        "PUT",
                        list + "/" + requestId,
                        Map.of("status", "approved"),
                        asker.accessToken()),
                404,
                "not_found");
        assertProblem(
                users.send(
                        "PUT",
                        list + "/" + requestId,
                        Map.of("status", "maybe"),
                        owner.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.send(
                        "PUT",
                        list + "/" + requestId,
                        Map.of("status", "approved", "expires_at", "2001-01-01T00:00:00Z"),
                        owner.accessToken()),
                400,
                "validation_error");
        var approved =
                users.send(
                        "PUT",
                        list + "/" + requestId,
                        Map.of("status", "approved"),
                        owner.accessToken());
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("approved");
        assertProblem(
                users.post(ask, Map.of("message", "again"), asker.accessToken()), 409, "conflict");

        var rejected =
                users.send(
                        "PUT",
                        list + "/" + requestId,
                        Map.of("status", "rejected", "reason", "changed my mind"),
                        owner.accessToken());
        assertThat(rejected.json().get("reject_reason").asText()).isEqualTo("changed my mind");
        var renewed = users.post(ask, Map.of("message", "please"), asker.accessToken());
        assertThat(renewed.status()).isEqualTo(201);
        assertThat(renewed.json().get("id").asText()).isEqualTo(requestId);
        assertThat(renewed.json().get("status").asText()).isEqualTo("pending");
        assertProblem(
                users.post(
                        "/api/v1/agents/" + node.newAgent().id() + "/access-requests",
                        null,
                        asker.accessToken()),
                404,
                "not_found");
    }
}
