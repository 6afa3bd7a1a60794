package io.peerclaw.node.audit;

import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.json.Json;
import java.util.ArrayList;
import java.util.List;

/** The {@code audit_log} table. */
final class AuditStore {
    private static final String INSERT =
            """
            INSERT INTO audit_log (occurred_at, event_type, agent_id, actor_user_id, source_ip,
                request_id, details)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;

    private final Database database;

    AuditStore(Database database) {
        this.database = database;
    }

    /** Inserts events in one transaction (one commit for a whole batch). */
    void insertAll(List<AuditEvent> events) {
        var rows = new ArrayList<Object[]>(events.size());
        for (var event : events) {
            rows.add(
                    new Object[] {
                        event.timestamp(),
                        event.type(),
                        event.agentId(),
                        event.actorUserId(),
                        event.sourceIp(),
                        event.requestId(),
                        Json.text(event.details())
                    });
        }
        database.inTransaction(sql -> sql.batch(INSERT, rows));
    }

    @SuppressWarnings("unchecked")
    java.util.List<AuditEntry> query(AuditQuery query) {
        var sql =
                new StringBuilder(
                        "SELECT id, occurred_at, event_type, agent_id, actor_user_id, source_ip,"
                                + " request_id, details FROM audit_log WHERE 1 = 1");
        var parameters = new ArrayList<Object>();
        query.actorUserId()
                .ifPresent(
                        v -> {
                            sql.append(" AND actor_user_id = ?");
                            parameters.add(v);
                        });
        query.eventType()
                .ifPresent(
                        v -> {
                            sql.append(" AND event_type = ?");
                            parameters.add(v);
                        });
        query.agentId()
                .ifPresent(
                        v -> {
                            sql.append(" AND agent_id = ?");
                            parameters.add(v);
                        });
        query.since()
                .ifPresent(
                        v -> {
                            sql.append(" AND occurred_at >= ?");
                            parameters.add(v);
                        });
        query.beforeId()
                .ifPresent(
                        v -> {
                            sql.append(" AND id < ?");
                            parameters.add(v);
                        });
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(query.limit());
        return database.read(
                s ->
                        s.query(
                                sql.toString(),
                                row ->
                                        new AuditEntry(
                                                row.getLong("id"),
                                                io.peerclaw.node.storage.Sql.instant(
                                                        row, "occurred_at"),
                                                row.getString("event_type"),
                                                row.getString("agent_id"),
                                                row.getString("actor_user_id"),
                                                row.getString("source_ip"),
                                                row.getString("request_id"),
                                                row.getString("details") == null
                                                        ? java.util.Map.of()
                                                        : Json.read(
                                                                row.getString("details"),
                                                                java.util.Map.class)),
                                parameters.toArray()));
    }
}
