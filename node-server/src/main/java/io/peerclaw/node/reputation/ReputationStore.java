package io.peerclaw.node.reputation;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Every SQL statement of the trust engine: the score columns of agents and reputation_events. */
final class ReputationStore {
    private final Database database;

    ReputationStore(Database database) {
        this.database = database;
    }

    /** The score's bookkeeping of one agent, read under a row lock by {@link #locked}. */
    record Standing(
            String agentId,
            String ownerUserId,
            double score,
            long updatedMillis,
            double logSlope,
            long eventCount) {}

    /** A stored event's part in the score, for undoing it. */
    record Applied(long id, double delta, double logSlope) {}

    record Event(
            long id,
            String agentId,
            String eventType,
            double weight,
            double scoreAfter,
            double delta,
            boolean voided,
            String metadata,
            Instant createdAt) {}

    record TypeEffect(String eventType, long count, double change) {}

    /** Runs {@code work} in one transaction. */
    <T> T transaction(Function<Sql, T> work) {
        return database.inTransaction(work);
    }

    /** Locks the agent's row until the transaction ends: updates of one agent queue up. */
    Optional<Standing> locked(Sql sql, String agentId) {
        return sql.queryOne(STANDING + " FOR UPDATE", ReputationStore::standing, agentId);
    }

    Optional<Applied> byKey(Sql sql, String agentId, String dedupeKey) {
        return sql.queryOne(
                "SELECT id, delta, log_slope FROM reputation_events WHERE agent_id = ? AND"
                        + " dedupe_key = ?",
                r -> new Applied(r.getLong(1), r.getDouble(2), r.getDouble(3)),
                agentId,
                dedupeKey);
    }

    /** The agent's events of a type since a time, counted up to {@code cap}. */
    long recent(Sql sql, String agentId, String eventType, Instant since, int cap) {
        return sql.count(
                "SELECT COUNT(*) FROM (SELECT 1 FROM reputation_events WHERE agent_id = ? AND"
                        + " event_type = ? AND created_at >= ? AND voided = FALSE LIMIT ?) x",
                agentId,
                eventType,
                since,
                cap);
    }

    void insert(
            Sql sql,
            String agentId,
            EventType type,
            double weight,
            double scoreAfter,
            double delta,
            double logSlope,
            String dedupeKey,
            String metadata,
            Instant at) {
        sql.update(
                "INSERT INTO reputation_events (agent_id, event_type, weight, score_after, delta,"
                        + " log_slope, dedupe_key, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?)",
                agentId,
                type.wireName(),
                weight,
                scoreAfter,
                delta,
                logSlope,
                dedupeKey,
                metadata,
                at);
    }

    /** A replaced event no longer counts, and its key is free for the one replacing it. */
    void voidEvent(Sql sql, long id) {
        sql.update(
                "UPDATE reputation_events SET voided = TRUE, dedupe_key = NULL WHERE id = ?", id);
    }

    void save(Sql sql, String agentId, double score, long updatedMillis, double logSlope, long n) {
        sql.update(
                "UPDATE agents SET reputation_score = ?, reputation_updated_ms = ?,"
                        + " reputation_log_slope = ?, reputation_event_count = ? WHERE id = ?",
                score,
                updatedMillis,
                logSlope,
                n,
                agentId);
    }

