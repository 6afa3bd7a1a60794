package io.peerclaw.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivitySubscriberTest {
    @Test
    void aClientThatDoesNotReadLosesEventsButNeverHoldsUpTheRecording() throws Exception {
        try (var db = TestDatabase.fresh(TestNode.Engine.H2)) {
            var out = new ByteArrayOutputStream();
            var audit =
                    AuditLog.create(
                            new NodeConfig.AuditLog(true, Optional.empty()),
                            db.database(),
                            MutableClock.atSystemTime(),
                            out);
            try (var slow = new ActivitySubscriber(audit, 10)) {
                long started = System.nanoTime();
                for (int i = 0; i < 1000; i++) {
                    audit.record(AuditEvent.KEY_MINTED, null, Map.of("i", i));
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isLessThan(Duration.ofSeconds(5));
                assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1000);
                assertThat(slow.takeDropped()).isEqualTo(990);
                assertThat(slow.takeDropped()).isZero();
                // The first ten wait, in order.
                assertThat(slow.next(Duration.ofMillis(10)).details()).containsEntry("i", 0);
            }
            audit.record(AuditEvent.KEY_MINTED, null, Map.of());
            audit.close();
        }
    }

    @Test
    void aClosedSubscriberHearsNothingMore() throws Exception {
        try (var db = TestDatabase.fresh(TestNode.Engine.H2)) {
            var audit =
                    AuditLog.create(
                            new NodeConfig.AuditLog(true, Optional.empty()),
                            db.database(),
                            MutableClock.atSystemTime(),
                            java.io.OutputStream.nullOutputStream());
            var subscriber = new ActivitySubscriber(audit, 10);
            audit.record(AuditEvent.AGENT_REGISTERED, null, Map.of());
            subscriber.close();
            audit.record(AuditEvent.AGENT_DEREGISTERED, null, Map.of());
            assertThat(subscriber.next(Duration.ofMillis(10)).type()).isEqualTo("agent.registered");
            assertThat(subscriber.next(Duration.ofMillis(10))).isNull();
            audit.close();
        }
    }
}
