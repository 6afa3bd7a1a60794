package io.peerclaw.node.gateway;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Filtered;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.model.AgentId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The gateway's writes and its own reads: tasks and runs, the invocation log's rows (written with
 * them in one transaction), calls per agent for upkeep, and clean-up. The log's read side is {@link
 * InvocationStore}'s.
 */
final class GatewayStore {
    private static final String TASK_COLUMNS =
            "id, agent_id, caller_key, context_id, front_door, state, remote_task_id,"
                    + " snapshot_json, created_at, updated_at";
    static final String INVOCATION_COLUMNS =
            "id, agent_id, task_id, user_id, caller_agent_id, ip_address, protocol, front_door,"
                    + " status, duration_ms, error, request_preview, response_preview, created_at";

    private final Database database;

    GatewayStore(Database database) {
        this.database = database;
    }

    /**
     * A task to write and when it may be forgotten.
     *
     * @param fresh no row exists for it yet (its first write): inserted without looking
     */
    record TaskWrite(Task task, Instant expiresAt, boolean fresh) {}

    /** Writes tasks (insert or replace) and appends invocations, in one transaction. */
    void write(Collection<TaskWrite> tasks, List<Invocation> invocations) {
        database.inTransaction(
                sql -> {
                    var inserts = new ArrayList<Object[]>();
                    for (TaskWrite write : tasks) {
                        if (write.fresh()) {
                            inserts.add(row(write));
                        } else {
                            upsert(sql, write);
                        }
                    }
                    if (!inserts.isEmpty()) {
                        sql.batch(INSERT_TASK, inserts);
                    }
                    if (!invocations.isEmpty()) {
                        var rows = new ArrayList<Object[]>();
                        for (Invocation i : invocations) {
                            rows.add(
                                    new Object[] {
                                        i.id().toString(),
                                        i.agentId(),
                                        i.taskId() == null ? null : i.taskId().toString(),
                                        i.userId(),
                                        i.callerAgentId(),
                                        i.ipAddress(),
                                        i.protocol(),
                                        i.frontDoor(),
                                        i.status(),
                                        i.durationMs(),
                                        i.error(),
                                        i.requestPreview(),
                                        i.responsePreview(),
                                        i.createdAt()
                                    });
                        }
                        sql.batch(
                                "INSERT INTO invocations ("
                                        + INVOCATION_COLUMNS
                                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                rows);
                    }
                    return null;
                });
    }

    private static final String INSERT_TASK =
            "INSERT INTO gateway_tasks ("
                    + TASK_COLUMNS
                    + ", expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static Object[] row(TaskWrite write) {
        Task t = write.task();
        return new Object[] {
            t.id().toString(),
            t.agentId().value(),
            t.callerKey(),
            t.contextId().toString(),
            t.frontDoor().name(),
            t.state().name(),
            t.remoteTaskId(),
            Snapshots.write(t),
            t.createdAt(),
            t.updatedAt(),
            write.expiresAt()
        };
    }

    private static void upsert(Sql sql, TaskWrite write) {
        Task t = write.task();
        String snapshot = Snapshots.write(t);
        int updated =
                sql.update(
                        "UPDATE gateway_tasks SET state = ?, remote_task_id = ?, snapshot_json = ?,"
                                + " updated_at = ?, expires_at = ? WHERE id = ?",
                        t.state().name(),
                        t.remoteTaskId(),
                        snapshot,
                        t.updatedAt(),
                        write.expiresAt(),
                        t.id().toString());
        if (updated == 0) {
            // Its first write was lost (a failed batch): this one creates it.
            sql.update(INSERT_TASK, row(write));
        }
    }

    Optional<Task> task(UUID id, Instant now) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT "
                                        + TASK_COLUMNS
                                        + " FROM gateway_tasks WHERE id = ? AND expires_at > ?",
                                GatewayStore::task,
                                id.toString(),
                                now));
    }

    /** A caller's live tasks, most recently changed first, after the keyset position given. */
    List<Task> tasks(
            String callerKey,
            Optional<AgentId> agent,
            Optional<UUID> contextId,
            Optional<CallState> state,
            Optional<Instant> changedAfter,
            Optional<TaskCursor> after,
            int limit,
            Instant now) {
        var page =
                callersTasks(callerKey, agent, contextId, state, changedAfter, now)
                        .newestFirst(
                                "updated_at",
                                "id",
                                after.map(TaskCursor::updatedAt),
                                after.map(c -> c.id().toString()),
                                limit);
        return database.read(
                sql ->
                        sql.query(
                                "SELECT " + TASK_COLUMNS + " FROM gateway_tasks" + page.sql(),
                                GatewayStore::task,
                                page.parameters()));
    }

    long countTasks(
            String callerKey,
            Optional<AgentId> agent,
            Optional<UUID> contextId,
            Optional<CallState> state,
            Optional<Instant> changedAfter,
            Instant now) {
        var filter = callersTasks(callerKey, agent, contextId, state, changedAfter, now);
        return database.read(
                sql ->
                        sql.count(
                                "SELECT COUNT(*) FROM gateway_tasks" + filter.sql(),
                                filter.parameters()));
    }

    private static Filtered callersTasks(
            String callerKey,
            Optional<AgentId> agent,
            Optional<UUID> contextId,
            Optional<CallState> state,
            Optional<Instant> changedAfter,
            Instant now) {
        return Filtered.where("caller_key = ? AND expires_at > ?", callerKey, now)
                .andIf(agent.map(AgentId::value), "agent_id = ?")
                .andIf(contextId.map(UUID::toString), "context_id = ?")
                .andIf(state.map(CallState::name), "state = ?")
                .andIf(changedAfter, "updated_at > ?");
    }

    /** Where a page of tasks ended. */
    record TaskCursor(Instant updatedAt, UUID id) {}

    private static Task task(ResultSet row) throws SQLException {
        var content = Snapshots.read(row.getString("snapshot_json"));
        return new Task(
                UUID.fromString(row.getString("id")),
                new AgentId(row.getString("agent_id")),
                row.getString("caller_key"),
                UUID.fromString(row.getString("context_id")),
                FrontDoor.valueOf(row.getString("front_door")),
                CallState.valueOf(row.getString("state")),
                content.history(),
                content.artifacts(),
                content.statusMessage(),
                row.getString("remote_task_id"),
                content.error(),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }

    /** Calls per agent since a time, for the directory's popularity order. */
    java.util.Map<String, Long> callsPerAgent(Instant since) {
        var out = new java.util.HashMap<String, Long>();
        database.read(
                sql ->
                        sql.query(
                                "SELECT agent_id, COUNT(*) FROM invocations WHERE created_at >= ?"
                                        + " GROUP BY agent_id",
                                r -> out.put(r.getString(1), r.getLong(2)),
                                since));
        return out;
    }

    /** Deletes expired tasks and invocations older than the retention; returns rows deleted. */
    int cleanUp(Instant now, Instant invocationsBefore) {
        return database.inTransaction(
                sql ->
                        sql.update("DELETE FROM gateway_tasks WHERE expires_at <= ?", now)
                                + sql.update(
                                        "DELETE FROM invocations WHERE created_at < ?",
                                        invocationsBefore));
    }
}
