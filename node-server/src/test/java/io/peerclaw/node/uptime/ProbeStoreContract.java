package io.peerclaw.node.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe schedule and counts against a real database; run on H2 and on PostgreSQL. */
abstract class ProbeStoreContract {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final long HOUR = UptimeProbes.epochHour(START);

    private TestDatabase db;
    private ProbeStore store;

    abstract TestNode.Engine engine();

    @BeforeEach
    void open() {
        db = TestDatabase.fresh(engine());
        store = new ProbeStore(db.database());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String agent() {
        String id = UUID.randomUUID().toString().replace("-", "");
        db.database()
                .inTransaction(
                        sql ->
                                sql.update(
                                        "INSERT INTO agents (id, public_key, name, visibility,"
                                                + " card_json, registered_at, updated_at) VALUES"
                                                + " (?, ?, ?, 'public', '{}', ?, ?)",
                                        id,
                                        "k" + id,
                                        "agent " + id,
                                        START,
                                        START));
        return id;
    }

    @Test
    void anAgentEntersTheScheduleOnceAndOnlyIfRegistered() {
        String id = agent();

        assertThat(store.schedule(id, START.plusSeconds(5))).isTrue();
        assertThat(store.schedule(id, START.plusSeconds(1))).isFalse();
        assertThat(store.schedule("unknownagent", START)).isFalse();
        assertThat(store.due(START.plusSeconds(4), 10)).isEmpty();
        assertThat(store.due(START.plusSeconds(5), 10))
                .containsExactly(new ProbeStore.Due(id, START.plusSeconds(5)));
        assertThat(store.health(id, HOUR)).contains(new ProbeStore.Health(null, null, 0, 0));
        assertThat(store.health("unknownagent", HOUR)).isEmpty();
    }

    @Test
    void theCatchUpFindsAgentsMissingFromTheSchedule() {
        String scheduled = agent();
        store.schedule(scheduled, START);
        var missing = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            missing.add(agent());
        }

        assertThat(store.unscheduled(10)).containsExactlyInAnyOrderElementsOf(missing);
        var times = new LinkedHashMap<String, Instant>();
        missing.forEach(id -> times.put(id, START.plusSeconds(times.size())));
        assertThat(store.scheduleAll(times)).isEqualTo(3);
        assertThat(store.unscheduled(10)).isEmpty();
        assertThat(store.scheduleAll(times)).isZero();
        assertThat(store.due(START.plusSeconds(10), 10)).hasSize(4);
    }

    @Test
    void dueAgentsComeLongestOverdueFirstAndOnlyOneClaimOfEachWins() throws Exception {
        String late = agent();
        String later = agent();
        String notYet = agent();
        store.schedule(later, START.minusSeconds(10));
        store.schedule(late, START.minusSeconds(60));
        store.schedule(notYet, START.plusSeconds(60));

        var due = store.due(START, 10);
        assertThat(due).extracting(ProbeStore.Due::agentId).containsExactly(late, later);
        assertThat(store.due(START, 1)).hasSize(1);

        // Two nodes read the same due row and race to claim it.
        var ready = new CountDownLatch(1);
        Callable<Boolean> claim =
                () -> {
                    ready.await();
                    return store.claim(due.getFirst(), START.plusSeconds(300));
                };
        try (var threads = Executors.newFixedThreadPool(4)) {
            var attempts = new ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 4; i++) {
                attempts.add(threads.submit(claim));
            }
            ready.countDown();
            int won = 0;
            for (var attempt : attempts) {
                won += attempt.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        }
        assertThat(store.due(START, 10)).extracting(ProbeStore.Due::agentId).containsExactly(later);
    }

    @Test
    void scheduledProbesCountPerHourAndRechecksOnlySetTheLastResult() {
        String id = agent();
        store.schedule(id, START);
        Instant next = START.plusSeconds(300);

        store.record(id, START, true, "a2a", null, HOUR, next);
        store.record(id, START.plusSeconds(600), false, "a2a", "timeout: slow", HOUR, next);
        store.record(id, START.plusSeconds(3600), true, "a2a", null, HOUR + 1, next);
        store.record(id, START.plusSeconds(3700), false, "a2a", "unreachable: x", null, next);

        var health = store.health(id, HOUR).orElseThrow();
        assertThat(health).isEqualTo(new ProbeStore.Health(START.plusSeconds(3700), false, 3, 2));
        assertThat(store.health(id, HOUR + 1).orElseThrow().probes()).isEqualTo(1);
        assertThat(store.health(id, HOUR + 2).orElseThrow().probes()).isZero();
    }

    @Test
    void aProbeOfAnUnscheduledAgentSchedulesItAndAGoneAgentKeepsNothing() {
        String id = agent();
        store.record(id, START, true, "mcp", null, null, START.plusSeconds(300));

        assertThat(store.health(id, HOUR)).contains(new ProbeStore.Health(START, true, 0, 0));
        assertThat(store.due(START.plusSeconds(300), 10))
                .containsExactly(new ProbeStore.Due(id, START.plusSeconds(300)));

        store.record("goneagent", START, true, "mcp", null, HOUR, START);
        assertThat(store.health("goneagent", HOUR)).isEmpty();
    }

    @Test
    void oldHoursArePrunedAndDeregisteredAgentsLeaveEverything() {
        String id = agent();
        store.schedule(id, START);
        for (int hour = 0; hour < 5; hour++) {
            store.record(id, START, true, "acp", null, HOUR + hour, START);
        }

        assertThat(store.prune(HOUR + 2)).isEqualTo(2);
        assertThat(store.health(id, 0).orElseThrow().probes()).isEqualTo(3);

        db.database().inTransaction(sql -> sql.update("DELETE FROM agents WHERE id = ?", id));
        assertThat(store.health(id, 0)).isEmpty();
        assertThat(store.due(START.plusSeconds(86_400), 10)).isEmpty();
        assertThat(store.prune(Long.MAX_VALUE)).isZero();
    }

    @Test
    void aLongDetailIsCutToItsColumn() {
        String id = agent();
        store.record(id, START, false, "a2a", "x".repeat(2_000), null, START);

        Optional<String> detail =
                db.database()
                        .read(
                                sql ->
                                        sql.queryOne(
                                                "SELECT last_detail FROM probe_status"
                                                        + " WHERE agent_id = ?",
                                                row -> row.getString(1),
                                                id));
        assertThat(detail).contains("x".repeat(500));
    }
}
