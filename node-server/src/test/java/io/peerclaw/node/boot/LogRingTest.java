package io.peerclaw.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogRingTest {
    @Test
    void keepsTheNewestRecordsOldestFirstWithTheirLevelAndLogger() {
        var ring = new LogRing();
        for (int i = 0; i < LogRing.CAPACITY + 7; i++) {
            var record = new LogRecord(i % 2 == 0 ? Level.INFO : Level.SEVERE, "line {0}");
            record.setParameters(new Object[] {Integer.toString(i)});
            record.setLoggerName("io.peerclaw.node.Example");
            ring.publish(record);
        }
        var lines = ring.recent();
        assertThat(lines).hasSize(LogRing.CAPACITY);
        assertThat(lines.getFirst().message()).isEqualTo("line 7");
        assertThat(lines.getLast().message()).isEqualTo("line " + (LogRing.CAPACITY + 6));
        assertThat(lines.getFirst().level()).isEqualTo("error");
        assertThat(lines.get(1).level()).isEqualTo("info");
        assertThat(lines.getFirst().logger()).isEqualTo("io.peerclaw.node.Example");
    }

    @Test
    void aFailureIsOneLineNamingTheException() {
        var ring = new LogRing();
        var record = new LogRecord(Level.WARNING, "could not reach the agent");
        record.setThrown(new java.io.IOException("connection refused"));
        ring.publish(record);
        assertThat(ring.recent().getFirst().message())
                .isEqualTo("could not reach the agent (java.io.IOException: connection refused)");
        assertThat(ring.recent().getFirst().level()).isEqualTo("warn");
    }
}
