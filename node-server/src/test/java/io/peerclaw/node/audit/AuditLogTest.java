package io.peerclaw.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir Path dir;

    @Test
    void writesAJsonLineAtOnceAndStoresTheEventSoonAfter() {
        try (var db = TestDatabase.fresh(TestNode.Engine.H2)) {
            var out = new ByteArrayOutputStream();
            var audit =
                    AuditLog.create(
                            new NodeConfig.AuditLog(true, Optional.empty()),
                            db.database(),
                            MutableClock.atSystemTime(),
                            out);
            audit.record(
                    AuditEvent.AGENT_REGISTERED,
                    "kzdvvj2umnduyauf35o36k6kw462mujv",
                    Map.of("name", "a"));
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .startsWith("{\"timestamp\":\"")
                    .contains(
                            "\"type\":\"agent.registered\",\"agent_id\":\"kzdvvj2umnduyauf35o36k6kw462mujv\"")
                    .endsWith("}\n");
            await().atMost(Duration.ofSeconds(3)).until(() -> stored(db, "agent.registered") == 1);
            audit.close();
        }
    }

    @Test
    void listenersHearEachEventAfterItIsRecordedAndAFailingOneStopsNothing() {
        try (var db = TestDatabase.fresh(TestNode.Engine.H2)) {
            var out = new ByteArrayOutputStream();
            var audit =
                    AuditLog.create(
                            new NodeConfig.AuditLog(true, Optional.empty()),
                            db.database(),
                            MutableClock.atSystemTime(),
                            out);
            var heard = new java.util.ArrayList<String>();
            var failing =
                    audit.subscribe(
                            event -> {
                                throw new IllegalStateException("listener broke");
                            });
            var listening =
                    audit.subscribe(
                            event -> {
                                // Recorded (written to the log line) before listeners hear it.
                                assertThat(out.toString(StandardCharsets.UTF_8))
                                        .contains(event.type());
                                heard.add(event.type());
                            });
            audit.record(AuditEvent.AGENT_REGISTERED, null, Map.of());
            listening.close();
            audit.record(AuditEvent.AGENT_DEREGISTERED, null, Map.of());
            failing.close();
            assertThat(heard).containsExactly("agent.registered");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("agent.deregistered");
            audit.close();
        }
    }

    @Test
    void closingStoresWhatIsStillQueued() {
        try (var db = TestDatabase.fresh(TestNode.Engine.H2)) {
            var audit =
                    AuditLog.create(
                            new NodeConfig.AuditLog(true, Optional.empty()),
                            db.database(),
                            MutableClock.atSystemTime(),
                            java.io.OutputStream.nullOutputStream());
            for (int i = 0; i < 50; i++) {
                audit.record(AuditEvent.KEY_MINTED, null, Map.of("i", i));
            }
            audit.close();
            assertThat(stored(db, "agent.key_minted")).isEqualTo(50);
        }
    }

    @Test
    void writesToAFileWhenConfiguredAndNothingWhenDisabled() throws Exception {
        try (var db = TestDatabase.fresh(TestNode.Engine.H2)) {
            Path file = dir.resolve("logs/audit.jsonl");
            var audit =
                    AuditLog.create(
                            new NodeConfig.AuditLog(true, Optional.of(file)),
                            db.database(),
                            MutableClock.atSystemTime(),
                            java.io.OutputStream.nullOutputStream());
            audit.record(AuditEvent.AGENT_DEREGISTERED, null, Map.of());
            audit.close();
            assertThat(Files.readString(file)).contains("agent.deregistered");
            assertThat(Files.getPosixFilePermissions(file).toString()).doesNotContain("OTHERS");

            var out = new ByteArrayOutputStream();
            var off =
                    AuditLog.create(
                            new NodeConfig.AuditLog(false, Optional.empty()),
                            db.database(),
                            MutableClock.atSystemTime(),
                            out);
            off.record(AuditEvent.AGENT_REGISTERED, null, Map.of());
            off.close();
            assertThat(out.size()).isZero();
        }
    }

    @Test
    void throttledEventsRecordedAfterCloseAreEachStoredNotCountedIntoASummaryNobodyWrites() {
        try (var db = TestDatabase.fresh(TestNode.Engine.H2)) {
            var audit =
                    AuditLog.create(
                            new NodeConfig.AuditLog(true, Optional.empty()),
                            db.database(),
                            MutableClock.atSystemTime(),
                            java.io.OutputStream.nullOutputStream());
            audit.recordThrottled(AuditEvent.AUTH_FAILED, null, Map.of());
            audit.recordThrottled(AuditEvent.AUTH_FAILED, null, Map.of()); // suppressed
            audit.close(); // the first event, and a summary of one suppressed

            // A request the server let finish after the node began stopping.
            for (int i = 0; i < 3; i++) {
                audit.recordThrottled(AuditEvent.AUTH_FAILED, null, Map.of());
            }

            assertThat(stored(db, AuditEvent.AUTH_FAILED)).isEqualTo(5);
        }
    }

    private static long stored(TestDatabase db, String type) {
        return db.database()
                .read(
                        sql ->
                                sql.count(
                                        "SELECT COUNT(*) FROM audit_log WHERE event_type = ?",
                                        type));
    }
}
