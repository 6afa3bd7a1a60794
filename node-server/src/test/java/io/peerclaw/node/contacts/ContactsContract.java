package io.peerclaw.node.contacts;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Contacts and contact requests through HTTP on a running node: who may manage them, what they
 * accept, and that the list decides which agents may call a private agent through the gateway.
 */
abstract class ContactsContract {
    private static final String ADMIN_EMAIL = "contacts-admin@example.org";
    private static final String ADMIN_PASSWORD = "correct horse battery staple";

    static TestNode node;
    static Users users;
    static Users.Session admin;
    static String deadEndpoint;

    static void startOn(TestNode.Engine engine) {
        try (var socket = new ServerSocket(0)) {
            // Closed again at once: a call admitted to an agent there fails as unreachable (502).
            deadEndpoint = "http://127.0.0.1:" + socket.getLocalPort() + "/a2a";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var settings = new HashMap<String, String>();
        settings.put("security.allowed_private_cidrs", "127.0.0.1/32");
        settings.put("user_auth.bcrypt_cost", "4");
        settings.put("rate_limit.enabled", "false");
        settings.put("probe.enabled", "false");
        settings.put("gateway.call_timeout", "5s");
        node = TestNode.startWithAdmin(engine, settings, ADMIN_EMAIL, ADMIN_PASSWORD);
        users = new Users(node.uri());
        admin = users.signIn(null, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** An agent registered into {@code owner}'s account (or none), listening nowhere. */
    static TestAgent register(Users.Session owner, String visibility) {
        var agent = node.newAgent();
        var card = agent.card("contact-" + agent.id().value().substring(0, 6));
        card.put("endpoint", Map.of("url", deadEndpoint, "transport", "http"));
        if (visibility != null) {
            card.put("visibility", visibility);
        }
        var registered =
                Http.send(
                        owner == null
                                ? agent.signed("POST", "/api/v1/agents", card)
                                : agent.signedFor(
                                        "POST", "/api/v1/agents", card, owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    static String contacts(TestAgent agent) {
        return "/api/v1/agents/" + agent.id() + "/contacts";
    }

    static String requests(TestAgent agent) {
        return "/api/v1/agents/" + agent.id() + "/contact-requests";
    }

    static Http.Response signed(TestAgent agent, String method, String path, Object body) {
        return Http.send(agent.signed(method, path, body));
    }

    static Map<String, Object> add(TestAgent contact) {
        return Map.of("agent_id", contact.id().value());
    }

    static List<String> listed(TestAgent agent) {
        var list = signed(agent, "GET", contacts(agent), null);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        var out = new ArrayList<String>();
        list.json().get("contacts").forEach(c -> out.add(c.get("agent_id").asText()));
        return out;
    }

    static Http.Response invoke(TestAgent caller, TestAgent target) {
        return signed(caller, "POST", "/api/v1/invoke/" + target.id(), Map.of("message", "hello"));
    }

    // ------------------------------------------------------------------ the rule

    @Test
    void aPrivateAgentAnswersTheAgentsItListsAndNoOthers() {
        var target = register(users.signUp("private-owner"), "private");
        var caller = register(users.signUp("caller-owner"), null);

        assertProblem(invoke(caller, target), 403, "forbidden");
        assertThat(signed(target, "POST", contacts(target), add(caller)).status()).isEqualTo(201);
        // Admitted: the call then fails only because the agent listens nowhere.
        assertProblem(invoke(caller, target), 502, "agent_unreachable");
        // One direction only: the target is not in the caller's list.
        assertThat(listed(caller)).isEmpty();

        assertThat(signed(target, "DELETE", contacts(target) + "/" + caller.id(), null).status())
                .isEqualTo(204);
        assertProblem(invoke(caller, target), 403, "forbidden");
        assertProblem(
                signed(target, "DELETE", contacts(target) + "/" + caller.id(), null),
                404,
                "not_found");
    }

    @Test
    void anExpiredEntryNoLongerLetsTheAgentIn() {
        var target = register(users.signUp("expiring-owner"), "private");
        var caller = register(null, null);
        var body = new LinkedHashMap<String, Object>(add(caller));
        body.put("expires_at", Instant.now().plusSeconds(2).toString());
        assertThat(signed(target, "POST", contacts(target), body).status()).isEqualTo(201);
        assertProblem(invoke(caller, target), 502, "agent_unreachable");

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> invoke(caller, target).status() == 403);
        // Still listed, with its expiry, for the agent to renew.
        assertThat(listed(target)).containsExactly(caller.id().value());
    }

    @Test
    void agentsOfOneOwnerReachEachOtherWithoutBeingListed() {
        var owner = users.signUp("fleet");
        var target = register(owner, "private");
        var sibling = register(owner, null);
        assertProblem(invoke(sibling, target), 502, "agent_unreachable");
        assertThat(listed(target)).isEmpty();
    }

    // ------------------------------------------------------------------ who may manage

    @Test
    void theOwnerManagesTheListWithATokenOrAManageAgentsKey() {
        var owner = users.signUp("list-owner");
        var target = register(owner, "private");
        var first = register(null, null);
        var second = register(null, null);

        var byToken = users.post(contacts(target), add(first), owner.accessToken());
        assertThat(byToken.status()).as(byToken.toString()).isEqualTo(201);
        var manager = apiKey(owner, "manage_agents");
        assertThat(users.post(contacts(target), add(second), manager).status()).isEqualTo(201);
        var reader = apiKey(owner, "read");
        assertProblem(users.get(contacts(target), reader), 403, "forbidden");

        var list = users.get(contacts(target), owner.accessToken());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("contacts")).hasSize(2);
        assertThat(
                        users.send(
                                        "DELETE",
                                        contacts(target) + "/" + first.id(),
                                        null,
                                        owner.accessToken())
                                .status())
                .isEqualTo(204);
        assertThat(listed(target)).containsExactly(second.id().value());
    }

    @Test
    void everyoneElseFindsNoSuchAgent() {
        var owner = users.signUp("guarded-owner");
        var target = register(owner, null);
        var other = register(users.signUp("other-owner"), null);
        var stranger = users.signUp("stranger");

        assertProblem(users.get(contacts(target), stranger.accessToken()), 404, "not_found");
        assertProblem(signed(other, "GET", contacts(target), null), 404, "not_found");
        assertProblem(signed(other, "POST", contacts(target), add(other)), 404, "not_found");
        assertProblem(
                signed(other, "GET", requests(target) + "?direction=incoming", null),
                404,
                "not_found");
        // An admin is not the owner either.
        assertProblem(users.get(contacts(target), admin.accessToken()), 404, "not_found");
        assertProblem(Http.get(node.uri(contacts(target))), 401, "auth_error");
        // A forged signature is no credential at all.
        var forger = node.newAgent();
        assertProblem(
                Http.send(
                        forger.signed(
                                        "GET",
                                        contacts(target),
                                        new byte[0],
                                        now(),
                                        TestAgent.nonce())
                                .setHeader("X-PeerClaw-Agent-ID", target.id().value())
                                .build()),
                401,
                "auth_error");
        // Someone else's unknown id reads the same.
        assertProblem(
                users.get(
                        "/api/v1/agents/" + node.newAgent().id() + "/contacts",
                        owner.accessToken()),
                404,
                "not_found");
    }

    @Test
    void theAgentsOwnBearerKeyIsEnough() {
        var target = register(null, null);
        var contact = register(null, null);
        var minted = signed(target, "POST", "/api/v1/agents/" + target.id() + "/keys", Map.of());
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        String key = minted.json().get("key").asText();
        var added = Http.send(target.withKey("POST", contacts(target), add(contact), key));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        // The key works for its own agent only.
        assertProblem(
                Http.send(contact.withKey("GET", contacts(contact), null, key)), 401, "auth_error");
    }

    // ------------------------------------------------------------------ what a list accepts

    @Test
    void addingIsIdempotentByAgentAndUpdatesAliasAndExpiry() {
        var target = register(null, null);
        var contact = register(null, null);
        var first =
                signed(
                        target,
                        "POST",
                        contacts(target),
                        Map.of("agent_id", contact.id().value(), "alias", "billing"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("alias").asText()).isEqualTo("billing");
        String expires = Instant.now().plusSeconds(3600).toString();
        var again =
                signed(
                        target,
                        "POST",
                        contacts(target),
                        Map.of(
                                "agent_id",
                                contact.id().value(),
                                "alias",
                                "invoices",
                                "expires_at",
                                expires));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("created_at").asText())
                .isEqualTo(first.json().get("created_at").asText());

        var list = signed(target, "GET", contacts(target), null).json().get("contacts");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("alias").asText()).isEqualTo("invoices");
        assertThat(Instant.parse(list.get(0).get("expires_at").asText()))
                .isEqualTo(
                        Instant.parse(expires).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void aBadEntryIsRefusedWithEveryProblemNamed() {
        var target = register(null, null);
        var body = new LinkedHashMap<String, Object>();
        body.put("agent_id", target.id().value());
        body.put("alias", "x".repeat(201));
        body.put("expires_at", Instant.now().minusSeconds(60).toString());
        var refused = signed(target, "POST", contacts(target), body);
        assertProblem(refused, 400, "validation_error");
        assertThat(fields(refused)).containsExactlyInAnyOrder("agent_id", "alias", "expires_at");

        assertProblem(signed(target, "POST", contacts(target), Map.of()), 400, "validation_error");
        assertProblem(
                signed(target, "POST", contacts(target), Map.of("agent_id", "not an id")),
                400,
                "validation_error");
        assertProblem(
                signed(
                        target,
                        "POST",
                        contacts(target),
                        Map.of("agent_id", node.newAgent().id().value())),
                404,
                "not_found");
        assertProblem(
                signed(target, "POST", contacts(target), Map.of("agent_id", 7)),
                400,
                "validation_error");
        assertProblem(
                signed(
                        target,
                        "POST",
                        contacts(target),
                        Map.of("agent_id", target.id().value(), "surprise", true)),
                400,
                "validation_error");
        assertProblem(
                signed(target, "PATCH", contacts(target), Map.of()), 405, "method_not_allowed");
        assertThat(listed(target)).isEmpty();
    }

    @Test
    void aDeletedAgentLeavesEveryList() {
        var target = register(null, null);
        var leaving = register(null, null);
        assertThat(signed(target, "POST", contacts(target), add(leaving)).status()).isEqualTo(201);
        assertThat(signed(leaving, "POST", requests(leaving), ask(target)).status()).isEqualTo(201);
        var gone = signed(leaving, "DELETE", "/api/v1/agents/" + leaving.id(), null);
        assertThat(gone.status()).as(gone.toString()).isIn(200, 204);
        assertThat(listed(target)).isEmpty();
        assertThat(signed(target, "GET", requests(target), null).json().get("requests")).isEmpty();
    }

    // ------------------------------------------------------------------ requests

    @Test
    void anApprovedRequestListsBothAgentsInEachOther() {
        var asking = register(users.signUp("asking-owner"), "private");
        var asked = register(users.signUp("asked-owner"), "private");

        var sent =
                signed(
                        asking,
                        "POST",
                        requests(asking),
                        Map.of("to_agent_id", asked.id().value(), "message", "let us talk"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().get("status").asText()).isEqualTo("pending");
        assertThat(sent.json().get("from_agent_id").asText()).isEqualTo(asking.id().value());
        String id = sent.json().get("id").asText();
        var again =
                signed(asking, "POST", requests(asking), Map.of("to_agent_id", asked.id().value()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(id);

        var incoming = signed(asked, "GET", requests(asked) + "?direction=incoming", null);
        assertThat(ids(incoming.json().get("requests"))).containsExactly(id);
        var outgoing =
                signed(
                        asking,
                        "GET",
                        requests(asking) + "?direction=outgoing&status=pending",
                        null);
        assertThat(ids(outgoing.json().get("requests"))).containsExactly(id);
        assertThat(
                        signed(asking, "GET", requests(asking) + "?direction=incoming", null)
                                .json()
                                .get("requests"))
                .isEmpty();
        // Only the asked side answers; the asker's own path does not know the request.
        assertProblem(
                signed(asking, "PUT", requests(asking) + "/" + id, Map.of("status", "approved")),
                404,
                "not_found");
        assertProblem(invoke(asking, asked), 403, "forbidden");

        var approved =
                signed(asked, "PUT", requests(asked) + "/" + id, Map.of("status", "approved"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("approved");
        assertThat(listed(asked)).containsExactly(asking.id().value());
        assertThat(listed(asking)).containsExactly(asked.id().value());
        assertProblem(invoke(asking, asked), 502, "agent_unreachable");
        assertProblem(invoke(asked, asking), 502, "agent_unreachable");

        assertProblem(
                signed(asked, "PUT", requests(asked) + "/" + id, Map.of("status", "rejected")),
                409,
                "conflict");
        assertProblem(
                signed(asking, "POST", requests(asking), Map.of("to_agent_id", asked.id().value())),
                409,
                "conflict");
    }

    @Test
    void aRejectedRequestKeepsItsReasonAndMayBeAskedAgain() {
        var asking = register(null, null);
        var asked = register(users.signUp("choosy"), null);
        String id = signed(asking, "POST", requests(asking), ask(asked)).json().get("id").asText();
        var rejected =
                signed(
                        asked,
                        "PUT",
                        requests(asked) + "/" + id,
                        Map.of("status", "rejected", "reason", "not now"));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("reject_reason").asText()).isEqualTo("not now");
        assertThat(listed(asked)).isEmpty();
        assertThat(
                        signed(asked, "GET", requests(asked) + "?status=rejected", null)
                                .json()
                                .get("requests"))
                .hasSize(1);

        var reopened = signed(asking, "POST", requests(asking), ask(asked));
        assertThat(reopened.status()).isEqualTo(201);
        assertThat(reopened.json().get("id").asText()).isEqualTo(id);
        assertThat(reopened.json().get("status").asText()).isEqualTo("pending");
        assertThat(reopened.json().get("reject_reason").asText()).isEmpty();
    }

    @Test
    void anAgentWaitsOnTwentyRequestsAtMost() {
        var asking = register(null, null);
        for (int i = 0; i < ContactBook.MAX_PENDING; i++) {
            var sent = signed(asking, "POST", requests(asking), ask(register(null, null)));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        }
        var one = register(null, null);
        var refused = signed(asking, "POST", requests(asking), ask(one));
        assertProblem(refused, 409, "conflict");
        assertThat(refused.json().get("detail").asText()).contains("20 contact requests");
        assertThat(
                        signed(asking, "GET", requests(asking) + "?direction=outgoing", null)
                                .json()
                                .get("requests"))
                .hasSize(ContactBook.MAX_PENDING);
    }

    @Test
    void badRequestsAndAnswersAreRefused() {
        var asking = register(null, null);
        var asked = register(null, null);
        assertProblem(signed(asking, "POST", requests(asking), Map.of()), 400, "validation_error");
        assertProblem(
                signed(asking, "POST", requests(asking), ask(asking)), 400, "validation_error");
        assertProblem(
                signed(
                        asking,
                        "POST",
                        requests(asking),
                        Map.of("to_agent_id", asked.id().value(), "message", "m".repeat(1001))),
                400,
                "validation_error");
        assertProblem(
                signed(asking, "POST", requests(asking), ask(node.newAgent())), 404, "not_found");
        assertProblem(
                signed(asking, "GET", requests(asking) + "?direction=sideways", null),
                400,
                "validation_error");
        assertProblem(
                signed(asking, "GET", requests(asking) + "?status=maybe", null),
                400,
                "validation_error");
        String id = signed(asking, "POST", requests(asking), ask(asked)).json().get("id").asText();
        var badAnswer =
                signed(
                        asked,
                        "PUT",
                        requests(asked) + "/" + id,
                        Map.of("status", "perhaps", "reason", "r".repeat(1001)));
        assertProblem(badAnswer, 400, "validation_error");
        assertThat(fields(badAnswer)).containsExactlyInAnyOrder("status", "reason");
        assertProblem(
                signed(
                        asked,
                        "PUT",
                        requests(asked) + "/no-such-request",
                        Map.of("status", "approved")),
                404,
                "not_found");
        // Nothing of the refused answers stuck.
        assertThat(
                        signed(asked, "GET", requests(asked), null)
                                .json()
                                .get("requests")
                                .get(0)
                                .get("status")
                                .asText())
                .isEqualTo("pending");
    }

    @Test
    void suspendedAgentsNeitherAskNorAreAsked() {
        var suspended = register(users.signUp("suspended-owner"), null);
        var other = register(null, null);
        var done =
                users.post(
                        "/api/v1/admin/agents/" + suspended.id() + "/suspend",
                        Map.of("reason", "abuse"),
                        admin.accessToken());
        assertThat(done.status()).as(done.toString()).isIn(200, 204);
        assertProblem(signed(other, "POST", requests(other), ask(suspended)), 404, "not_found");
        assertProblem(signed(suspended, "POST", requests(suspended), ask(other)), 403, "forbidden");
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> ask(TestAgent to) {
        return Map.of("to_agent_id", to.id().value());
    }

    static List<String> ids(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(item -> out.add(item.get("id").asText()));
        return out;
    }

    static List<String> fields(Http.Response problem) {
        var out = new ArrayList<String>();
        problem.json().get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    static String apiKey(Users.Session owner, String scope) {
        var created =
                users.post(
                        "/api/v1/auth/api-keys",
                        Map.of("name", scope + "-key", "scopes", List.of(scope)),
                        owner.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("key").asText();
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
