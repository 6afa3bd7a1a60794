package io.peerclaw.node.gateway;

import static io.peerclaw.node.gateway.GatewayStore.INVOCATION_COLUMNS;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of the invocation log's read side ({@link InvocationLog}): listings by who may see them,
 * counts, statistics and time series.
 */
final class InvocationStore {
    private final Database database;

    InvocationStore(Database database) {
        this.database = database;
    }

    Optional<Invocation> invocation(UUID id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT " + INVOCATION_COLUMNS + " FROM invocations WHERE id = ?",
                                InvocationStore::invocation,
                                id.toString()));
    }

    /** Whose invocations a listing shows. */
    record Viewer(String userId, String agentId) {}

    /**
     * The invocations a viewer may see, newest first: a user's own calls and the calls to the
     * agents they own; an agent's own calls and the calls to it. {@code onlyAgent} narrows to calls
     * to one agent.
     */
    List<Invocation> visible(Viewer viewer, Optional<String> onlyAgent, int limit, int offset) {
        var where = new StringBuilder();
        var args = new ArrayList<Object>();
        visibleTo(viewer, onlyAgent, where, args);
        args.add(limit);
        args.add(offset);
        return database.read(
                sql ->
                        sql.query(
                                "SELECT "
                                        + INVOCATION_COLUMNS
                                        + " FROM invocations WHERE "
                                        + where
                                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                                InvocationStore::invocation,
                                args.toArray()));
    }

    long countVisible(Viewer viewer, Optional<String> onlyAgent) {
        var where = new StringBuilder();
        var args = new ArrayList<Object>();
        visibleTo(viewer, onlyAgent, where, args);
        return database.read(
                sql ->
                        sql.count(
                                "SELECT COUNT(*) FROM invocations WHERE " + where, args.toArray()));
    }

    private static void visibleTo(
            Viewer viewer, Optional<String> onlyAgent, StringBuilder where, List<Object> args) {
        if (viewer.userId() != null) {
            // Ownership is the registry's column; read here so one query pages the whole log.
            where.append(
                    "(user_id = ? OR agent_id IN (SELECT id FROM agents WHERE owner_user_id = ?))");
            args.add(viewer.userId());
            args.add(viewer.userId());
        } else {
            where.append("(caller_agent_id = ? OR agent_id = ?)");
            args.add(viewer.agentId());
            args.add(viewer.agentId());
        }
        onlyAgent.ifPresent(
                a -> {
                    where.append(" AND agent_id = ?");
                    args.add(a);
                });
    }

    boolean ownedBy(String agentId, String userId) {
        return database.read(
                sql ->
                        sql.count(
                                        "SELECT COUNT(*) FROM agents WHERE id = ? AND"
                                                + " owner_user_id = ?",
                                        agentId,
                                        userId)
                                > 0);
    }

    /** Calls to the agents a user owns. */
    long countToOwner(String userId) {
        return database.read(
                sql ->
                        sql.count(
                                "SELECT COUNT(*) FROM invocations WHERE agent_id IN (SELECT id FROM"
                                        + " agents WHERE owner_user_id = ?)",
                                userId));
    }

    long countAll(Optional<String> agent) {
        return database.read(
                sql ->
                        agent.isPresent()
                                ? sql.count(
                                        "SELECT COUNT(*) FROM invocations WHERE agent_id = ?",
                                        agent.get())
                                : sql.count("SELECT COUNT(*) FROM invocations"));
    }

    /** The newest invocations of the whole node (or one agent), for admins. */
    List<Invocation> recent(Optional<String> agent, int limit, int offset) {
        return database.read(
                sql ->
                        agent.isPresent()
                                ? sql.query(
                                        "SELECT "
                                                + INVOCATION_COLUMNS
                                                + " FROM invocations WHERE agent_id = ? ORDER BY"
                                                + " created_at DESC, id DESC LIMIT ? OFFSET ?",
                                        InvocationStore::invocation,
                                        agent.get(),
                                        limit,
                                        offset)
                                : sql.query(
                                        "SELECT "
                                                + INVOCATION_COLUMNS
                                                + " FROM invocations ORDER BY created_at DESC,"
                                                + " id DESC LIMIT ? OFFSET ?",
                                        InvocationStore::invocation,
                                        limit,
                                        offset));
    }

    private static Invocation invocation(ResultSet row) throws SQLException {
        String task = row.getString("task_id");
        return new Invocation(
                UUID.fromString(row.getString("id")),
                row.getString("agent_id"),
                task == null ? null : UUID.fromString(task),
                row.getString("user_id"),
                row.getString("caller_agent_id"),
                row.getString("ip_address"),
                row.getString("protocol"),
                row.getString("front_door"),
                row.getString("status"),
                row.getLong("duration_ms"),
                row.getString("error"),
                row.getString("request_preview"),
                row.getString("response_preview"),
                Sql.instant(row, "created_at"));
    }

    /** Call counts and durations of one agent (or all, with null) since a time. */
    record Stats(long total, long success, long errors, double avgDurationMs, long p95DurationMs) {}

    Stats stats(String agentId, Instant since) {
        return database.read(
                sql -> {
                    String filter = agentId == null ? "" : " AND agent_id = ?";
                    Object[] args =
                            agentId == null ? new Object[] {since} : new Object[] {since, agentId};
                    var totals =
                            sql.queryOne(
                                            "SELECT COUNT(*), SUM(CASE WHEN status = 'success' THEN"
                                                    + " 1 ELSE 0 END), SUM(CASE WHEN status IN"
                                                    + " ('error', 'timeout') THEN 1 ELSE 0 END),"
                                                    + " AVG(duration_ms) FROM invocations WHERE"
                                                    + " created_at >= ?"
                                                    + filter,
                                            r ->
                                                    new long[] {
                                                        r.getLong(1),
                                                        r.getLong(2),
                                                        r.getLong(3),
                                                        Math.round(r.getDouble(4) * 1000)
                                                    },
                                            args)
                                    .orElse(new long[4]);
                    long p95 = 0;
                    if (totals[0] > 0) {
                        long offset = (long) Math.floor(totals[0] * 0.95);
                        offset = Math.min(offset, totals[0] - 1);
                        var params = new ArrayList<>(List.of(args));
                        params.add(offset);
                        p95 =
                                sql.queryOne(
                                                "SELECT duration_ms FROM invocations WHERE"
                                                        + " created_at >= ?"
                                                        + filter
                                                        + " ORDER BY duration_ms LIMIT 1 OFFSET ?",
                                                r -> r.getLong(1),
                                                params.toArray())
                                        .orElse(0L);
                    }
                    return new Stats(totals[0], totals[1], totals[2], totals[3] / 1000.0, p95);
                });
    }

    /** One bucket of a time series. */
    record Bucket(long index, long total, long success, long errors, double avgDurationMs) {}

    /**
     * Calls per bucket of {@code bucketSeconds} since a time, for one agent or (null) all; bucket
     * {@code index} counts whole buckets since {@code since}.
     */
    List<Bucket> series(String agentId, Instant since, long bucketSeconds) {
        String filter = agentId == null ? "" : " AND agent_id = ?";
        double origin = since.getEpochSecond() + since.getNano() / 1e9;
        Object[] args =
                agentId == null
                        ? new Object[] {origin, (double) bucketSeconds, since}
                        : new Object[] {origin, (double) bucketSeconds, since, agentId};
        return database.read(
                sql ->
                        sql.query(
                                "SELECT b, COUNT(*), SUM(CASE WHEN status = 'success' THEN 1 ELSE 0"
                                    + " END), SUM(CASE WHEN status IN ('error', 'timeout') THEN 1"
                                    + " ELSE 0 END), AVG(duration_ms) FROM (SELECT"
                                    + " FLOOR((CAST(EXTRACT(EPOCH FROM created_at) AS DOUBLE"
                                    + " PRECISION) - ?) / CAST(? AS DOUBLE PRECISION)) AS b,"
                                    + " status, duration_ms FROM invocations WHERE created_at >= ?"
                                        + filter
                                        + ") t GROUP BY b ORDER BY b",
                                r ->
                                        new Bucket(
                                                r.getLong(1),
                                                r.getLong(2),
                                                r.getLong(3),
                                                r.getLong(4),
                                                r.getDouble(5)),
                                args));
    }

    /** The most called agents since a time: agent id and call count. */
    List<Object[]> top(Instant since, int limit) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT i.agent_id, a.name, COUNT(*) AS calls, SUM(CASE WHEN"
                                        + " i.status = 'success' THEN 1 ELSE 0 END),"
                                        + " AVG(i.duration_ms) FROM invocations i JOIN agents a ON"
                                        + " a.id = i.agent_id WHERE i.created_at >= ? GROUP BY"
                                        + " i.agent_id, a.name ORDER BY calls DESC, i.agent_id"
                                        + " LIMIT ?",
                                r ->
                                        new Object[] {
                                            r.getString(1),
                                            r.getString(2),
                                            r.getLong(3),
                                            r.getLong(4),
                                            r.getDouble(5)
                                        },
                                since,
                                limit));
    }

    long countSince(Instant since) {
        return database.read(
                sql -> sql.count("SELECT COUNT(*) FROM invocations WHERE created_at >= ?", since));
    }
}
