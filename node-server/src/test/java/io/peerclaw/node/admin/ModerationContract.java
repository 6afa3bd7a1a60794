package io.peerclaw.node.admin;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reviews, reports and the admin area through HTTP: who may write what, and that moderation takes
 * effect at once in the public directory.
 */
abstract class ModerationContract {
    static final String ADMIN_EMAIL = "root@example.org";
    static final String ADMIN_PASSWORD = "root password 1";

    static TestNode node;
    static Users users;
    static Users.Session admin;

    static void startOn(TestNode.Engine engine) {
        node =
                TestNode.startWithAdmin(
                        engine, Map.of("user_auth.bcrypt_cost", "4"), ADMIN_EMAIL, ADMIN_PASSWORD);
        users = new Users(node.uri());
        var login = users.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        var me = users.get("/api/v1/auth/me", login.json().get("access_token").asText());
        admin = users.signIn(me.json().get("id").asText(), ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static List<String> ids(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(item -> out.add(item.get("id").asText()));
        return out;
    }

    /** A public agent owned by a new provider. */
    record Owned(TestAgent agent, Users.Session owner) {}

    static Owned ownedAgent(String name) {
        var owner = users.signUp(name + "-owner");
        var agent = node.newAgent();
        var registered =
                Http.send(
                        agent.signedFor(
                                "POST", "/api/v1/agents", agent.card(name), owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return new Owned(agent, owner);
    }

    static String reviews(TestAgent agent) {
        return "/api/v1/directory/" + agent.id() + "/reviews";
    }

    // ------------------------------------------------------------------ reviews

    @Test
    void oneReviewPerUserAndAgentAndTheSecondReplacesTheFirst() {
        var owned = ownedAgent("reviewed");
        var reviewer = users.signUp("reviewer");
        var first =
                users.post(
                        reviews(owned.agent()),
                        Map.of("rating", 5, "comment", "great"),
                        reviewer.accessToken());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        var second =
                users.post(reviews(owned.agent()), Map.of("rating", 2), reviewer.accessToken());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        var summary = Http.get(node.uri(reviews(owned.agent()) + "/summary"));
        assertThat(summary.json().get("total_reviews").asLong()).isEqualTo(1);
        assertThat(summary.json().get("average_rating").asDouble()).isEqualTo(2.0);
        assertThat(summary.json().get("distribution").toString()).isEqualTo("[0,1,0,0,0]");
        assertThat(
                        users.send("DELETE", reviews(owned.agent()), null, reviewer.accessToken())
                                .status())
                .isEqualTo(204);
        assertProblem(
                users.send("DELETE", reviews(owned.agent()), null, reviewer.accessToken()),
                404,
                "not_found");
        assertThat(
                        Http.get(node.uri(reviews(owned.agent()) + "/summary"))
                                .json()
                                .get("total_reviews")
                                .asLong())
                .isZero();
    }

    @Test
    void reviewsAreValidatedAndNeverOfOnesOwnOrOfHiddenAgents() {
        var owned = ownedAgent("guarded");
        var reviewer = users.signUp("validator");
        for (var bad :
                List.<Map<String, Object>>of(
                        Map.of("rating", 0),
                        Map.of("rating", 6),
                        Map.of("comment", "no rating"),
                        Map.of("rating", 4.5),
                        Map.of("rating", 3, "comment", "x".repeat(2001)),
                        Map.of("rating", 3, "stars", 3))) {
            assertProblem(
                    users.post(reviews(owned.agent()), bad, reviewer.accessToken()),
                    400,
                    "validation_error");
        }
        // A rating of the wrong type reads as one out of range does, naming the rule.
        for (Object rating : List.of(7, 4.5, "5", true)) {
            var refused =
                    users.post(
                            reviews(owned.agent()),
                            Map.of("rating", rating),
                            reviewer.accessToken());
            assertProblem(refused, 400, "validation_error");
            assertThat(refused.json().get("detail").asText())
                    .as("%s", rating)
                    .isEqualTo("rating must be a whole number from 1 to 5");
        }
        // Binding names every member of the wrong type, not only the first.
        var twoBad =
                users.post(
                        reviews(owned.agent()),
                        Map.of("rating", 4.5, "comment", 3),
                        reviewer.accessToken());
        assertProblem(twoBad, 400, "validation_error");
        assertThat(twoBad.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("rating", "comment");
        assertThat(twoBad.json().get("errors").findValuesAsText("message"))
                .containsExactlyInAnyOrder("must be a whole number from 1 to 5", "must be text");
        assertProblem(
                users.post(
                        reviews(owned.agent()), Map.of("rating", 5), owned.owner().accessToken()),
                403,
                "forbidden");
        assertProblem(
                users.post(reviews(owned.agent()), Map.of("rating", 5), null), 401, "auth_error");
        assertProblem(
                users.post(reviews(node.newAgent()), Map.of("rating", 5), reviewer.accessToken()),
                404,
                "not_found");
        users.send(
                "PUT",
                "/api/v1/provider/agents/" + owned.agent().id(),
                Map.of("visibility", "private"),
                owned.owner().accessToken());
        assertProblem(
                users.post(reviews(owned.agent()), Map.of("rating", 5), reviewer.accessToken()),
                404,
                "not_found");
    }

    // ------------------------------------------------------------------ reports

    @Test
    void reportsAreValidatedAndRepeatedOnesMerge() {
        var owned = ownedAgent("reported");
        var reporter = users.signUp("reporter");
        var body =
                Map.of(
                        "target_type",
                        "agent",
                        "target_id",
                        owned.agent().id().value(),
                        "reason",
                        "spam");
        var first = users.post("/api/v1/reports", body, reporter.accessToken());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("status").asText()).isEqualTo("pending");
        var again =
                users.post(
                        "/api/v1/reports",
                        Map.of(
                                "target_type",
                                "agent",
                                "target_id",
                                owned.agent().id().value(),
                                "reason",
                                "malicious",
                                "details",
                                "worse"),
                        reporter.accessToken());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(again.json().get("reason").asText()).isEqualTo("malicious");

        var bad =
                users.post(
                        "/api/v1/reports",
                        Map.of("target_type", "user", "target_id", "", "reason", "meh"),
                        reporter.accessToken());
        assertProblem(bad, 400, "validation_error");
        assertThat(bad.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("target_type", "target_id", "reason");
        assertProblem(
                users.post(
                        "/api/v1/reports",
                        Map.of("target_type", "review", "target_id", "nope", "reason", "spam"),
                        reporter.accessToken()),
                400,
                "validation_error");
        assertProblem(users.post("/api/v1/reports", body, null), 401, "auth_error");
    }

    // ------------------------------------------------------------------ admin

    @Test
    void theAdminsAgentListNamesEachOwnerByEmailBesideTheId() {
        var owned = ownedAgent("named-owner");
        var unowned = node.newAgent();
        assertThat(
                        Http.send(
                                        unowned.signed(
                                                "POST",
                                                "/api/v1/agents",
                                                unowned.card("nobodys-agent")))
                                .status())
                .isEqualTo(201);

        var list = users.get("/api/v1/admin/agents?page_size=100", admin.accessToken()).json();

        var byName = new java.util.HashMap<String, JsonNode>();
        list.get("agents").forEach(a -> byName.put(a.get("name").asText(), a));
        JsonNode mine = byName.get("named-owner");
        assertThat(mine.get("owner_user_id").asText()).isEqualTo(owned.owner().id());
        assertThat(mine.get("owner_email").asText()).isEqualTo(owned.owner().email());
        assertThat(byName.get("nobodys-agent").has("owner_email")).isFalse();
        // The owner's own view does not repeat their email.
        var ownView =
                users.get(
                        "/api/v1/provider/agents/" + owned.agent().id(),
                        owned.owner().accessToken());
        assertThat(ownView.json().has("owner_email")).isFalse();
    }

    @Test
    void everyAdminRouteRefusesNonAdmins() {
        var plain = users.signUp("plain");
        for (String path :
                List.of(
                        "/api/v1/admin/dashboard",
                        "/api/v1/admin/users",
                        "/api/v1/admin/agents",
                        "/api/v1/admin/reports",
                        "/api/v1/admin/analytics",
                        "/api/v1/admin/invocations",
                        "/api/v1/admin/audit")) {
            assertProblem(users.get(path, null), 401, "auth_error");
            assertProblem(users.get(path, plain.accessToken()), 403, "forbidden");
            assertThat(users.get(path, admin.accessToken()).status()).as(path).isEqualTo(200);
        }
        assertProblem(
                users.post(
                        "/api/v1/admin/categories",
                        Map.of("name", "X", "slug", "x"),
                        plain.accessToken()),
                403,
                "forbidden");
    }

    @Test
    void aDemotedAdminLosesAccessAtOnceDespiteTheirToken() {
        var second = users.signUp("second-admin");
        var promoted =
                users.send(
                        "PUT",
                        "/api/v1/admin/users/" + second.id() + "/role",
                        Map.of("role", "admin"),
                        admin.accessToken());
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        // The token still says "user"; the stored role is what counts.
        assertThat(users.get("/api/v1/admin/dashboard", second.accessToken()).status())
                .isEqualTo(200);
        users.send(
                "PUT",
                "/api/v1/admin/users/" + second.id() + "/role",
                Map.of("role", "user"),
                admin.accessToken());
        var fresh = users.signIn(second.id(), second.email(), Users.PASSWORD);
        assertProblem(users.get("/api/v1/admin/dashboard", fresh.accessToken()), 403, "forbidden");
        assertProblem(users.get("/api/v1/admin/dashboard", second.accessToken()), 403, "forbidden");
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/admin/users/" + admin.id() + "/role",
                        Map.of("role", "user"),
                        admin.accessToken()),
                409,
                "conflict");
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/admin/users/" + second.id() + "/role",
                        Map.of("role", "root"),
                        admin.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/admin/users/no-such-user/role",
                        Map.of("role", "user"),
                        admin.accessToken()),
                404,
                "not_found");
    }

    @Test
    void usersAreSearchedFilteredPagedAndDeleted() {
        var doomed = users.signUp("zz-doomed");
        var list = users.get("/api/v1/admin/users?search=zz-doomed", admin.accessToken());
        assertThat(ids(list.json().get("users"))).containsExactly(doomed.id());
        var admins = users.get("/api/v1/admin/users?role=admin", admin.accessToken());
        assertThat(admins.json().get("users").findValuesAsText("role")).containsOnly("admin");
        assertProblem(
                users.get("/api/v1/admin/users?role=root", admin.accessToken()),
                400,
                "validation_error");
        var firstPage = users.get("/api/v1/admin/users?page_size=1", admin.accessToken());
        assertThat(firstPage.json().get("users")).hasSize(1);
        var token = firstPage.json().get("next_page_token").asText();
        var secondPage =
                users.get(
                        "/api/v1/admin/users?page_size=1&page_token=" + token, admin.accessToken());
        assertThat(ids(secondPage.json().get("users")))
                .doesNotContainAnyElementsOf(ids(firstPage.json().get("users")));
        assertProblem(
                users.get("/api/v1/admin/users?page_token=garbage", admin.accessToken()),
                400,
                "validation_error");

        var detail = users.get("/api/v1/admin/users/" + doomed.id(), admin.accessToken());
        assertThat(detail.json().get("user").get("email").asText()).isEqualTo(doomed.email());
        assertThat(
                        users.send(
                                        "DELETE",
                                        "/api/v1/admin/users/" + doomed.id(),
                                        null,
                                        admin.accessToken())
                                .status())
                .isEqualTo(204);
        assertProblem(users.get("/api/v1/auth/me", doomed.accessToken()), 401, "auth_error");
        assertProblem(users.login(doomed.email(), Users.PASSWORD), 401, "auth_error");
        assertProblem(
                users.send(
                        "DELETE", "/api/v1/admin/users/" + admin.id(), null, admin.accessToken()),
                409,
                "conflict");
    }

    @Test
    void actioningAReportSuspendsTheAgentEverywhereAndTheOwnerSeesWhy() {
        String name = "offender-" + System.nanoTime();
        var owned = ownedAgent(name);
        String id = owned.agent().id().value();
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                ids(Http.get(
                                                        node.uri(
                                                                "/api/v1/directory?page_size=100&sort=registered_at"))
                                                .json()
                                                .get("agents"))
                                        .contains(id));
        var reporter = users.signUp("whistle");
        var report =
                users.post(
                        "/api/v1/reports",
                        Map.of("target_type", "agent", "target_id", id, "reason", "malicious"),
                        reporter.accessToken());
        String reportId = report.json().get("id").asText();

        var pending =
                users.get(
                        "/api/v1/admin/reports?status=pending&page_size=100", admin.accessToken());
        assertThat(ids(pending.json().get("reports"))).contains(reportId);
        assertThat(pending.json().get("reports").findValuesAsText("target_name"))
                .as("an admin's list names what was reported")
                .contains(name);
        assertProblem(
                users.get("/api/v1/admin/reports?status=open", admin.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/admin/reports/" + reportId,
                        Map.of("status", "reviewed", "action", "suspend_agent"),
                        admin.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/admin/reports/" + reportId,
                        Map.of("status", "actioned", "action", "hide_review"),
                        admin.accessToken()),
                400,
                "validation_error");
        var actioned =
                users.send(
                        "PUT",
                        "/api/v1/admin/reports/" + reportId,
                        Map.of(
                                "status",
                                "actioned",
                                "action",
                                "suspend_agent",
                                "note",
                                "confirmed"),
                        admin.accessToken());
        assertThat(actioned.status()).as(actioned.toString()).isEqualTo(200);
        assertThat(actioned.json().get("status").asText()).isEqualTo("actioned");
        assertThat(actioned.json().get("resolved_by").asText()).isEqualTo(admin.id());

        assertThat(
                        ids(
                                Http.get(
                                                node.uri(
                                                        "/api/v1/directory?page_size=100&sort=registered_at"))
                                        .json()
                                        .get("agents")))
                .doesNotContain(id);
        assertProblem(Http.get(node.uri("/api/v1/directory/" + id)), 404, "not_found");
        var ownerView = users.get("/api/v1/provider/agents/" + id, owned.owner().accessToken());
        assertThat(ownerView.json().get("suspended").asBoolean()).isTrue();
        assertThat(ownerView.json().get("suspended_reason").asText())
                .contains(reportId)
                .contains("malicious");
        assertThat(
                        users.get(
                                        "/api/v1/admin/agents?suspended=true&page_size=100",
                                        admin.accessToken())
                                .json()
                                .get("agents")
                                .findValuesAsText("id"))
                .contains(id);

        assertThat(
                        users.send(
                                        "DELETE",
                                        "/api/v1/admin/agents/" + id + "/suspend",
                                        null,
                                        admin.accessToken())
                                .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Http.get(node.uri("/api/v1/directory/" + id)).status() == 200);

        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                users.get(
                                                "/api/v1/admin/audit?event_type=moderation.report_decided&actor_user_id="
                                                        + admin.id(),
                                                admin.accessToken())
                                        .json()
                                        .get("events")
                                        .findValuesAsText("actor_user_id")
                                        .contains(admin.id()));
        var suspendedEvents =
                users.get(
                        "/api/v1/admin/audit?event_type=agent.suspended&agent_id=" + id,
                        admin.accessToken());
        assertThat(suspendedEvents.json().get("events").get(0).get("actor_user_id").asText())
                .isEqualTo(admin.id());
        assertThat(suspendedEvents.json().get("events").get(0).get("actor_email").asText())
                .as("the audit trail names its actor")
                .isEqualTo(admin.email());
        assertThat(suspendedEvents.json().get("events").get(0).get("agent_name").asText())
                .as("and its agent")
                .isEqualTo(name);
    }

    @Test
    void hidingAReviewRemovesItFromTheDirectory() {
        var owned = ownedAgent("with-review");
        var reviewer = users.signUp("rude");
        var review =
                users.post(
                        reviews(owned.agent()),
                        Map.of("rating", 1, "comment", "rude words"),
                        reviewer.accessToken());
        String reviewId = review.json().get("id").asText();
        var reporter = users.signUp("polite");
        var report =
                users.post(
                        "/api/v1/reports",
                        Map.of(
                                "target_type",
                                "review",
                                "target_id",
                                reviewId,
                                "reason",
                                "inappropriate"),
                        reporter.accessToken());
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        assertThat(report.json().has("target_name"))
                .as("the reporter's answer is not the admin's")
                .isFalse();
        assertThat(
                        users.get(
                                        "/api/v1/admin/reports/" + report.json().get("id").asText(),
                                        admin.accessToken())
                                .json()
                                .get("target_name")
                                .asText())
                .isEqualTo("review of with-review");
        assertThat(Http.get(node.uri(reviews(owned.agent()))).json().get("reviews")).hasSize(1);
        var hidden =
                users.send(
                        "PUT",
                        "/api/v1/admin/reports/" + report.json().get("id").asText(),
                        Map.of("status", "actioned", "action", "hide_review"),
                        admin.accessToken());
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(200);
        assertThat(Http.get(node.uri(reviews(owned.agent()))).json().get("reviews")).isEmpty();
        assertThat(
                        Http.get(node.uri(reviews(owned.agent()) + "/summary"))
                                .json()
                                .get("total_reviews")
                                .asLong())
                .isZero();
        var detail = users.get("/api/v1/admin/agents/" + owned.agent().id(), admin.accessToken());
        assertThat(detail.json().get("reviews").get("hidden_reviews").asLong()).isEqualTo(1);
        assertThat(detail.json().get("owner").get("id").asText()).isEqualTo(owned.owner().id());
        assertThat(detail.json().get("agent").get("id").asText())
                .isEqualTo(owned.agent().id().value());
        assertThat(detail.json().get("invocation_stats").get("total_calls").asLong()).isZero();
        assertThat(
                        users.send(
                                        "DELETE",
                                        "/api/v1/admin/reports/" + report.json().get("id").asText(),
                                        null,
                                        admin.accessToken())
                                .status())
                .isEqualTo(204);
        assertProblem(
                users.get(
                        "/api/v1/admin/reports/" + report.json().get("id").asText(),
                        admin.accessToken()),
                404,
                "not_found");
    }

    @Test
    void adminsVerifyAndDeleteAgentsAndManageCategories() {
        var owned = ownedAgent("curated");
        String path = "/api/v1/admin/agents/" + owned.agent().id();
        assertThat(users.post(path + "/verify", null, admin.accessToken()).status()).isEqualTo(204);
        assertThat(
                        users.get(
                                        "/api/v1/provider/agents/" + owned.agent().id(),
                                        owned.owner().accessToken())
                                .json()
                                .get("verified")
                                .asBoolean())
                .isTrue();
        // A new endpoint URL needs a new proof.
        users.send(
                "PUT",
                "/api/v1/provider/agents/" + owned.agent().id(),
                Map.of(
                        "endpoint",
                        Map.of("url", "https://moved.example.com/agent", "transport", "http")),
                owned.owner().accessToken());
        assertThat(
                        users.get(
                                        "/api/v1/provider/agents/" + owned.agent().id(),
                                        owned.owner().accessToken())
                                .json()
                                .get("verified")
                                .asBoolean())
                .isFalse();

        var category =
                users.post(
                        "/api/v1/admin/categories",
                        Map.of(
                                "name",
                                "Translation " + System.nanoTime(),
                                "slug",
                                "translation-" + System.nanoTime()),
                        admin.accessToken());
        assertThat(category.status()).as(category.toString()).isEqualTo(201);
        String slug = category.json().get("slug").asText();
        assertProblem(
                users.post(
                        "/api/v1/admin/categories",
                        Map.of("name", "Bad", "slug", "Not A Slug"),
                        admin.accessToken()),
                400,
                "validation_error");
        var tagged =
                users.send(
                        "PUT",
                        "/api/v1/provider/agents/" + owned.agent().id(),
                        Map.of("categories", List.of(slug)),
                        owned.owner().accessToken());
        assertThat(tagged.status()).as(tagged.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                ids(Http.get(node.uri("/api/v1/directory?category=" + slug))
                                                .json()
                                                .get("agents"))
                                        .contains(owned.agent().id().value()));
        String categoryId = category.json().get("id").asText();
        var renamed =
                users.send(
                        "PUT",
                        "/api/v1/admin/categories/" + categoryId,
                        Map.of("description", "only this changes"),
                        admin.accessToken());
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("slug").asText()).isEqualTo(slug);
        assertThat(renamed.json().get("description").asText()).isEqualTo("only this changes");
        assertThat(
                        users.send(
                                        "DELETE",
                                        "/api/v1/admin/categories/" + categoryId,
                                        null,
                                        admin.accessToken())
                                .status())
                .isEqualTo(204);
        assertProblem(
                users.send(
                        "DELETE",
                        "/api/v1/admin/categories/" + categoryId,
                        null,
                        admin.accessToken()),
                404,
                "not_found");

        assertThat(users.send("DELETE", path, null, admin.accessToken()).status()).isEqualTo(204);
        assertProblem(users.get(path, admin.accessToken()), 404, "not_found");
        assertProblem(
                users.get(
                        "/api/v1/provider/agents/" + owned.agent().id(),
                        owned.owner().accessToken()),
                404,
                "not_found");
    }

    @Test
    void dashboardAnalyticsAndInvocationsHaveTheirShape() {
        var dashboard = users.get("/api/v1/admin/dashboard", admin.accessToken());
        assertThat(dashboard.json().get("total_users").asLong()).isPositive();
        assertThat(dashboard.json().get("users_by_role").get("admin").asLong()).isPositive();
        assertThat(dashboard.json().has("pending_reports")).isTrue();
        var analytics =
                users.get("/api/v1/admin/analytics?bucket_minutes=1440", admin.accessToken());
        assertThat(analytics.json().get("time_series")).hasSize(2);
        assertProblem(
                users.get("/api/v1/admin/analytics?bucket_minutes=0", admin.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.get("/api/v1/admin/audit?limit=9999", admin.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.get("/api/v1/admin/audit?since=never", admin.accessToken()),
                400,
                "validation_error");
        assertThat(
                        users.get("/api/v1/admin/invocations", admin.accessToken())
                                .json()
                                .get("invocations"))
                .isEmpty();
        assertProblem(
                users.get("/api/v1/admin/agents?protocol=smtp", admin.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.get("/api/v1/admin/agents?suspended=maybe", admin.accessToken()),
                400,
                "validation_error");
    }
}
