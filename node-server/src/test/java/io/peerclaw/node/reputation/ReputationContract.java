package io.peerclaw.node.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerclaw.node.config.ConfigSources;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.NodeConfigLoader;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.reputation.ReputationEngine.CallOutcome;
import io.peerclaw.node.reputation.ReputationEngine.Outcome;
import io.peerclaw.node.reputation.ReputationEngine.Reason;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust engine against a real database; run on H2 and on PostgreSQL. */
abstract class ReputationContract {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir Path dataDir;

    private TestDatabase db;
    private MutableClock clock;
    private ReputationEngine engine;

    abstract TestNode.Engine engineKind();

    @BeforeEach
    void open() {
        db = TestDatabase.fresh(engineKind());
        clock = new MutableClock(START);
        engine = engine(Map.of());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ReputationEngine engine(Map<String, String> overrides) {
        return new ReputationEngine(
                new ReputationStore(db.database()), settings(dataDir, overrides), clock);
    }

    static NodeConfig.Reputation settings(Path dataDir, Map<String, String> overrides) {
        return NodeConfigLoader.load(
                        new ConfigSources(
                                Optional.empty(),
                                Optional.of(dataDir),
                                java.util.OptionalInt.empty(),
                                Map.of(),
                                overrides))
                .config()
                .reputation();
    }

    private AgentId agent() {
        return agent(null);
    }

    private AgentId agent(String owner) {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        var chars = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            chars.append("abcdefghijklmnopqrstuvwxyz234567".charAt(random.nextInt(32)));
        }
        String id = chars.toString();
        db.database()
                .inTransaction(
                        sql ->
                                sql.update(
                                        "INSERT INTO agents (id, public_key, name, visibility,"
                                                + " card_json, registered_at, updated_at,"
                                                + " owner_user_id) VALUES (?, ?, ?, 'public',"
                                                + " '{}', ?, ?, ?)",
                                        id,
                                        "k" + id,
                                        "agent " + id,
                                        START,
                                        START,
                                        owner));
        return new AgentId(id);
    }

    private String user() {
        String id = UUID.randomUUID().toString();
        db.database()
                .inTransaction(
                        sql ->
                                sql.update(
                                        "INSERT INTO users (id, email, password_hash,"
                                                + " display_name, role, email_verified,"
                                                + " created_at, updated_at) VALUES (?, ?, 'x',"
                                                + " 'u', 'user', TRUE, ?, ?)",
                                        id,
                                        id + "@example.test",
                                        START,
                                        START));
        return id;
    }

    private double score(AgentId agent) {
        return engine.score(agent).orElseThrow();
    }

    private long events(AgentId agent) {
        return db.database()
                .read(
                        sql ->
                                sql.count(
                                        "SELECT COUNT(*) FROM reputation_events WHERE agent_id ="
                                                + " ?",
                                        agent.value()));
    }

