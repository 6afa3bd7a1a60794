package io.peerclaw.node.uptime;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.node.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every SQL statement of uptime probing: the schedule, the last results and the hourly counts. */
final class ProbeStore {
    private static final int MAX_DETAIL = 500;

    private final Database db;

    ProbeStore(Database db) {
        this.db = db;
    }

    /** An agent whose probe is due, with the time the schedule holds for it. */
    record Due(String agentId, Instant nextProbeAt) {}

    /** The last result and the counts of the hours asked for. */
    record Health(Instant lastProbeAt, Boolean lastProbeOk, long probes, long ups) {}

    private static final String SCHEDULE =
            """
            INSERT INTO probe_status (agent_id, next_probe_at)
            SELECT a.id, ? FROM agents a
            WHERE a.id = ? AND NOT EXISTS (SELECT 1 FROM probe_status p WHERE p.agent_id = a.id)
            """;

    /**
     * Puts a registered agent into the schedule unless it is there already.
     *
     * @return whether it was added
     */
    boolean schedule(String agentId, Instant next) {
        try {
            return db.inTransaction(sql -> sql.update(SCHEDULE, next, agentId)) == 1;
        } catch (StorageException e) {
            if (e.isUniqueViolation()) {
                return false; // another node or thread added it just now
            }
            throw e;
        }
    }

    /** Registered agents missing from the schedule, by id. */
    List<String> unscheduled(int limit) {
        return db.read(
                sql ->
                        sql.query(
                                """
                                SELECT a.id FROM agents a
                                WHERE NOT EXISTS
                                    (SELECT 1 FROM probe_status p WHERE p.agent_id = a.id)
                                ORDER BY a.id
                                LIMIT ?
                                """,
                                row -> row.getString(1),
                                limit));
    }

    /** Adds many agents at once, each at its own time; ones added meanwhile are skipped. */
    int scheduleAll(Map<String, Instant> next) {
        var rows = new ArrayList<Object[]>();
        next.forEach((id, at) -> rows.add(new Object[] {at, id}));
        try {
            return db.inTransaction(sql -> sql.batch(SCHEDULE, rows));
        } catch (StorageException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            int added = 0;
            for (var entry : next.entrySet()) {
                added += schedule(entry.getKey(), entry.getValue()) ? 1 : 0;
            }
            return added;
        }
    }

    /** The agents due at {@code now}, longest overdue first. */
    List<Due> due(Instant now, int limit) {
        return db.read(
                sql ->
                        sql.query(
                                """
                                SELECT agent_id, next_probe_at FROM probe_status
                                WHERE next_probe_at <= ?
                                ORDER BY next_probe_at
                                LIMIT ?
                                """,
                                row -> new Due(row.getString(1), Sql.instant(row, "next_probe_at")),
                                now,
                                limit));
    }

    /**
     * Takes a due agent by moving its next probe on, if the schedule still holds the time read: of
     * two nodes (or threads) trying, exactly one succeeds.
     */
    boolean claim(Due due, Instant next) {
        return db.inTransaction(
                        sql ->
                                sql.update(
                                        """
                                        UPDATE probe_status SET next_probe_at = ?
                                        WHERE agent_id = ? AND next_probe_at = ?
                                        """,
                                        next,
                                        due.agentId(),
                                        due.nextProbeAt()))
                == 1;
    }

    /**
     * Keeps a probe's result; a scheduled probe ({@code epochHour} not null) also counts in its
     * hour. An agent deregistered meanwhile keeps nothing.
     *
     * @param next the next probe for an agent not yet in the schedule
     */
    void record(
            String agentId,
            Instant at,
            boolean up,
            String protocol,
            String detail,
            Long epochHour,
            Instant next) {
        String shortDetail =
                detail == null || detail.length() <= MAX_DETAIL
                        ? detail
                        : detail.substring(0, MAX_DETAIL);
        try {
            write(agentId, at, up, protocol, shortDetail, epochHour, next);
        } catch (StorageException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // A concurrent probe created the row first; the second try updates it.
            write(agentId, at, up, protocol, shortDetail, epochHour, next);
        }
    }

    private void write(
            String agentId,
            Instant at,
            boolean up,
            String protocol,
            String detail,
            Long epochHour,
            Instant next) {
        db.inTransaction(
                sql -> {
                    int status =
                            sql.update(
                                    """
                                    UPDATE probe_status
                                    SET last_probe_at = ?, last_probe_ok = ?, last_protocol = ?,
                                        last_detail = ?
                                    WHERE agent_id = ?
                                    """,
                                    at,
                                    up,
                                    protocol,
                                    detail,
                                    agentId);
                    if (status == 0) {
                        status =
                                sql.update(
                                        """
                                        INSERT INTO probe_status (agent_id, next_probe_at,
                                            last_probe_at, last_probe_ok, last_protocol,
                                            last_detail)
                                        SELECT id, ?, ?, ?, ?, ? FROM agents WHERE id = ?
                                        """,
                                        next,
                                        at,
                                        up,
                                        protocol,
                                        detail,
                                        agentId);
                    }
                    if (status == 0 || epochHour == null) {
                        return null;
                    }
                    int counted =
                            sql.update(
                                    """
                                    UPDATE probe_hours SET probes = probes + 1, ups = ups + ?
                                    WHERE agent_id = ? AND epoch_hour = ?
                                    """,
                                    up ? 1 : 0,
                                    agentId,
                                    epochHour);
                    if (counted == 0) {
                        sql.update(
                                """
                                INSERT INTO probe_hours (agent_id, epoch_hour, probes, ups)
                                VALUES (?, ?, 1, ?)
                                """,
                                agentId,
                                epochHour,
                                up ? 1 : 0);
                    }
                    return null;
                });
    }

    /** The agent's last result and its counts from {@code fromHour} on; empty if never listed. */
    Optional<Health> health(String agentId, long fromHour) {
        return db.read(
                sql ->
                        sql.queryOne(
                                """
                                SELECT s.last_probe_at, s.last_probe_ok,
                                    (SELECT COALESCE(SUM(h.probes), 0) FROM probe_hours h
                                     WHERE h.agent_id = s.agent_id AND h.epoch_hour >= ?),
                                    (SELECT COALESCE(SUM(h.ups), 0) FROM probe_hours h
                                     WHERE h.agent_id = s.agent_id AND h.epoch_hour >= ?)
                                FROM probe_status s WHERE s.agent_id = ?
                                """,
                                row -> {
                                    Instant last = Sql.instant(row, "last_probe_at");
                                    boolean ok = row.getBoolean(2);
                                    return new Health(
                                            last,
                                            row.wasNull() ? null : ok,
                                            row.getLong(3),
                                            row.getLong(4));
                                },
                                fromHour,
                                fromHour,
                                agentId));
    }

    /** Deletes the hourly counts before {@code beforeHour}; returns how many went. */
    int prune(long beforeHour) {
        return db.inTransaction(
                sql -> sql.update("DELETE FROM probe_hours WHERE epoch_hour < ?", beforeHour));
    }
}
