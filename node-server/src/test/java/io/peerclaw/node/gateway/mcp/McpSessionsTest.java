package io.peerclaw.node.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class McpSessionsTest {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final java.util.concurrent.Executor BACKGROUND =
            runnable -> Thread.ofVirtual().start(runnable);
    private static final String AGENT = "a".repeat(32);
    private static final String OTHER_AGENT = "b".repeat(32);

    private TestDatabase database;
    private MutableClock clock;
    private McpSessions sessions;

    @BeforeEach
    void openDatabase() {
        database = TestDatabase.fresh(TestNode.Engine.H2);
        clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        sessions =
                new McpSessions(new McpSessionStore(database.database()), clock, TTL, BACKGROUND);
        for (String id : new String[] {AGENT, OTHER_AGENT}) {
            database.database()
                    .inTransaction(
                            sql ->
                                    sql.update(
                                            "INSERT INTO agents (id, public_key, name, visibility,"
                                                    + " card_json, registered_at, updated_at)"
                                                    + " VALUES (?, ?, ?, 'public', '{}', ?, ?)",
                                            id,
                                            "key-" + id,
                                            "agent " + id,
                                            clock.instant(),
                                            clock.instant()));
        }
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aSessionServesItsCallerOnItsEndpoint() {
        McpSession opened = sessions.open(AGENT, "user:u1", "2025-11-25");

        var used = sessions.use(opened.id().toString(), AGENT, "user:u1");

        assertThat(used).isPresent();
        assertThat(used.get().protocolVersion()).isEqualTo("2025-11-25");
        assertThat(used.get().agentId()).isEqualTo(AGENT);
    }

    @Test
    void anotherCallerCannotUseIt() {
        McpSession opened = sessions.open(AGENT, "user:u1", "2025-11-25");

        assertThat(sessions.use(opened.id().toString(), AGENT, "user:u2")).isEmpty();
        assertThat(sessions.use(opened.id().toString(), AGENT, "anon:127.0.0.1")).isEmpty();
        // Still the owner's.
        assertThat(sessions.use(opened.id().toString(), AGENT, "user:u1")).isPresent();
    }

    @Test
    void itIsNotValidOnAnotherEndpoint() {
        McpSession opened = sessions.open(AGENT, "user:u1", "2025-11-25");
        McpSession root = sessions.open(null, "user:u1", "2025-11-25");

        assertThat(sessions.use(opened.id().toString(), OTHER_AGENT, "user:u1")).isEmpty();
        assertThat(sessions.use(opened.id().toString(), null, "user:u1")).isEmpty();
        assertThat(sessions.use(root.id().toString(), AGENT, "user:u1")).isEmpty();
        assertThat(sessions.use(root.id().toString(), null, "user:u1")).isPresent();
    }

    @Test
    void unknownAndMalformedIdsAreNotSessions() {
        assertThat(sessions.use(UUID.randomUUID().toString(), null, "user:u1")).isEmpty();
        assertThat(sessions.use("not-a-session", null, "user:u1")).isEmpty();
        assertThat(sessions.use("", null, "user:u1")).isEmpty();
        assertThat(sessions.use("x".repeat(36), null, "user:u1")).isEmpty();
    }

    @Test
    void anIdleSessionExpiresAndIsRemoved() {
        McpSession opened = sessions.open(null, "user:u1", "2025-11-25");

        clock.advance(TTL.plusSeconds(1));

        assertThat(sessions.use(opened.id().toString(), null, "user:u1")).isEmpty();
        assertThat(new McpSessionStore(database.database()).find(opened.id())).isEmpty();
    }

    @Test
    void useKeepsASessionAlive() {
        McpSession opened = sessions.open(null, "user:u1", "2025-11-25");
        for (int i = 0; i < 5; i++) {
            clock.advance(TTL.dividedBy(2));
            assertThat(sessions.use(opened.id().toString(), null, "user:u1"))
                    .as("use %d", i)
                    .isPresent();
        }
        assertThat(
                        new McpSessionStore(database.database())
                                .find(opened.id())
                                .orElseThrow()
                                .lastUsedAt())
                .isEqualTo(clock.instant());
    }

    @Test
    void theLastUseIsWrittenOnlyOncePerTouchInterval() {
        McpSession opened = sessions.open(null, "user:u1", "2025-11-25");
        var store = new McpSessionStore(database.database());

        // A tenth of the time to live is the touch interval here (one minute).
        clock.advance(Duration.ofSeconds(30));
        sessions.use(opened.id().toString(), null, "user:u1");
        assertThat(store.find(opened.id()).orElseThrow().lastUsedAt())
                .isEqualTo(opened.lastUsedAt());

        clock.advance(Duration.ofSeconds(31));
        sessions.use(opened.id().toString(), null, "user:u1");
        assertThat(store.find(opened.id()).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());
    }

    @Test
    void sessionsSurviveARestartOfTheNode() {
        McpSession opened = sessions.open(AGENT, "agent:" + OTHER_AGENT, "2025-06-18");

        var afterRestart =
                new McpSessions(new McpSessionStore(database.database()), clock, TTL, BACKGROUND);

        var used = afterRestart.use(opened.id().toString(), AGENT, "agent:" + OTHER_AGENT);
        assertThat(used).isPresent();
        assertThat(used.get().protocolVersion()).isEqualTo("2025-06-18");
    }

    @Test
    void anEndedSessionIsGoneForEveryNode() {
        McpSession opened = sessions.open(null, "user:u1", "2025-11-25");
        var otherNode =
                new McpSessions(new McpSessionStore(database.database()), clock, TTL, BACKGROUND);

        assertThat(sessions.end(opened.id())).isTrue();

        assertThat(sessions.use(opened.id().toString(), null, "user:u1")).isEmpty();
        assertThat(otherNode.use(opened.id().toString(), null, "user:u1")).isEmpty();
        assertThat(sessions.end(opened.id())).isFalse();
    }

    @Test
    void deletingTheAgentEndsItsSessions() {
        McpSession opened = sessions.open(AGENT, "user:u1", "2025-11-25");

        database.database()
                .inTransaction(sql -> sql.update("DELETE FROM agents WHERE id = ?", AGENT));

        var fresh =
                new McpSessions(new McpSessionStore(database.database()), clock, TTL, BACKGROUND);
        assertThat(fresh.use(opened.id().toString(), AGENT, "user:u1")).isEmpty();
    }

    @Test
    void removingExpiredSessionsKeepsLiveOnes() {
        var store = new McpSessionStore(database.database());
        Instant now = clock.instant();
        var old =
                new McpSession(
                        UUID.randomUUID(),
                        null,
                        "user:u1",
                        "2025-11-25",
                        now,
                        now.minus(TTL).minusSeconds(1));
        var recent =
                new McpSession(
                        UUID.randomUUID(),
                        null,
                        "user:u1",
                        "2025-11-25",
                        now,
                        now.minus(TTL).plusSeconds(1));
        store.insert(old);
        store.insert(recent);

        assertThat(sessions.removeExpired()).isEqualTo(1);

        assertThat(store.find(old.id())).isEmpty();
        assertThat(store.find(recent.id())).isPresent();
    }

    @Test
    void openingASessionRemovesExpiredOnesInTheBackground() {
        var store = new McpSessionStore(database.database());
        Instant now = clock.instant();
        var old =
                new McpSession(
                        UUID.randomUUID(),
                        null,
                        "user:u1",
                        "2025-11-25",
                        now,
                        now.minus(TTL).minusSeconds(1));
        store.insert(old);

        sessions.open(null, "user:u2", "2025-11-25");

        await().atMost(Duration.ofSeconds(5)).until(() -> store.find(old.id()).isEmpty());
    }
}
