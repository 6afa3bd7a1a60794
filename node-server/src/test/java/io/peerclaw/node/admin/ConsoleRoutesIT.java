package io.peerclaw.node.admin;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's admin routes through a real node: who may call them, and what they answer. */
class ConsoleRoutesIT {
    static final String ADMIN_EMAIL = "console-admin@example.org";
    static final String ADMIN_PASSWORD = "console password 1";

    static TestNode.Engine engine;
    static TestNode node;
    static Users users;
    static Users.Session admin;
    static Users.Session user;

    @BeforeAll
    static void start() {
        startOn(TestNode.Engine.H2);
    }

    static void startOn(TestNode.Engine chosen) {
        engine = chosen;
        node =
                TestNode.startWithAdmin(
                        engine, Map.of("user_auth.bcrypt_cost", "4"), ADMIN_EMAIL, ADMIN_PASSWORD);
        users = new Users(node.uri());
        var login = users.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        var me = users.get("/api/v1/auth/me", login.json().get("access_token").asText());
        admin = users.signIn(me.json().get("id").asText(), ADMIN_EMAIL, ADMIN_PASSWORD);
        user = users.signUp("console-user");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String registerAgent(String name) {
        var owner = users.signUp(name + "-owner");
        TestAgent agent = node.newAgent();
        var registered =
                Http.send(
                        agent.signedFor(
                                "POST", "/api/v1/agents", agent.card(name), owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent.id().value();
    }

    @Test
    void everyConsoleRouteNeedsAnAdmin() {
        for (String path :
                List.of(
                        "/api/v1/admin/node",
                        "/api/v1/admin/logs",
                        "/api/v1/admin/settings",
                        "/api/v1/admin/reputation/events",
                        "/api/v1/admin/reputation/summary",
                        "/api/v1/admin/activity")) {
            assertProblem(users.get(path, null), 401, "auth_error");
            assertProblem(users.get(path, user.accessToken()), 403, "forbidden");
        }
        for (String path :
                List.of(
                        "/api/v1/admin/node",
                        "/api/v1/admin/logs",
                        "/api/v1/admin/settings",
                        "/api/v1/admin/reputation/events",
                        "/api/v1/admin/reputation/summary")) {
            assertThat(users.get(path, admin.accessToken()).status()).as(path).isEqualTo(200);
        }
        var change = Map.of("settings", Map.of("rate_limit.burst_size", 300));
        assertProblem(users.send("PUT", "/api/v1/admin/settings", change, null), 401, "auth_error");
        assertProblem(
                users.send("PUT", "/api/v1/admin/settings", change, user.accessToken()),
                403,
                "forbidden");
        assertProblem(users.post("/api/v1/admin/restart", "{}", null), 401, "auth_error");
        assertProblem(
                users.post("/api/v1/admin/restart", "{}", user.accessToken()), 403, "forbidden");
        assertProblem(
                users.send("DELETE", "/api/v1/admin/node", null, admin.accessToken()),
                405,
                "method_not_allowed");
    }

    @Test
    void nodeFactsDescribeTheRunningNode() {
        var facts = users.get("/api/v1/admin/node", admin.accessToken());
        assertThat(facts.status()).as(facts.toString()).isEqualTo(200);
        JsonNode body = facts.json();
        assertThat(body.get("version").asText()).isEqualTo(io.peerclaw.shared.Version.current());
        assertThat(body.get("port").asInt()).isEqualTo(node.uri().getPort());
        assertThat(body.get("url").asText()).isEqualTo(node.uri().toString());
        assertThat(body.get("data_dir").asText())
                .isEqualTo(node.dataDirectory().toAbsolutePath().toString());
        assertThat(body.has("config_file")).isTrue();
        assertThat(body.get("config_file").isNull()).isTrue();
        assertThat(body.get("uptime_seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(java.time.Instant.parse(body.get("started_at").asText()))
                .isBefore(java.time.Instant.now().plusSeconds(1));
        assertThat(body.get("database").get("driver").asText())
                .isEqualTo(engine == TestNode.Engine.H2 ? "h2" : "postgres");
        assertThat(body.get("database").get("description").asText()).isNotBlank();
    }

    @Test
    void theNodeLogIsFilteredByLevelAndText() {
        String marker = "console-log-" + UUID.randomUUID();
        var logger = System.getLogger("io.peerclaw.test.ConsoleRoutesIT");
        logger.log(System.Logger.Level.WARNING, marker + " warning");
        logger.log(System.Logger.Level.ERROR, marker + " failure");

        var all = users.get("/api/v1/admin/logs?source=node&search=" + marker, admin.accessToken());
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().get("source").asText()).isEqualTo("node");
        assertThat(all.json().get("lines").findValuesAsText("message"))
                .containsExactly(marker + " warning", marker + " failure");
        var first = all.json().get("lines").get(0);
        assertThat(first.get("level").asText()).isEqualTo("warn");
        assertThat(first.get("logger").asText()).isEqualTo("io.peerclaw.test.ConsoleRoutesIT");
        assertThat(first.get("time").asText()).isNotBlank();

        var errors =
                users.get(
                        "/api/v1/admin/logs?source=node&level=error&search=" + marker,
                        admin.accessToken());
        assertThat(errors.json().get("lines").findValuesAsText("message"))
                .containsExactly(marker + " failure");
        var newest =
                users.get(
                        "/api/v1/admin/logs?source=node&limit=1&search=" + marker,
                        admin.accessToken());
        assertThat(newest.json().get("lines").findValuesAsText("message"))
                .containsExactly(marker + " failure");

        var badLevel = users.get("/api/v1/admin/logs?level=loud", admin.accessToken());
        assertProblem(badLevel, 400, "validation_error");
        assertThat(badLevel.json().get("errors").findValuesAsText("field"))
                .containsExactly("level");
        assertProblem(
                users.get("/api/v1/admin/logs?source=kernel", admin.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.get("/api/v1/admin/logs?limit=0", admin.accessToken()),
                400,
                "validation_error");
    }

    @Test
    void theAuditLogIsTailedToo() throws InterruptedException {
        String id = registerAgent("audited");
        // Audit events reach storage within a second.
        JsonNode lines = null;
        for (int i = 0; i < 50; i++) {
            lines =
                    users.get("/api/v1/admin/logs?source=audit&search=" + id, admin.accessToken())
                            .json()
                            .get("lines");
            if (!lines.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0).get("level").asText()).isEqualTo("info");
        assertThat(lines.get(0).get("logger").asText()).isEqualTo("audit");
        assertThat(lines.findValuesAsText("message"))
                .anyMatch(m -> m.startsWith("agent.registered agent=" + id));
        var warnOnly =
                users.get(
                        "/api/v1/admin/logs?source=audit&level=warn&search=" + id,
                        admin.accessToken());
        assertThat(warnOnly.json().get("lines")).isEmpty();
    }

    @Test
    void settingsAreReadValidatedAndWrittenKeepingOtherKeys() throws Exception {
        Path file = node.dataDirectory().resolve("config.yaml");
        Files.writeString(
                file,
                """
                smtp:
                  host: mail.example.com
                  from: node@example.com
                """);
        var read = users.get("/api/v1/admin/settings", admin.accessToken());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("config_file").asText()).isEqualTo(file.toString());
        assertThat(read.json().get("restart_required").asBoolean()).isFalse();
        var settings = bySetting(read.json());
        assertThat(settings.keySet())
                .containsExactly(
                        "server.http_addr",
                        "server.data_dir",
                        "database.driver",
                        "database.dsn",
                        "rate_limit.enabled",
                        "rate_limit.requests_per_sec",
                        "rate_limit.burst_size",
                        "server.cors_origins",
                        "logging.level");
        assertThat(settings.get("database.dsn").get("kind").asText()).isEqualTo("secret");
        assertThat(settings.get("database.dsn").get("value").asText()).isEmpty();
        // The PostgreSQL test node is given its DSN by the program that starts it.
        assertThat(settings.get("database.dsn").get("set").asBoolean())
                .isEqualTo(engine == TestNode.Engine.POSTGRES);
        assertThat(settings.get("rate_limit.burst_size").get("kind").asText()).isEqualTo("integer");
        assertThat(settings.get("rate_limit.burst_size").get("value").asText()).isEqualTo("200");
        assertThat(settings.get("server.data_dir").get("read_only").asBoolean()).isTrue();
        // The test node is started with --port 0 and logging.level given by the program.
        assertThat(settings.get("server.http_addr").get("note").asText()).contains("--port");
        assertThat(settings.get("logging.level").get("note").asText()).contains("wins over");
        assertThat(settings.get("rate_limit.enabled").has("note")).isFalse();

        var badPort =
                users.send(
                        "PUT",
                        "/api/v1/admin/settings",
                        Map.of(
                                "settings",
                                Map.of("server.http_addr", ":99999", "rate_limit.burst_size", 5)),
                        admin.accessToken());
        assertProblem(badPort, 400, "validation_error");
        assertThat(badPort.json().get("errors").findValuesAsText("field"))
                .containsExactly("server.http_addr");
        assertThat(badPort.json().get("errors").get(0).get("message").asText()).contains("99999");
        var badValues =
                users.send(
                        "PUT",
                        "/api/v1/admin/settings",
                        Map.of(
                                "settings",
                                Map.of(
                                        "rate_limit.burst_size",
                                        "many",
                                        "server.shoe_size",
                                        "42",
                                        "server.data_dir",
                                        "/elsewhere")),
                        admin.accessToken());
        assertProblem(badValues, 400, "validation_error");
        assertThat(badValues.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder(
                        "rate_limit.burst_size", "server.shoe_size", "server.data_dir");
        assertThat(Files.readString(file)).doesNotContain("burst_size");
        // A value the node would refuse at start, one of the wrong kind and an unknown key: all
        // three named in one answer.
        var threeBad =
                users.send(
                        "PUT",
                        "/api/v1/admin/settings",
                        Map.of(
                                "settings",
                                Map.of(
                                        "server.http_addr",
                                        ":99999",
                                        "rate_limit.burst_size",
                                        "many",
                                        "server.shoe_size",
                                        "42")),
                        admin.accessToken());
        assertProblem(threeBad, 400, "validation_error");
        assertThat(threeBad.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder(
                        "server.http_addr", "rate_limit.burst_size", "server.shoe_size");
        assertThat(threeBad.json().get("detail").asText()).isEqualTo("3 fields are invalid");
        assertThat(Files.readString(file)).doesNotContain("burst_size", "99999");

        var changes = new HashMap<String, Object>();
        changes.put("rate_limit.burst_size", 300);
        changes.put("rate_limit.requests_per_sec", "50.5");
        changes.put("server.cors_origins", "https://a.example.com, https://b.example.com");
        var saved =
                users.send(
                        "PUT",
                        "/api/v1/admin/settings",
                        Map.of("settings", changes),
                        admin.accessToken());
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("saved").asBoolean()).isTrue();
        assertThat(saved.json().get("restart_required").asBoolean()).isTrue();
        assertThat(saved.json().get("config_file").asText()).isEqualTo(file.toString());
        String written = Files.readString(file);
        assertThat(written)
                .contains("host: mail.example.com", "burst_size: 300", "requests_per_sec: 50.5")
                .contains("https://b.example.com");

        var after = users.get("/api/v1/admin/settings", admin.accessToken());
        assertThat(after.json().get("restart_required").asBoolean()).isTrue();
        assertThat(bySetting(after.json()).get("rate_limit.burst_size").get("value").asText())
                .isEqualTo("300");

        var secret =
                users.send(
                        "PUT",
                        "/api/v1/admin/settings",
                        Map.of(
                                "settings",
                                Map.of(
                                        "database.driver",
                                        "postgres",
                                        "database.dsn",
                                        "postgres://node:s3cret@localhost:5432/peerclaw")),
                        admin.accessToken());
        assertThat(secret.status()).as(secret.toString()).isEqualTo(200);
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var shown = users.get("/api/v1/admin/settings", admin.accessToken());
        assertThat(shown.text()).doesNotContain("s3cret");
        assertThat(bySetting(shown.json()).get("database.dsn").get("set").asBoolean()).isTrue();
        // Back to H2, so that nothing else reads this node's file as a PostgreSQL one.
        // null takes a key out of the file (written by hand: the shared mapper leaves nulls out).
        String back = "{\"settings\": {\"database.driver\": \"h2\", \"database.dsn\": null}}";
        var reset = users.send("PUT", "/api/v1/admin/settings", back, admin.accessToken());
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(Files.readString(file)).doesNotContain("s3cret");
    }

    private static Map<String, JsonNode> bySetting(JsonNode body) {
        var out = new java.util.LinkedHashMap<String, JsonNode>();
        body.get("settings").forEach(s -> out.put(s.get("key").asText(), s));
        return out;
    }

    @Test
    void reputationEventsAndSummaryCoverTheWholeNode() {
        String id = registerAgent("reputable");
        var events = users.get("/api/v1/admin/reputation/events?limit=200", admin.accessToken());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode event : events.json().get("events")) {
            if (event.get("agent_id").asText().equals(id)) {
                mine = event;
            }
        }
        assertThat(mine).as(events.toString()).isNotNull();
        assertThat(mine.get("agent_name").asText()).isEqualTo("reputable");
        assertThat(mine.get("event_type").asText()).isEqualTo("registration");
        assertThat(mine.get("score_after").asDouble()).isBetween(0.0, 1.0);
        assertThat(mine.has("delta")).isTrue();
        assertThat(mine.get("created_at").asText()).isNotBlank();
        assertProblem(
                users.get("/api/v1/admin/reputation/events?limit=201", admin.accessToken()),
                400,
                "validation_error");

        var summary = users.get("/api/v1/admin/reputation/summary", admin.accessToken()).json();
        assertThat(summary.get("top").findValuesAsText("agent_id")).contains(id);
        assertThat(summary.get("top").size()).isLessThanOrEqualTo(10);
        assertThat(summary.get("bottom").size()).isLessThanOrEqualTo(10);
        var top = summary.get("top").get(0);
        assertThat(top.has("name")).isTrue();
        assertThat(top.has("score")).isTrue();
        assertThat(top.has("verified")).isTrue();
        assertThat(summary.get("distribution").size()).isEqualTo(10);
        long counted = 0;
        for (JsonNode count : summary.get("distribution")) {
            counted += count.asLong();
        }
        var agents = users.get("/api/v1/admin/dashboard", admin.accessToken()).json();
        assertThat(counted).isEqualTo(agents.get("total_agents").asLong());
        var constants = summary.get("constants");
        assertThat(constants.get("alpha").asDouble()).isPositive();
        assertThat(constants.get("trusted_threshold").asDouble()).isBetween(0.5, 1.0);
        assertThat(constants.get("decay_half_life").asText()).isNotBlank();
        assertThat(constants.get("weights").get("registration").asDouble()).isEqualTo(0.2);
    }

    @Test
    void theActivityFeedPushesAuditEventsAsTheyHappen() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var request =
                HttpRequest.newBuilder(node.uri("/api/v1/admin/activity"))
                        .header("Authorization", "Bearer " + admin.accessToken())
                        .build();
        var response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                        .get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        var reader =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        response.body().forEach(lines::add);
                                    } catch (RuntimeException e) {
                                        // the stream was cancelled at the end of the test
                                    }
                                });
        try {
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": keep-alive");
            String id = registerAgent("watched");
            String data =
                    awaitLine(
                            lines,
                            l -> l.startsWith("data: ") && l.contains(id),
                            Duration.ofSeconds(10));
            assertThat(data).contains("\"type\":\"agent.registered\"").contains("\"time\":");
            assertThat(data).as("the feed names the agent").contains("\"agent_name\":\"watched\"");
            assertThat(users.login(ADMIN_EMAIL, "not the password").status()).isEqualTo(401);
            String failed =
                    awaitLine(
                            lines, l -> l.contains("account.login_failed"), Duration.ofSeconds(10));
            assertThat(failed).contains("\"source_ip\":\"127.0.0.1\"");
        } finally {
            reader.interrupt();
            client.shutdownNow();
        }
    }

    @Test
    void aDemotedAdminsFeedEndsAtTheNextKeepAlive() throws Exception {
        var second = users.signUp("feed-admin");
        var promoted =
                users.send(
                        "PUT",
                        "/api/v1/admin/users/" + second.id() + "/role",
                        Map.of("role", "admin"),
                        admin.accessToken());
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            var response =
                    client.sendAsync(
                                    HttpRequest.newBuilder(node.uri("/api/v1/admin/activity"))
                                            .header(
                                                    "Authorization",
                                                    "Bearer " + second.accessToken())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofLines())
                            .get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            var ended =
                    java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> response.body().count());
            var demoted =
                    users.send(
                            "PUT",
                            "/api/v1/admin/users/" + second.id() + "/role",
                            Map.of("role", "user"),
                            admin.accessToken());
            assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
            assertThat(ended.get(25, TimeUnit.SECONDS)).isPositive();
        } finally {
            client.shutdownNow();
        }
    }

    static String awaitLine(BlockingQueue<String> lines, Predicate<String> wanted, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        var seen = new ArrayList<String>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no such line; saw " + seen);
    }

    @Test
    void adminsMayVerifyAnyAgentOthersMayNot() {
        String id = registerAgent("verifiable");
        var stranger = users.post("/api/v1/agents/" + id + "/verify", "{}", user.accessToken());
        assertProblem(stranger, 404, "not_found");
        var byAdmin = users.post("/api/v1/agents/" + id + "/verify", "{}", admin.accessToken());
        // The test agent's endpoint does not answer challenges: the check runs and fails, which
        // an owner would see too; what matters is that the admin is not turned away.
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(422);
        assertThat(byAdmin.header("Content-Type")).isEqualTo("application/problem+json");
    }
}
