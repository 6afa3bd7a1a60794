package io.peerclaw.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.NodeProcess;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.shared.json.Json;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while clients are still writing: every audit event the node answered for is in the
 * database afterwards, the database was not closed under the writers, and the node says when it
 * began stopping and how long stopping took.
 */
class StopLosesNothingIT {
    private static final int MAX_ROUNDS = 10;
    private static final int MIN_ROUNDS = 3;

    /** No new round starts after this, so the test stays under about 40 s on a slow machine. */
    private static final Duration BUDGET = Duration.ofSeconds(30);

    private static final int WRITERS = 12;

    @TempDir Path data;

    @Test
    void everyAcknowledgedAuditEventIsStoredAfterSigterm() throws Exception {
        long started = System.nanoTime();
        int rounds = 0;
        long registrationsChecked = 0;
        long failuresChecked = 0;
        while (rounds < MAX_ROUNDS
                && (rounds < MIN_ROUNDS || System.nanoTime() - started < BUDGET.toNanos())) {
            var round = round();
            rounds++;
            registrationsChecked += round.registered().size();
            failuresChecked += round.failedLogins();
        }
        System.out.printf(
                "StopLosesNothingIT: %d rounds, %d agent.registered and %d auth.failed events"
                        + " checked%n",
                rounds, registrationsChecked, failuresChecked);
        assertThat(registrationsChecked).isGreaterThan(rounds * 5L);
    }

    @Test
    void saysWhenItBeginsStoppingAndHowLongItTook() throws Exception {
        String output;
        try (var node = NodeProcess.start(data, Map.of("logging.level", "info"))) {
            assertThat(node.stop()).isIn(0, 143);
            output = node.output();
        }
        assertThat(output)
                .containsPattern("INFO +NodeWiring: stopping the node")
                .containsPattern("INFO +NodeWiring: node stopped in \\d+ ms");
    }

    private record Round(Set<String> registered, long failedLogins) {}

    private Round round() throws Exception {
        var registered = ConcurrentHashMap.<String>newKeySet();
        var failedLogins = new AtomicLong();
        var loginAttempts = new AtomicLong();
        var writing = new AtomicBoolean(true);
        String output;
        try (var node =
                NodeProcess.start(
                        data, Map.of("logging.level", "info", "rate_limit.enabled", "false"))) {
            var first = new CountDownLatch(WRITERS);
            var writers = new ArrayList<Thread>();
            for (int i = 0; i < WRITERS; i++) {
                boolean registering = i % 3 != 0;
                writers.add(
                        Thread.ofPlatform()
                                .start(
                                        () -> {
                                            boolean counted = false;
                                            while (writing.get()) {
                                                try {
                                                    if (registering) {
                                                        register(node, registered);
                                                    } else {
                                                        loginAttempts.incrementAndGet();
                                                        if (failLogin(node)) {
                                                            failedLogins.incrementAndGet();
                                                        }
                                                    }
                                                } catch (RuntimeException e) {
                                                    // The node went away mid-request: this
                                                    // one was never acknowledged.
                                                }
                                                if (!counted) {
                                                    counted = true;
                                                    first.countDown();
                                                }
                                            }
                                        }));
            }
            first.await();
            Thread.sleep(150);
            // SIGTERM with every writer mid-flight.
            int exit = node.stop();
            writing.set(false);
            for (var writer : writers) {
                writer.join();
            }
            output = node.output();
            assertThat(exit).as(output).isIn(0, 143);
        }
        assertThat(registered).isNotEmpty();
        var stored = stored();
        assertThat(stored.registered())
                .as("agent.registered events stored for every 201; the node wrote:%n%s", output)
                .containsAll(registered);
        // Every refusal the client saw is stored; a request the node refused and recorded while
        // the connection was closing counts as stored without the client hearing of it.
        assertThat(stored.failedLogins())
                .as(
                        "auth.failed events (first ones plus suppressed counts) for every 401; the"
                                + " node wrote:%n%s",
                        output)
                .isBetween(failedLogins.get(), loginAttempts.get());
        assertThat(output)
                .doesNotContain("Database is already closed")
                .doesNotContain("cannot store");
        assertThat(data.resolve("peerclaw.trace.db")).doesNotExist();
        return new Round(Set.copyOf(registered), failedLogins.get());
    }

    private static void register(NodeProcess node, Set<String> registered) {
        var agent = new TestAgent(node.uri());
        var answer = Http.send(agent.signed("POST", "/api/v1/agents", agent.card("stopper")));
        if (answer.status() == 201) {
            registered.add(agent.id().value());
        }
    }

    /** A heartbeat without a signature: refused, and audited as {@code auth.failed}. */
    private static boolean failLogin(NodeProcess node) {
        var request =
                HttpRequest.newBuilder(
                                node.uri()
                                        .resolve(
                                                "/api/v1/agents/"
                                                        + new TestAgent(node.uri()).id().value()
                                                        + "/heartbeat"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        return Http.send(request).status() == 401;
    }

    private record Stored(Set<String> registered, long failedLogins) {}

    /** What the stopped node's database holds, read directly. */
    private Stored stored() throws SQLException {
        assertThat(Files.exists(data.resolve("peerclaw.mv.db"))).isTrue();
        var registered = new HashSet<String>();
        long failed = 0;
        try (var connection =
                        DriverManager.getConnection(
                                "jdbc:h2:file:"
                                        + data.resolve("peerclaw")
                                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                                "sa",
                                "");
                var statement = connection.createStatement()) {
            try (var rows =
                    statement.executeQuery(
                            "SELECT agent_id FROM audit_log WHERE event_type ="
                                    + " 'agent.registered'")) {
                while (rows.next()) {
                    registered.add(rows.getString(1));
                }
            }
            // Delete what this round counted, so the next round counts its own.
            try (var rows =
                    statement.executeQuery(
                            "SELECT details FROM audit_log WHERE event_type = 'auth.failed'")) {
                List<String> details = new ArrayList<>();
                while (rows.next()) {
                    details.add(rows.getString(1));
                }
                for (String text : details) {
                    var suppressed =
                            Json.tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                    .get("suppressed");
                    failed += suppressed == null ? 1 : suppressed.asLong();
                }
            }
            statement.execute("DELETE FROM audit_log WHERE event_type = 'auth.failed'");
        }
        return new Stored(registered, failed);
    }
}
