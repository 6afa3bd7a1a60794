package io.peerclaw.shared.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the desktop console reads and changes to run a node, local or remote: node facts, settings,
 * restart, log tails, node-wide reputation and the live activity feed ({@code /api/v1/admin/…}).
 */
public final class Console {
    private Console() {}

    /**
     * {@code GET /admin/node}. {@code configFile} is sent as null when there is none (the console
     * shows "none" rather than guessing).
     */
    public record NodeFacts(
            String version,
            Instant startedAt,
            long uptimeSeconds,
            String url,
            int port,
            String dataDir,
            String configFile,
            Database database) {}

    /** The database driver and a description without credentials. */
    public record Database(String driver, String description) {}

    /** {@code GET /admin/settings}: the settings as the node will use them on its next start. */
    public record Settings(String configFile, boolean restartRequired, List<Setting> settings) {}

    /**
     * One editable setting. A secret's value is never sent, only {@code set} (whether it has one);
     * {@code readOnly} is sent only when true; {@code note} says when a flag or the environment
     * overrides the file.
     */
    public record Setting(
            String key,
            String value,
            String kind,
            String description,
            Boolean set,
            Boolean readOnly,
            String note) {}

    /** {@code PUT /admin/settings}: new values by key; null returns a key to its default. */
    public record SettingsChange(Map<String, Object> settings) {}

    /** The answer to {@code PUT /admin/settings}: where the values went. */
    public record SettingsSaved(boolean saved, boolean restartRequired, String configFile) {}

    /** The answer to {@code POST /admin/restart}. */
    public record Restarting(boolean restarting) {}

    /** {@code GET /admin/logs}: the newest lines of the node's log or of its audit trail. */
    public record LogTail(String source, List<LogLine> lines) {}

    /** One log record; {@code level} is debug, info, warn or error. */
    public record LogLine(Instant time, String level, String logger, String message) {}

    /** {@code GET /admin/reputation/events}: the node's newest reputation events. */
    public record ReputationEvents(List<ReputationEvent> events) {}

    /** A reputation event anywhere on the node. */
    public record ReputationEvent(
            String agentId,
            String agentName,
            String eventType,
            double delta,
            double scoreAfter,
            Instant createdAt) {}

    /**
     * {@code GET /admin/reputation/summary}: the ten best and ten worst agents, ten counts of
     * scores in [0, 0.1) up to [0.9, 1.0], and the formula's constants.
     */
    public record ReputationSummary(
            List<RankedAgent> top,
            List<RankedAgent> bottom,
            List<Long> distribution,
            ReputationConstants constants) {}

    public record RankedAgent(String agentId, String name, double score, boolean verified) {}

    /** The formula's settings; {@code decayHalfLife} as configured, e.g. {@code 720h}. */
    public record ReputationConstants(
            double alpha,
            double trustedThreshold,
            String decayHalfLife,
            Map<String, Double> weights) {}

    /**
     * {@code GET /directory/{id}/reputation}: one agent's reputation events, newest first; {@code
     * replaced} when a newer review took an event's place.
     */
    public record ReputationHistory(List<HistoryEvent> events, String nextPageToken) {}

    public record HistoryEvent(
            long id,
            String agentId,
            String eventType,
            double weight,
            double scoreAfter,
            double delta,
            boolean replaced,
            String metadata,
            Instant createdAt) {}

    /**
     * An {@code activity} event of {@code GET /admin/activity}: an audit event as it happens, with
     * its agent's name and its actor's email when they exist.
     */
    public record Activity(
            Instant time,
            String type,
            String agentId,
            String actor,
            String sourceIp,
            Map<String, Object> details,
            String agentName,
            String actorEmail) {}

    /** A {@code dropped} event: the feed lost this many events (the client was too slow). */
    public record Dropped(long count) {}
}