    /**
     * Brings idle scores up to date, a batch at a time so that no statement holds many row locks:
     * the same drift an event would apply first, written so that sorting by score and the public
     * figures stay honest for agents nobody calls.
     *
     * @return how many agents were updated
     */
    int decay(long nowMillis, long halfLifeMillis, long olderThanMillis, int batch) {
        return database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE agents SET reputation_score = 0.5 + (reputation_score -"
                                        + " 0.5) * POWER(0.5, CAST(? - reputation_updated_ms AS"
                                        + " DOUBLE PRECISION) / ?), reputation_log_slope ="
                                        + " reputation_log_slope + LN(0.5) * CAST(? -"
                                        + " reputation_updated_ms AS DOUBLE PRECISION) / ?,"
                                        + " reputation_updated_ms = ? WHERE id IN (SELECT id FROM"
                                        + " agents WHERE reputation_updated_ms > 0 AND"
                                        + " reputation_updated_ms < ? AND ABS(reputation_score -"
                                        + " 0.5) > 0.0001 LIMIT ?)",
                                nowMillis,
                                (double) halfLifeMillis,
                                nowMillis,
                                (double) halfLifeMillis,
                                nowMillis,
                                olderThanMillis,
                                batch));
    }

    Optional<Standing> standing(String agentId) {
        return database.read(sql -> sql.queryOne(STANDING, ReputationStore::standing, agentId));
    }

    private static final String STANDING =
            "SELECT id, owner_user_id, reputation_score, reputation_updated_ms,"
                    + " reputation_log_slope, reputation_event_count FROM agents WHERE id = ?";

    private static Standing standing(ResultSet r) throws SQLException {
        return new Standing(
                r.getString(1),
                r.getString(2),
                r.getDouble(3),
                r.getLong(4),
                r.getDouble(5),
                r.getLong(6));
    }

    /** Newest first, starting below {@code beforeId} when given. */
    List<Event> history(String agentId, Optional<Long> beforeId, int limit) {
        return database.read(
                sql ->
                        beforeId.isPresent()
                                ? sql.query(
                                        "SELECT "
                                                + EVENT_COLUMNS
                                                + " FROM reputation_events WHERE agent_id = ? AND"
                                                + " id < ? ORDER BY id DESC LIMIT ?",
                                        ReputationStore::event,
                                        agentId,
                                        beforeId.get(),
                                        limit)
                                : sql.query(
                                        "SELECT "
                                                + EVENT_COLUMNS
                                                + " FROM reputation_events WHERE agent_id = ?"
                                                + " ORDER BY id DESC LIMIT ?",
                                        ReputationStore::event,
                                        agentId,
                                        limit));
    }

    /** Per event type since {@code since}: how many counted and how far they moved the score. */
    List<TypeEffect> effects(String agentId, Instant since) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT event_type, COUNT(*), SUM(delta) FROM reputation_events"
                                        + " WHERE agent_id = ? AND created_at >= ? AND voided ="
                                        + " FALSE GROUP BY event_type ORDER BY event_type",
                                r -> new TypeEffect(r.getString(1), r.getLong(2), r.getDouble(3)),
                                agentId,
                                since));
    }

    /** A node-wide event with its agent's name, for the admin's recent events. */
    record NamedEvent(
            String agentId,
            String agentName,
            String eventType,
            double delta,
            double scoreAfter,
            Instant createdAt) {}

    /** An agent's place in the node's ranking. */
    record Ranked(String agentId, String name, double score, boolean verified) {}

    /** The newest events of every agent (replaced ones included: they happened). */
    List<NamedEvent> recentEvents(int limit) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT e.agent_id, a.name, e.event_type, e.delta, e.score_after,"
                                        + " e.created_at FROM reputation_events e LEFT JOIN agents"
                                        + " a ON a.id = e.agent_id ORDER BY e.id DESC LIMIT ?",
                                r ->
                                        new NamedEvent(
                                                r.getString(1),
                                                r.getString(2),
                                                r.getString(3),
                                                r.getDouble(4),
                                                r.getDouble(5),
                                                Sql.instant(r, "created_at")),
                                limit));
    }

    /**
     * The highest ({@code best}) or lowest scores. Ties go by id, and the lowest are read in
     * exactly the reverse order of the highest, so the two ends of one ranking never swap tied
     * agents.
     */
    List<Ranked> ranked(boolean best, int limit) {
        String order = best ? "reputation_score DESC, id ASC" : "reputation_score ASC, id DESC";
        return database.read(
                sql ->
                        sql.query(
                                "SELECT id, name, reputation_score, verified FROM agents ORDER BY "
                                        + order
                                        + " LIMIT ?",
                                r ->
                                        new Ranked(
                                                r.getString(1),
                                                r.getString(2),
                                                r.getDouble(3),
                                                r.getBoolean(4)),
                                limit));
    }

    /** How many agents score in each tenth: [0, 0.1), …, [0.9, 1.0]. */
    long[] distribution() {
        String bucket = "LEAST(GREATEST(CAST(FLOOR(reputation_score * 10) AS INTEGER), 0), 9)";
        var counts = new long[10];
        database.read(
                        sql ->
                                sql.query(
                                        "SELECT "
                                                + bucket
                                                + ", COUNT(*) FROM agents GROUP BY "
                                                + bucket,
                                        r -> new long[] {r.getInt(1), r.getLong(2)}))
                .forEach(row -> counts[(int) row[0]] = row[1]);
        return counts;
    }

    private static final String EVENT_COLUMNS =
            "id, agent_id, event_type, weight, score_after, delta, voided, metadata, created_at";

    private static Event event(ResultSet r) throws SQLException {
        String metadata = r.getString(8);
        return new Event(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                r.getDouble(4),
                r.getDouble(5),
                r.getDouble(6),
                r.getBoolean(7),
                metadata == null || metadata.isEmpty() ? null : metadata,
                Sql.instant(r, "created_at"));
    }
}
