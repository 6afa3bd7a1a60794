package io.peerclaw.node.boot;

import io.peerclaw.node.http.RequestContext;
import io.peerclaw.shared.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes all logging (System.Logger, JUL, and SLF4J through its JUL binding) to standard error, as
 * text or JSON lines, with the request id of the request being served on every line.
 */
public final class NodeLogging {
    /** Held strongly: JUL forgets the level of a logger nobody references. */
    private static final Logger POOL = Logger.getLogger("com.zaxxer.hikari");

    /** Logs a stack trace when a port is taken; the node reports that itself in one line. */
    private static final Logger SERVER_START = Logger.getLogger("io.helidon.webserver.LoomServer");

    /** The admin log tail's records; attached to the root logger by {@link #configure}. */
    private static final LogRing RING = new LogRing();

    private NodeLogging() {}

    /** The node's recent log records (the last 5000 that passed the configured level). */
    public static io.peerclaw.node.admin.NodeLogs recent() {
        return RING;
    }

    public static void configure(String level, boolean json) {
        if (LogManager.getLogManager() instanceof NodeLogManager manager) {
            manager.resetForConfiguration();
        } else {
            LogManager.getLogManager().reset();
        }
        Logger root = Logger.getLogger("");
        var handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(json ? new JsonLines() : new TextLines());
        root.addHandler(handler);
        RING.setLevel(Level.ALL);
        root.addHandler(RING);
        root.setLevel(julLevel(level));
        // The pool narrates starts at INFO and prints a stack trace per failed borrow during an
        // outage, which the node already reports in one line per request; keep it to errors.
        POOL.setLevel(level.equals("debug") ? Level.FINE : Level.SEVERE);
        SERVER_START.setLevel(level.equals("debug") ? Level.FINE : Level.OFF);
    }

    static Level julLevel(String level) {
        return switch (level) {
            case "debug" -> Level.FINE;
            case "warn" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }

    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    private static String requestId() {
        return RequestContext.current().map(RequestContext::requestId).orElse(null);
    }

    private static String stackTrace(Throwable thrown) {
        var out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** {@code 2026-11-25T21:00:00.123Z INFO [request-id] logger: message}. */
    static final class TextLines extends Formatter {
        @Override
        public String format(LogRecord record) {
            var line = new StringBuilder(160);
            line.append(Instant.ofEpochMilli(record.getMillis()).truncatedTo(ChronoUnit.MILLIS))
                    .append(' ')
                    .append(String.format("%-5s", levelName(record.getLevel())));
            String requestId = requestId();
            if (requestId != null) {
                line.append(" [").append(requestId).append(']');
            }
            line.append(' ')
                    .append(shortName(record.getLoggerName()))
                    .append(": ")
                    .append(formatMessage(record))
                    .append('\n');
            if (record.getThrown() != null) {
                line.append(stackTrace(record.getThrown()));
            }
            return line.toString();
        }

        private static String shortName(String logger) {
            if (logger == null) {
                return "-";
            }
            int dot = logger.lastIndexOf('.');
            return dot < 0 ? logger : logger.substring(dot + 1);
        }
    }

    /** One JSON object per line, for log shippers. */
    static final class JsonLines extends Formatter {
        @Override
        public String format(LogRecord record) {
            var line = new LinkedHashMap<String, Object>();
            line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
            line.put("level", levelName(record.getLevel()));
            line.put("logger", record.getLoggerName());
            line.put("message", formatMessage(record));
            String requestId = requestId();
            if (requestId != null) {
                line.put("request_id", requestId);
            }
            if (record.getThrown() != null) {
                line.put("error", stackTrace(record.getThrown()));
            }
            return Json.text(line) + "\n";
        }
    }
}
