package io.peerclaw.node.uptime;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.node.uptime.ScriptedAgent.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uptime probing in a whole node on H2 with a clock the test moves: the node's own schedule probes
 * an ACP agent (the JDK's HTTP server answering {@code GET /ping}), owners and admins re-check, the
 * profile shows the health and reputation counts one uptime sample per period.
 */
class UptimeIT {
    private static final String ADMIN_EMAIL = "probe-admin@example.org";
    private static final String ADMIN_PASSWORD = "admin password 123";

    private final AtomicBoolean up = new AtomicBoolean(true);
    private MutableClock clock;
    private TestNode node;
    private Users users;
    private ScriptedAgent acp;

    @BeforeEach
    void start() {
        acp =
                ScriptedAgent.start(
                        request ->
                                up.get() && request.path().equals("/acp/ping")
                                        ? Reply.json("{}")
                                        : Reply.status(503));
        clock = MutableClock.atSystemTime();
        var settings = new HashMap<String, String>();
        settings.put("security.allowed_private_cidrs", "127.0.0.1/32");
        settings.put("user_auth.bcrypt_cost", "4");
        settings.put("user_auth.access_ttl", "24h");
        settings.put("rate_limit.enabled", "false");
        settings.put("directory.page_cache_ttl", "0s");
        settings.put("probe.interval", "1h");
        settings.put("probe.timeout", "2s");
        node =
                TestNode.startWithAdmin(
                        TestNode.Engine.H2, settings, clock, ADMIN_EMAIL, ADMIN_PASSWORD);
        users = new Users(node.uri());
    }

    @AfterEach
    void stop() {
        node.close();
        acp.close();
    }

    private TestAgent register(Users.Session owner, String endpoint, List<String> protocols) {
        var agent = node.newAgent();
        var card = agent.card("probed", new ArrayList<>(List.of("chat")), protocols);
        card.put("endpoint", Map.of("url", endpoint, "transport", "http"));
        var registered =
                Http.send(agent.signedFor("POST", "/api/v1/agents", card, owner.accessToken()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return agent;
    }

    private Http.Response recheck(TestAgent agent, String bearer) {
        return users.post("/api/v1/agents/" + agent.id() + "/probe", null, bearer);
    }

    private JsonNode health(TestAgent agent) {
        var profile = Http.get(node.uri("/api/v1/directory/" + agent.id()));
        assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
        return profile.json().get("health");
    }

    private Instant lastProbeAt(TestAgent agent) {
        var at = health(agent).get("last_probe_at");
        return at == null ? null : Instant.parse(at.asText());
    }

    /** Moves the clock on and waits for the node's own sweep to probe the agent. */
    private Instant scheduledProbe(TestAgent agent, Duration step) {
        clock.advance(step);
        Instant expected = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> expected.equals(lastProbeAt(agent)));
        return expected;
    }

    @Test
    void theOwnerAndAdminsRecheckAndEveryoneElseIsTurnedAway() {
        var owner = users.signUp("owner");
        var stranger = users.signUp("stranger");
        var agent = register(owner, acp.url("/acp"), List.of("acp"));
        assertThat(health(agent).has("last_probe_at")).isFalse();

        var mine = recheck(agent, owner.accessToken());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.json().get("ok").asBoolean()).isTrue();
        assertThat(mine.json().get("protocol").asText()).isEqualTo("acp");
        assertThat(mine.json().has("detail")).isFalse();
        assertThat(Instant.parse(mine.json().get("checked_at").asText()))
                .isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        assertThat(acp.requests()).extracting(ScriptedAgent.Request::path).contains("/acp/ping");

        var health = health(agent);
        assertThat(health.get("last_probe_ok").asBoolean()).isTrue();
        assertThat(health.get("last_probe_at").asText())
                .isEqualTo(mine.json().get("checked_at").asText());
        // A re-check is not one of the evenly spaced samples the 24 h uptime is made of.
        assertThat(health.has("uptime_24h")).isFalse();

        var admin = users.signIn(null, ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(recheck(agent, admin.accessToken()).status()).isEqualTo(200);

        assertProblem(recheck(agent, stranger.accessToken()), 404, "not_found");
        assertProblem(recheck(agent, null), 401, "auth_error");
        var readOnly =
                users.post(
                                "/api/v1/auth/api-keys",
                                Map.of("name", "ro", "scopes", List.of("read")),
                                owner.accessToken())
                        .json()
                        .get("key")
                        .asText();
        assertProblem(recheck(agent, readOnly), 403, "forbidden");
        var manager =
                users.post(
                                "/api/v1/auth/api-keys",
                                Map.of("name", "mgr", "scopes", List.of("manage_agents")),
                                owner.accessToken())
                        .json()
                        .get("key")
                        .asText();
        assertThat(recheck(agent, manager).status()).isEqualTo(200);
        assertProblem(
                users.post("/api/v1/agents/nosuchagent/probe", null, owner.accessToken()),
                404,
                "not_found");
        assertProblem(
                users.get("/api/v1/agents/" + agent.id() + "/probe", owner.accessToken()),
                405,
                "method_not_allowed");
    }

    @Test
    void aDownAgentIsReportedAndRechecksAreLimitedPerAgent() {
        var owner = users.signUp("limited");
        var agent = register(owner, ScriptedAgent.closedPortUrl("/acp"), List.of("acp"));

        for (int i = 0; i < UptimeProbes.RECHECKS_PER_HOUR; i++) {
            var result = recheck(agent, owner.accessToken());
            assertThat(result.status()).as(result.toString()).isEqualTo(200);
            assertThat(result.json().get("ok").asBoolean()).isFalse();
            assertThat(result.json().get("detail").asText()).startsWith("unreachable: ");
        }
        var refused = recheck(agent, owner.accessToken());
        assertProblem(refused, 429, "rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3601L);
        assertThat(health(agent).get("last_probe_ok").asBoolean()).isFalse();

        clock.advance(Duration.ofMinutes(61));
        assertThat(recheck(agent, owner.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void theScheduleProbesEveryPeriodAndTheUptimeCoversTheLast24Hours() {
        var owner = users.signUp("scheduled");
        var agent = register(owner, acp.url("/acp/"), List.of("acp"));

        // One probe per step: the next is due 54 to 66 minutes after the last.
        Duration step = Duration.ofMinutes(66);
        var probes = new ArrayList<Map.Entry<Instant, Boolean>>();
        for (int i = 0; i < 27; i++) {
            boolean agentUp = i < 8 || i >= 17;
            up.set(agentUp);
            probes.add(Map.entry(scheduledProbe(agent, step), agentUp));
            assertThat(health(agent).get("last_probe_ok").asBoolean()).isEqualTo(agentUp);
        }

        long thisHour = UptimeProbes.epochHour(clock.instant());
        var window =
                probes.stream()
                        .filter(p -> UptimeProbes.epochHour(p.getKey()) > thisHour - 24)
                        .toList();
        long ups = window.stream().filter(Map.Entry::getValue).count();
        double expected = Math.round(ups * 1000.0 / window.size()) / 10.0;
        assertThat(window.size()).isLessThan(probes.size());
        assertThat(expected).isStrictlyBetween(0.0, 100.0);
        assertThat(health(agent).get("uptime_24h").asDouble()).isEqualTo(expected);
    }

    @Test
    void heartbeatsAndProbesShareOneUptimeSamplePerPeriod() {
        var owner = users.signUp("shared");
        var agent = register(owner, acp.url("/acp"), List.of("acp"));
        var beat =
                Http.send(
                        agent.signed(
                                "POST",
                                "/api/v1/agents/" + agent.id() + "/heartbeat",
                                Map.of("status", "online")));
        assertThat(beat.status()).as(beat.toString()).isEqualTo(200);
        assertThat(recheck(agent, owner.accessToken()).json().get("ok").asBoolean()).isTrue();

        assertThat(uptimeSamples(agent)).containsExactly("heartbeat");

        scheduledProbe(agent, Duration.ofMinutes(66));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () ->
                                assertThat(uptimeSamples(agent))
                                        .containsExactly("probe", "heartbeat"));
    }

    /** The sources of the agent's counted up samples, newest first. */
    private List<String> uptimeSamples(TestAgent agent) {
        var history = Http.get(node.uri("/api/v1/directory/" + agent.id() + "/reputation"));
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        var sources = new ArrayList<String>();
        for (var event : history.json().get("events")) {
            if (event.get("event_type").asText().equals("heartbeat_success")) {
                sources.add(event.get("metadata").asText());
            }
        }
        return sources;
    }
}
