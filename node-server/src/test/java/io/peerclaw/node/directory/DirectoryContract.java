package io.peerclaw.node.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.Problems;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The directory's routes against a real node; run on H2 and on PostgreSQL by the subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DirectoryContract {
    DirectoryNode node;

    abstract TestNode.Engine engine();

    @BeforeAll
    void startNode() {
        node = DirectoryNode.start(engine());
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    // ---- helpers

    TestAgent register(TestAgent agent, Map<String, Object> card) {
        var response = Http.send(agent.signed("POST", "/api/v1/agents", card));
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        return agent;
    }

    TestAgent registered(String name, String description, List<String> capabilities) {
        var agent = node.newAgent();
        var card = agent.card(name, new ArrayList<>(capabilities), List.of("a2a"));
        card.put("description", description);
        card.put("peerclaw", Map.of("tags", List.of("tag-" + name.toLowerCase())));
        return register(agent, card);
    }

    Http.Response get(String pathAndQuery) {
        return Http.get(node.uri(pathAndQuery));
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static List<String> ids(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("agents").spliterator(), false)
                .map(a -> a.get("id").asText())
                .toList();
    }

    /** Polls until the search finds the agent; the index promises 5 s. */
    void awaitSearchable(String query, TestAgent agent) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!ids(get("/api/v1/directory?page_size=100&search=" + q(query)))
                .contains(agent.id().value())) {
            assertThat(System.nanoTime())
                    .as("searchable within 5 s: " + query)
                    .isLessThan(deadline);
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String unique() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    // ---- listing

    @Test
    void listsPublicAgentsInTheSanitizedShape() {
        var agent =
                registered("Sanitized " + unique(), "shows only public fields", List.of("chat"));
        // New agents reach cached pages within the page cache's lifetime (2 s; 5 s promised).
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                ids(get("/api/v1/directory?page_size=100"))
                                        .contains(agent.id().value()));
        var response = get("/api/v1/directory?page_size=100");
        assertThat(response.json().has("next_page_token")).isTrue();
        JsonNode shown =
                StreamSupport.stream(response.json().get("agents").spliterator(), false)
                        .filter(a -> a.get("id").asText().equals(agent.id().value()))
                        .findFirst()
                        .orElseThrow();
        assertThat(iterable(shown.fieldNames()))
                .contains(
                        "id",
                        "name",
                        "description",
                        "version",
                        "capabilities",
                        "skills",
                        "tools",
                        "protocols",
                        "status",
                        "tags",
                        "verified",
                        "trusted",
                        "card_signed",
                        "reputation_score",
                        "categories",
                        "registered_at",
                        "last_heartbeat")
                .doesNotContain(
                        "auth",
                        "metadata",
                        "public_key",
                        "owner_user_id",
                        "endpoint",
                        "endpoint_url",
                        "visibility",
                        "peerclaw",
                        "signatures");
        assertThat(response.text())
                .doesNotContain("secret-for-owner")
                .doesNotContain("sdk_version");
        // A new agent's one registration event: 0.5 moved 2 % of the way to 0.6.
        assertThat(shown.get("reputation_score").asDouble()).isEqualTo(0.502);
        assertThat(shown.get("trusted").asBoolean()).isFalse();
        assertThat(shown.get("card_signed").asBoolean()).isFalse();
        assertThat(shown.get("tags").get(0).asText()).startsWith("tag-sanitized");

        node.sql("UPDATE agents SET public_endpoint = TRUE WHERE id = ?", agent.id().value());
        node.directory().publicViewChanged(agent.id());
        var profile = get("/api/v1/directory/" + agent.id());
        assertThat(profile.json().get("endpoint_url").asText())
                .isEqualTo("https://agents.example.com/" + agent.id());
        assertThat(profile.text()).doesNotContain("secret-for-owner");
    }

    static List<String> iterable(java.util.Iterator<String> names) {
        var out = new ArrayList<String>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        var cases = new LinkedHashMap<String, String>();
        cases.put("capability=" + "c".repeat(129), "capability");
        cases.put("protocol=smtp", "protocol");
        cases.put("status=sleepy", "status");
        cases.put("verified=yes", "verified");
        cases.put("min_score=1.5", "min_score");
        cases.put("min_score=high", "min_score");
        cases.put("search=" + q("!!! ???"), "search");
        cases.put("search=" + q("a b c d e f g h i"), "search");
        cases.put("search=" + "x".repeat(201), "search");
        cases.put("category=Not_A_Slug", "category");
        cases.put("sort=random", "sort");
        cases.put("page_size=0", "page_size");
        cases.put("page_size=ten", "page_size");
        cases.put("page_token=not-a-token", "page_token");
        cases.forEach(
                (query, field) -> {
                    var response = get("/api/v1/directory?" + query);
                    assertThat(response.status()).as(query).isEqualTo(400);
                    assertThat(response.header("Content-Type")).contains("problem+json");
                    assertThat(response.json().at("/errors/0/field").asText())
                            .as(query)
                            .isEqualTo(field);
                });
        // A token from one sort does not fit another.
        String token =
                get("/api/v1/directory?page_size=1&sort=name")
                        .json()
                        .get("next_page_token")
                        .asText();
        if (!token.isEmpty()) {
            assertThat(get("/api/v1/directory?page_token=" + token).status()).isEqualTo(400);
        }
        var agent = registered("Params " + unique(), "x", List.of("chat"));
        String base = "/api/v1/directory/" + agent.id();
        assertThat(get(base + "/reputation?limit=0").json().at("/errors/0/field").asText())
                .isEqualTo("limit");
        assertThat(get(base + "/reviews?page_size=x").json().at("/errors/0/field").asText())
                .isEqualTo("page_size");
        assertThat(get(base + "/reviews?page_token=zz").json().at("/errors/0/field").asText())
                .isEqualTo("page_token");
    }

    @Test
    void unknownPrivateAndSuspendedAgentsAreTheSame404() {
        var hidden = node.newAgent();
        var card = hidden.card("Hidden " + unique());
        card.put("visibility", "private");
        register(hidden, card);
        var suspended = registered("Suspended " + unique(), "x", List.of("chat"));
        node.sql(
                "UPDATE agents SET suspended_at = ?, suspended_reason = 'spam' WHERE id = ?",
                Instant.now(),
                suspended.id().value());
        node.directory().publicViewChanged(suspended.id());
        String unknown = node.newAgent().id().value();
        for (String id : List.of(hidden.id().value(), suspended.id().value(), unknown)) {
            for (String suffix : List.of("", "/reputation", "/reviews", "/reviews/summary")) {
                var response = get("/api/v1/directory/" + id + suffix);
                assertThat(response.status()).as(id + suffix).isEqualTo(404);
                assertThat(response.json().get("detail").asText())
                        .isEqualTo("no public agent with id " + id);
            }
        }
        assertThat(get("/api/v1/directory/not-an-id").status()).isEqualTo(404);
        var all = ids(get("/api/v1/directory?page_size=100"));
        assertThat(all).doesNotContain(hidden.id().value(), suspended.id().value());
    }

    // ---- search and filters

    @Test
    void fullTextSearchFindsNewAndEditedAgentsWithinFiveSeconds() {
        String word = unique();
        var agent = node.newAgent();
        var card = agent.card("Café Forecaster " + word, List.of("weather"), List.of("mcp"));
        card.put("description", "Predicts rainfall for Zürich");
        card.put(
                "skills",
                List.of(Map.of("id", "s", "name", "Storm radar", "tags", List.of("meteorology"))));
        register(agent, card);
        awaitSearchable(word, agent);
        for (String query :
                List.of(
                        word.toUpperCase(),
                        "cafe " + word,
                        "zurich rain",
                        "STORM " + word.substring(0, 6),
                        "meteorolog",
                        word + " forecaster weather")) {
            assertThat(ids(get("/api/v1/directory?search=" + q(query))))
                    .as(query)
                    .contains(agent.id().value());
        }
        assertThat(ids(get("/api/v1/directory?search=" + q(word + " absentword"))))
                .doesNotContain(agent.id().value());

        String renamed = unique();
        card.put("name", "Renamed " + renamed);
        register(agent, card);
        awaitSearchable(renamed, agent);
        // A page cached before the edit may answer for the cache's lifetime (2 s; 5 s promised).
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> ids(get("/api/v1/directory?search=" + q("cafe " + word))).isEmpty());
    }

    @Test
    void filtersNarrowTheListing() {
        String cap = unique();
        var plain = registered("Filter plain " + cap, "x", List.of(cap));
        var mcp = node.newAgent();
        register(mcp, mcp.card("Filter mcp " + cap, List.of(cap, "other"), List.of("mcp")));
        var trusted = registered("Filter trusted " + cap, "x", List.of(cap));
        node.sql(
                "UPDATE agents SET verified = TRUE, reputation_score = 0.9 WHERE id = ?",
                trusted.id().value());
        node.directory().publicViewChanged(trusted.id());

        String base = "/api/v1/directory?page_size=100&capability=" + cap;
        assertThat(ids(get(base)))
                .containsExactly(
                        trusted.id().value(),
                        idsSorted(plain, mcp).get(0),
                        idsSorted(plain, mcp).get(1));
        assertThat(ids(get(base + "&protocol=mcp"))).containsExactly(mcp.id().value());
        assertThat(ids(get(base + "&verified=true"))).containsExactly(trusted.id().value());
        assertThat(ids(get(base + "&verified=false"))).hasSize(2);
        assertThat(ids(get(base + "&min_score=0.8"))).containsExactly(trusted.id().value());
        assertThat(ids(get(base + "&status=online"))).hasSize(3);
        assertThat(ids(get(base + "&status=offline"))).isEmpty();
        var profile = get("/api/v1/directory/" + trusted.id()).json();
        assertThat(profile.get("trusted").asBoolean()).isTrue();
        assertThat(profile.get("verified").asBoolean()).isTrue();

        assertThat(ids(get(base + "&sort=name")))
                .containsExactly(mcp.id().value(), plain.id().value(), trusted.id().value());
        assertThat(ids(get(base + "&sort=registered_at")))
                .containsExactly(trusted.id().value(), mcp.id().value(), plain.id().value());

        awaitSearchable("filter plain " + cap, plain);
        awaitSearchable("filter mcp " + cap, mcp);
        // Words, a prefix and sets together: whichever is read first, the others are checked.
        assertThat(ids(get(base + "&protocol=mcp&search=filter%20mc")))
                .containsExactly(mcp.id().value());
        assertThat(ids(get(base + "&search=filter%20pla"))).containsExactly(plain.id().value());
        assertThat(ids(get(base + "&protocol=a2a&search=filter%20mc"))).isEmpty();
        assertThat(ids(get("/api/v1/directory?page_size=100&protocol=mcp&search=" + cap)))
                .containsExactly(mcp.id().value());
        node.directory().setRecentCalls(mcp.id(), 40);
        node.directory().setRecentCalls(plain.id(), 7);
        node.directory().publicViewChanged(mcp.id());
        assertThat(ids(get(base + "&sort=popular")).subList(0, 2))
                .containsExactly(mcp.id().value(), plain.id().value());
    }

    private static List<String> idsSorted(TestAgent... agents) {
        return java.util.Arrays.stream(agents).map(a -> a.id().value()).sorted().toList();
    }

    @Test
    void categoriesAreListedAssignedAndFiltered() {
        var categories = node.directory().categories();
        String slug = "cat-" + unique();
        var second =
                categories.create(new Categories.Draft("Zeta " + slug, slug + "-z", "", "", 1));
        var first = categories.create(new Categories.Draft("Alpha " + slug, slug, "d", "icon", 1));
        var agent = registered("Categorised " + unique(), "x", List.of("chat"));
        categories.setAgentCategories(agent.id(), List.of(slug));

        var listed = get("/api/v1/categories").json().get("categories");
        var names = new ArrayList<String>();
        listed.forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).containsSubsequence(first.name(), second.name());
        assertThat(listed.get(0).has("sort_order")).isTrue();

        assertThat(ids(get("/api/v1/directory?category=" + slug)))
                .containsExactly(agent.id().value());
        assertThat(ids(get("/api/v1/directory?category=" + slug + "-z"))).isEmpty();
        assertThat(ids(get("/api/v1/directory?category=no-such-category"))).isEmpty();
        var shown = get("/api/v1/directory/" + agent.id()).json().get("categories").get(0);
        assertThat(shown.get("slug").asText()).isEqualTo(slug);
        assertThat(shown.get("name").asText()).isEqualTo(first.name());

        categories.delete(first.id());
        assertThat(get("/api/v1/directory/" + agent.id()).json().get("categories")).isEmpty();
    }

    // ---- what must vanish at once

    @Test
    void deregisteredHiddenAndSuspendedAgentsVanishAtOnceEvenFromCachedPages() {
        var gone = registered("Vanish one " + unique(), "x", List.of("chat"));
        var hidden = registered("Vanish two " + unique(), "x", List.of("chat"));
        var suspended = registered("Vanish three " + unique(), "x", List.of("chat"));
        String word = unique();
        for (var agent : List.of(gone, hidden, suspended)) {
            node.sql("UPDATE agents SET reputation_score = 0.99 WHERE id = ?", agent.id().value());
        }
        node.directory().publicViewChanged(gone.id());
        List<String> firstPage = ids(get("/api/v1/directory"));
        assertThat(firstPage)
                .contains(gone.id().value(), hidden.id().value(), suspended.id().value());
        get("/api/v1/directory/" + gone.id()); // cached profile too

        assertThat(Http.send(gone.signed("DELETE", "/api/v1/agents/" + gone.id(), null)).status())
                .isEqualTo(204);
        assertThat(ids(get("/api/v1/directory"))).doesNotContain(gone.id().value());
        assertThat(get("/api/v1/directory/" + gone.id()).status()).isEqualTo(404);

        var card = hidden.card("Vanish two " + word);
        card.put("visibility", "private");
        register(hidden, card);
        assertThat(ids(get("/api/v1/directory"))).doesNotContain(hidden.id().value());
        assertThat(get("/api/v1/directory/" + hidden.id()).status()).isEqualTo(404);
        assertThat(ids(get("/api/v1/directory?search=" + q(word)))).isEmpty();

        node.sql(
                "UPDATE agents SET suspended_at = ? WHERE id = ?",
                Instant.now(),
                suspended.id().value());
        node.directory().publicViewChanged(suspended.id());
        assertThat(ids(get("/api/v1/directory"))).doesNotContain(suspended.id().value());
    }

    @Test
    void cachedPagesCarryAnEtag() {
        var first = get("/api/v1/directory");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        var again =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/directory"))
                                .header("If-None-Match", etag)
                                .GET()
                                .build());
        assertThat(again.status()).isIn(200, 304);
        if (again.status() == 200) {
            assertThat(again.header("ETag")).isNotEqualTo(etag); // the page changed meanwhile
        }
    }

    // ---- pagination

    @Test
    void paginationWalksEveryAgentOnceWhileAgentsRegister() throws Exception {
        for (int i = 0; i < 25; i++) {
            registered("Walker " + i + " " + unique(), "x", List.of("chat"));
        }
        for (String sort : List.of("reputation", "name", "registered_at")) {
            Set<String> before =
                    new HashSet<>(ids(get("/api/v1/directory?page_size=100000&sort=" + sort)));
            // page_size is cut to 100: read the whole set first with a walk of big pages
            before = walk(sort, 100);
            var stop = new AtomicBoolean();
            var writer =
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        int i = 0;
                                        while (!stop.get()) {
                                            registered(
                                                    "Late " + i++ + " " + unique(),
                                                    "x",
                                                    List.of("chat"));
                                        }
                                    });
            Set<String> during;
            try {
                during = walk(sort, 7);
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(during).as(sort).containsAll(before);
        }
    }

    /** Walks every page; fails on a repeated agent. */
    private Set<String> walk(String sort, int size) {
        var seen = new HashSet<String>();
        String token = "";
        do {
            var page =
                    get(
                            "/api/v1/directory?sort="
                                    + sort
                                    + "&page_size="
                                    + size
                                    + "&page_token="
                                    + token);
            for (String id : ids(page)) {
                assertThat(seen.add(id)).as("seen once: " + id).isTrue();
            }
            token = page.json().get("next_page_token").asText();
        } while (!token.isEmpty());
        return seen;
    }

    // ---- reviews and reputation

    @Test
    void reviewsAndTheirSummaryLeaveHiddenReviewsOut() {
        var agent = registered("Reviewed " + unique(), "x", List.of("chat"));
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        int[] ratings = {5, 4, 4, 1, 2};
        var ids = new ArrayList<String>();
        for (int i = 0; i < ratings.length + 1; i++) {
            String user = UUID.randomUUID().toString();
            node.sql(
                    "INSERT INTO users (id, email, password_hash, display_name, role,"
                            + " email_verified, created_at, updated_at) VALUES (?, ?, 'x', ?,"
                            + " 'user', TRUE, ?, ?)",
                    user,
                    user + "@example.com",
                    "User " + i,
                    base,
                    base);
            String review = UUID.randomUUID().toString();
            ids.add(review);
            node.sql(
                    "INSERT INTO reviews (id, agent_id, user_id, rating, comment, hidden,"
                            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    review,
                    agent.id().value(),
                    user,
                    i < ratings.length ? ratings[i] : 5,
                    "comment " + i,
                    i == ratings.length,
                    base.plusSeconds(i),
                    base.plusSeconds(i));
        }
        var summary = get("/api/v1/directory/" + agent.id() + "/reviews/summary").json();
        assertThat(summary.get("total_reviews").asLong()).isEqualTo(5);
        assertThat(summary.get("average_rating").asDouble()).isEqualTo(3.2);
        assertThat(summary.get("distribution").toString()).isEqualTo("[1,1,0,2,1]");
        var profile = get("/api/v1/directory/" + agent.id()).json();
        assertThat(profile.at("/review_summary/total_reviews").asLong()).isEqualTo(5);

        var seen = new ArrayList<String>();
        String token = "";
        do {
            var page =
                    get(
                            "/api/v1/directory/"
                                    + agent.id()
                                    + "/reviews?page_size=2&page_token="
                                    + token);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("reviews").forEach(r -> seen.add(r.get("id").asText()));
            JsonNode first = page.json().get("reviews").get(0);
            assertThat(first.get("display_name").asText()).startsWith("User ");
            assertThat(first.has("user_id")).isTrue();
            token = page.json().get("next_page_token").asText();
        } while (!token.isEmpty());
        assertThat(seen)
                .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void reputationHistoryAndProfileShowWhatMovedTheScore() {
        var agent = registered("Reputed " + unique(), "x", List.of("chat"));
        var users = new io.peerclaw.node.fixtures.Users(node.uri("/"));
        String reviews = "/api/v1/directory/" + agent.id() + "/reviews";
        for (int rating : new int[] {5, 4, 1}) {
            var reviewer = users.signUp("reviewer");
            assertThat(
                            users.post(reviews, Map.of("rating", rating), reviewer.accessToken())
                                    .status())
                    .isIn(200, 201);
        }
        String history = "/api/v1/directory/" + agent.id() + "/reputation";
        var all = get(history).json();
        assertThat(all.get("events"))
                .extracting(e -> e.get("event_type").asText())
                .containsExactly(
                        "review_negative", "review_positive", "review_positive", "registration");
        assertThat(all.get("next_page_token").asText()).isEmpty();
        var newest = all.get("events").get(0);
        assertThat(newest.get("agent_id").asText()).isEqualTo(agent.id().value());
        assertThat(newest.get("weight").asDouble()).isEqualTo(-0.4);
        assertThat(newest.get("delta").asDouble()).isNegative();
        assertThat(newest.get("metadata").asText()).isEqualTo("rating 1");

        var first = get(history + "?limit=3").json();
        assertThat(first.get("events")).hasSize(3);
        var rest = get(history + "?limit=3&page_token=" + first.get("next_page_token").asText());
        assertThat(rest.json().get("events"))
                .extracting(e -> e.get("event_type").asText())
                .containsExactly("registration");
        Problems.assertProblem(get(history + "?page_token=garbage"), 400, "validation_error");
        Problems.assertProblem(get(history + "?limit=0"), 400, "validation_error");

        var profile = get("/api/v1/directory/" + agent.id()).json();
        assertThat(profile.get("reputation_score").asDouble())
                .isCloseTo(newest.get("score_after").asDouble(), within(1e-4));
        assertThat(profile.get("reputation_events").asLong()).isEqualTo(4);
        var breakdown = profile.get("reputation_breakdown");
        assertThat(breakdown.get("window_days").asInt()).isEqualTo(30);
        assertThat(breakdown.get("recent"))
                .extracting(e -> e.get("event_type").asText() + "=" + e.get("count").asLong())
                .containsExactly("registration=1", "review_negative=1", "review_positive=2");

        // Heartbeats are uptime samples: however many arrive, one counts per period.
        for (int i = 0; i < 3; i++) {
            var beat =
                    Http.send(
                            agent.signed(
                                    "POST",
                                    "/api/v1/agents/" + agent.id() + "/heartbeat",
                                    Map.of("status", "online")));
            assertThat(beat.status()).isEqualTo(200);
        }
        assertThat(get(history).json().get("events"))
                .extracting(e -> e.get("event_type").asText())
                .containsExactly(
                        "heartbeat_success",
                        "review_negative",
                        "review_positive",
                        "review_positive",
                        "registration");

        var unknown = "/api/v1/directory/" + "a".repeat(32) + "/reputation";
        assertThat(get(unknown).status()).isEqualTo(404);
    }

    @Test
    void readRoutesAnswerOnlyGet() {
        var response =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/directory"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
        assertThat(response.status()).isEqualTo(405);
    }
}