    private static double counted(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Counted.class);
        return ((Outcome.Counted) outcome).score();
    }

    @Test
    void aRegistrationCountsOnceWithUpstreamsWeightAndOurTarget() {
        var agent = agent();
        assertThat(counted(engine.registered(agent))).isCloseTo(0.5 + 0.02 * 0.1, within(1e-12));
        assertThat(engine.registered(agent)).isEqualTo(new Outcome.Ignored(Reason.DUPLICATE));
        var history = engine.history(agent, "", 10).events();
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().eventType()).isEqualTo("registration");
        assertThat(history.getFirst().weight()).isEqualTo(0.2);
        assertThat(engine.registered(new AgentId("a".repeat(32))))
                .isEqualTo(new Outcome.Ignored(Reason.UNKNOWN_AGENT));
    }

    @Test
    void heartbeatsAndProbesGiveAtMostOneUpAndOneDownSamplePerPeriod() {
        var agent = agent();
        assertThat(engine.uptimeSample(agent, true, "heartbeat"))
                .isInstanceOf(Outcome.Counted.class);
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(30));
            assertThat(engine.uptimeSample(agent, true, i % 2 == 0 ? "heartbeat" : "probe"))
                    .isEqualTo(new Outcome.Ignored(Reason.DUPLICATE));
        }
        assertThat(engine.uptimeSample(agent, false, "probe")).isInstanceOf(Outcome.Counted.class);
        assertThat(engine.uptimeSample(agent, false, "probe"))
                .isEqualTo(new Outcome.Ignored(Reason.DUPLICATE));
        assertThat(events(agent)).isEqualTo(2);
        clock.advance(Duration.ofHours(1));
        assertThat(engine.uptimeSample(agent, true, "heartbeat"))
                .isInstanceOf(Outcome.Counted.class);
        assertThat(events(agent)).isEqualTo(3);
        // Another engine (another node on the same database) still counts the period once.
        assertThat(engine(Map.of()).uptimeSample(agent, true, "heartbeat"))
                .isEqualTo(new Outcome.Ignored(Reason.DUPLICATE));
    }

    @Test
    void uptimeAloneStopsAtItsCeiling() {
        var agent = agent();
        for (int hour = 0; hour < 400; hour++) {
            engine.uptimeSample(agent, true, "heartbeat");
            clock.advance(Duration.ofHours(1));
        }
        assertThat(score(agent)).isLessThanOrEqualTo(0.7).isGreaterThan(0.6);
    }

    @Test
    void capsStopAFloodOfOneTypeUntilTheWindowMoves() {
        engine = engine(Map.of("reputation.caps.bridge_success", "5"));
        var agent = agent();
        for (int i = 0; i < 5; i++) {
            counted(engine.routedCall(agent, CallOutcome.SUCCESS, null));
        }
        assertThat(engine.routedCall(agent, CallOutcome.SUCCESS, null))
                .isEqualTo(new Outcome.Ignored(Reason.CAPPED));
        // Other types have their own caps.
        counted(engine.routedCall(agent, CallOutcome.TIMEOUT, "no answer in 30 s"));
        clock.advance(Duration.ofMinutes(61));
        counted(engine.routedCall(agent, CallOutcome.SUCCESS, null));
        assertThat(events(agent)).isEqualTo(7);
    }

    @Test
    void aVerificationPassCountsOncePerKeyAndEndpoint() {
        var agent = agent();
        double first = counted(engine.verification(agent, true, "key1", "https://a.test", null));
        assertThat(first).isCloseTo(0.55, within(1e-12));
        assertThat(engine.verification(agent, true, "key1", "https://a.test", null))
                .isEqualTo(new Outcome.Ignored(Reason.DUPLICATE));
        counted(engine.verification(agent, true, "key1", "https://b.test", null));
        counted(engine.verification(agent, true, "key2", "https://b.test", null));
        double failed =
                counted(engine.verification(agent, false, "key2", "https://b.test", "timeout"));
        assertThat(failed).isLessThan(score(agent) + 1e-12);
        assertThat(engine.history(agent, "", 1).events().getFirst().metadata())
                .isEqualTo("timeout");
    }

    @Test
    void aUsersNewRatingReplacesTheOldOneExactly() {
        var agent = agent();
        var twin = agent();
        String user = user();
        counted(engine.reviewChanged(agent, user, OptionalInt.of(5)));
        assertThat(score(agent)).isGreaterThan(0.5);
        double replaced = counted(engine.reviewChanged(agent, user, OptionalInt.of(1)));
        double onlyTheNewOne = counted(engine.reviewChanged(twin, user, OptionalInt.of(1)));
        assertThat(replaced).isCloseTo(onlyTheNewOne, within(1e-12));
        var history = engine.history(agent, "", 10).events();
        assertThat(history)
                .extracting(Console.HistoryEvent::eventType)
                .containsExactly("review_negative", "review_positive");
        assertThat(history).extracting(Console.HistoryEvent::replaced).containsExactly(false, true);
        // Deleting the review takes its effect out: back to neutral.
        assertThat(counted(engine.reviewChanged(agent, user, OptionalInt.empty())))
                .isCloseTo(0.5, within(1e-12));
        // Many users count, each once.
        for (int i = 0; i < 3; i++) {
            counted(engine.reviewChanged(agent, user(), OptionalInt.of(5)));
        }
        assertThat(score(agent)).isCloseTo(1 - 0.5 * Math.pow(0.96, 3), within(1e-9));
    }

    @Test
    void aReviewByTheOwnerNeverCounts() {
        String owner = user();
        var agent = agent(owner);
        assertThat(engine.reviewChanged(agent, owner, OptionalInt.of(5)))
                .isEqualTo(new Outcome.Ignored(Reason.SELF_REVIEW));
        assertThat(score(agent)).isEqualTo(0.5);
        assertThat(events(agent)).isZero();
    }

    @Test
    void idleScoresDriftHalfwayBackToNeutralInOneHalfLife() {
        var agent = agent();
        var busy = agent();
        for (int i = 0; i < 40; i++) {
            engine.routedCall(agent, CallOutcome.SUCCESS, null);
            engine.routedCall(busy, CallOutcome.ERROR, null);
        }
        double high = score(agent);
        double low = score(busy);
        assertThat(high).isGreaterThan(0.8);
        assertThat(low).isLessThan(0.3);
        clock.advance(Duration.ofDays(30));
        assertThat(engine.decayIdleScores()).isEqualTo(2);
        assertThat(score(agent)).isCloseTo(0.5 + (high - 0.5) / 2, within(1e-9));
        assertThat(score(busy)).isCloseTo(0.5 + (low - 0.5) / 2, within(1e-9));
        // Written once per interval, not again right away.
        assertThat(engine.decayIdleScores()).isZero();
        // The next event starts from the drifted score.
        clock.advance(Duration.ofDays(30));
        double next = counted(engine.routedCall(agent, CallOutcome.SUCCESS, null));
        double drifted = 0.5 + (high - 0.5) / 4;
        assertThat(next).isCloseTo(drifted + 0.03 * (1 - drifted), within(1e-9));
    }

    @Test
    void theTrustedBadgeNeedsVerificationAndTheThreshold() {
        assertThat(engine.trusted(true, 0.8)).isTrue();
        assertThat(engine.trusted(true, 0.7999)).isFalse();
        assertThat(engine.trusted(false, 0.99)).isFalse();
        var strict = engine(Map.of("reputation.trusted_threshold", "0.9"));
        assertThat(strict.trusted(true, 0.85)).isFalse();
    }

    @Test
    void concurrentEventsOfOneAgentAreNeverLost() throws Exception {
        engine = engine(Map.of("reputation.caps.bridge_success", "100000"));
        var agent = agent();
        int threads = 8;
        int each = 40;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var done = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                done.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    for (int i = 0; i < each; i++) {
                                        counted(
                                                engine.routedCall(
                                                        agent, CallOutcome.SUCCESS, null));
                                    }
                                    return null;
                                }));
            }
            start.countDown();
            for (var future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int total = threads * each;
        assertThat(events(agent)).isEqualTo(total);
        assertThat(engine.explain(agent).orElseThrow().events()).isEqualTo(total);
        // The clock stands still, so the order does not matter: every step took 3 % of the gap.
        assertThat(score(agent)).isCloseTo(1 - 0.5 * Math.pow(0.97, total), within(1e-9));
    }

    @Test
    void theHistoryIsNewestFirstInPagesAndTheExplanationSumsToTheMove() {
        var agent = agent();
        engine.registered(agent);
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(1));
            engine.routedCall(agent, i % 3 == 0 ? CallOutcome.ERROR : CallOutcome.SUCCESS, null);
        }
        var first = engine.history(agent, "", 5);
        assertThat(first.events()).hasSize(5);
        assertThat(first.nextPageToken()).isNotEmpty();
        var second = engine.history(agent, first.nextPageToken(), 5);
        assertThat(second.events()).hasSize(3);
        assertThat(second.nextPageToken()).isEmpty();
        var ids = new ArrayList<Long>();
        first.events().forEach(e -> ids.add(e.id()));
        second.events().forEach(e -> ids.add(e.id()));
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
        assertThat(first.events().getFirst().scoreAfter()).isCloseTo(score(agent), within(1e-4));

        var explained = engine.explain(agent).orElseThrow();
        assertThat(explained.events()).isEqualTo(8);
        assertThat(explained.recent())
                .extracting(ReputationEngine.Contribution::eventType)
                .containsExactly("bridge_error", "bridge_success", "registration");
        double sum =
                explained.recent().stream()
                        .mapToDouble(ReputationEngine.Contribution::change)
                        .sum();
        // Minutes of idle drift against a 30-day half-life: the parts add up to the whole move.
        assertThat(sum).isCloseTo(score(agent) - 0.5, within(1e-3));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> engine.history(agent, "bm90LWEtdG9rZW4", 5))
                .isInstanceOf(ReputationEngine.BadPageToken.class);
    }

    @Test
    void theBestAndWorstListsNeverNameTheSameAgentTwice() {
        var few = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            few.add(agent().value());
        }
        var small = engine.summary();
        assertThat(small.top())
                .extracting(ReputationEngine.RankedAgent::agentId)
                .containsExactlyInAnyOrderElementsOf(few);
        assertThat(small.bottom()).as("three agents all fit in the best ten").isEmpty();

        // Twelve tied agents: the worst are the two the best ten left out, not ten repeats.
        var all = new ArrayList<>(few);
        for (int i = 0; i < 9; i++) {
            all.add(agent().value());
        }
        var summary = engine.summary();
        var named = new ArrayList<String>();
        summary.top().forEach(a -> named.add(a.agentId()));
        summary.bottom().forEach(a -> named.add(a.agentId()));
        assertThat(summary.top()).hasSize(10);
        assertThat(summary.bottom()).hasSize(2);
        assertThat(named).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }
}
