package io.peerclaw.node.admin;

import java.time.Instant;
import java.util.List;

/**
 * The node's recent log records, kept in memory by whoever configures logging (the composition
 * root): the admin log tail reads them without knowing how logging is set up.
 */
@FunctionalInterface
public interface NodeLogs {
    /** One log record as the console shows it; {@code level} is debug, info, warn or error. */
    record Line(Instant time, String level, String logger, String message) {}

    /** The records kept, oldest first. */
    List<Line> recent();
}
