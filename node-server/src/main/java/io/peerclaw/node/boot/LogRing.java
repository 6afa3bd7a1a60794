package io.peerclaw.node.boot;

import io.peerclaw.node.admin.NodeLogs;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * A log handler keeping the last {@link #CAPACITY} records in memory for the admin log tail. JUL is
 * one per process, so there is one ring per process; it outlives restarts of the node.
 */
final class LogRing extends Handler implements NodeLogs {
    static final int CAPACITY = 5000;

    private final ArrayDeque<Line> lines = new ArrayDeque<>(CAPACITY);
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        String message = formatter.formatMessage(record);
        if (record.getThrown() != null) {
            // The tail shows what failed in one line; the full trace is on standard error.
            message = message + " (" + record.getThrown() + ")";
        }
        var line =
                new Line(
                        Instant.ofEpochMilli(record.getMillis()),
                        NodeLogging.levelName(record.getLevel()).toLowerCase(Locale.ROOT),
                        record.getLoggerName() == null ? "-" : record.getLoggerName(),
                        message);
        synchronized (lines) {
            if (lines.size() == CAPACITY) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
    }

    @Override
    public List<Line> recent() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    @Override
    public void flush() {
        // Nothing is buffered outside the ring.
    }

    @Override
    public void close() {
        // The ring stays readable; records simply stop arriving once it is detached.
    }
}
