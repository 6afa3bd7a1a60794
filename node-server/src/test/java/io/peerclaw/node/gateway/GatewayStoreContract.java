package io.peerclaw.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.shared.model.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tasks and the invocation log against a real database; run on H2 and on PostgreSQL. */
abstract class GatewayStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private TestDatabase db;
    private GatewayStore store;
    private InvocationStore invocations;

    abstract TestNode.Engine engine();

    @BeforeEach
    void open() {
        db = TestDatabase.fresh(engine());
        store = new GatewayStore(db.database());
        invocations = new InvocationStore(db.database());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AgentId agent(String owner) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 32);
        AgentId agent = new AgentId(id.replaceAll("[0-18-9]", "a"));
        db.database()
                .inTransaction(
                        sql -> {
                            if (owner != null) {
                                sql.update(
                                        "INSERT INTO users (id, email, password_hash,"
                                                + " display_name, role, email_verified,"
                                                + " created_at, updated_at) VALUES (?, ?, 'x',"
                                                + " 'u', 'user', TRUE, ?, ?)",
                                        owner,
                                        owner + "@example.org",
                                        T0,
                                        T0);
                            }
                            return sql.update(
                                    "INSERT INTO agents (id, public_key, name, visibility,"
                                            + " card_json, registered_at, updated_at,"
                                            + " owner_user_id) VALUES (?, ?, ?, 'public', '{}',"
                                            + " ?, ?, ?)",
                                    agent.value(),
                                    "k" + agent.value(),
                                    "agent " + agent.value(),
                                    T0,
                                    T0,
                                    owner);
                        });
        return agent;
    }

    private static Task task(
            AgentId agent, String caller, UUID context, CallState state, Instant at) {
        return new Task(
                UUID.randomUUID(),
                agent,
                caller,
                context,
                FrontDoor.A2A,
                state,
                List.of(new HistoryMessage(false, "m", List.of(new Part.Text("hi")))),
                List.of(new Artifact("a", null, List.of(new Part.Text("hello")))),
                List.of(),
                "remote",
                null,
                at,
                at);
    }

    private static Invocation call(AgentId agent, String user, String status, long ms, Instant at) {
        return new Invocation(
                UUID.randomUUID(),
                agent.value(),
                null,
                user,
                null,
                "127.0.0.1",
                "a2a",
                "invoke",
                status,
                ms,
                null,
                "q",
                "a",
                at);
    }

    @Test
    void aTaskIsWrittenReplacedReadAndForgottenWhenExpired() {
        AgentId agent = agent(null);
        Task first = task(agent, "user:u", UUID.randomUUID(), CallState.WORKING, T0);
        store.write(
                List.of(new GatewayStore.TaskWrite(first, T0.plusSeconds(60), true)), List.of());
        Task done = first.with(CallState.COMPLETED, List.of(), null, T0.plusSeconds(1));
        store.write(
                List.of(new GatewayStore.TaskWrite(done, T0.plusSeconds(60), false)), List.of());

        var read = store.task(first.id(), T0.plusSeconds(2)).orElseThrow();
        assertThat(read.state()).isEqualTo(CallState.COMPLETED);
        assertThat(read.text()).isEqualTo("hello");
        assertThat(read.remoteTaskId()).isEqualTo("remote");
        assertThat(read.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.task(first.id(), T0.plusSeconds(61))).isEmpty();
        assertThat(store.cleanUp(T0.plusSeconds(61), T0)).isEqualTo(1);
    }

    @Test
    void aCallersTasksPageNewestFirstWithFilters() {
        AgentId agent = agent(null);
        UUID context = UUID.randomUUID();
        var writes = new java.util.ArrayList<GatewayStore.TaskWrite>();
        for (int i = 0; i < 5; i++) {
            var state = i % 2 == 0 ? CallState.COMPLETED : CallState.FAILED;
            writes.add(
                    new GatewayStore.TaskWrite(
                            task(
                                    agent,
                                    "user:a",
                                    i < 3 ? context : UUID.randomUUID(),
                                    state,
                                    T0.plusSeconds(i)),
                            T0.plusSeconds(3600),
                            true));
        }
        writes.add(
                new GatewayStore.TaskWrite(
                        task(agent, "user:b", context, CallState.COMPLETED, T0),
                        T0.plusSeconds(3600),
                        true));
        store.write(writes, List.of());
        Instant now = T0.plusSeconds(10);

        var page =
                store.tasks(
                        "user:a",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        2,
                        now);
        assertThat(page)
                .extracting(Task::updatedAt)
                .containsExactly(T0.plusSeconds(4), T0.plusSeconds(3));
        var next =
                store.tasks(
                        "user:a",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(
                                new GatewayStore.TaskCursor(
                                        page.get(1).updatedAt(), page.get(1).id())),
                        10,
                        now);
        assertThat(next)
                .extracting(Task::updatedAt)
                .containsExactly(T0.plusSeconds(2), T0.plusSeconds(1), T0);
        assertThat(
                        store.countTasks(
                                "user:a",
                                Optional.empty(),
                                Optional.of(context),
                                Optional.empty(),
                                Optional.empty(),
                                now))
                .isEqualTo(3);
        assertThat(
                        store.countTasks(
                                "user:a",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(CallState.FAILED),
                                Optional.empty(),
                                now))
                .isEqualTo(2);
        // Counts follow the same filters as pages: the agent and the time of the last change.
        assertThat(
                        store.countTasks(
                                "user:a",
                                Optional.of(agent),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(T0.plusSeconds(2)),
                                now))
                .isEqualTo(2);
        assertThat(
                        store.countTasks(
                                "user:a",
                                Optional.of(agent(null)),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                now))
                .isZero();
        assertThat(
                        store.tasks(
                                "user:a",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(T0.plusSeconds(2)),
                                Optional.empty(),
                                10,
                                now))
                .hasSize(2);
    }

    @Test
    void theLogShowsUsersTheirCallsAndTheCallsToTheirAgents() {
        AgentId owned = agent("owner-1");
        AgentId other = agent(null);
        store.write(
                List.of(),
                List.of(
                        call(owned, "caller-1", "success", 10, T0),
                        call(other, "caller-1", "error", 30, T0.plusSeconds(1)),
                        call(owned, "caller-2", "timeout", 50, T0.plusSeconds(2))));

        var callers =
                invocations.visible(
                        new InvocationStore.Viewer("caller-1", null), Optional.empty(), 10, 0);
        assertThat(callers).hasSize(2);
        assertThat(callers.getFirst().agentId()).isEqualTo(other.value());
        assertThat(
                        invocations.visible(
                                new InvocationStore.Viewer("owner-1", null),
                                Optional.empty(),
                                10,
                                0))
                .hasSize(2);
        assertThat(
                        invocations.countVisible(
                                new InvocationStore.Viewer("caller-1", null),
                                Optional.of(owned.value())))
                .isEqualTo(1);
        assertThat(invocations.countToOwner("owner-1")).isEqualTo(2);
        assertThat(invocations.ownedBy(owned.value(), "owner-1")).isTrue();
        assertThat(invocations.ownedBy(other.value(), "owner-1")).isFalse();

        var stats = invocations.stats(null, T0);
        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.success()).isEqualTo(1);
        assertThat(stats.errors()).isEqualTo(2);
        assertThat(stats.avgDurationMs()).isEqualTo(30.0);
        assertThat(stats.p95DurationMs()).isEqualTo(50);
        assertThat(invocations.stats(owned.value(), T0).total()).isEqualTo(2);

        var buckets =
                invocations.series(null, T0.minusSeconds(30), Duration.ofMinutes(1).toSeconds());
        assertThat(buckets).hasSize(1);
        assertThat(buckets.getFirst().index()).isZero();
        assertThat(buckets.getFirst().total()).isEqualTo(3);
        assertThat(invocations.top(T0, 5).getFirst()[0]).isEqualTo(owned.value());
        assertThat(store.callsPerAgent(T0))
                .containsEntry(owned.value(), 2L)
                .containsEntry(other.value(), 1L);
        assertThat(invocations.recent(Optional.empty(), 2, 1)).hasSize(2);
        assertThat(store.cleanUp(T0, T0.plusSeconds(2))).isEqualTo(2);
    }
}
