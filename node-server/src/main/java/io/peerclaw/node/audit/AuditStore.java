package io.peerclaw.node.audit;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Filtered;
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
        var filtered =
                Filtered.all()
                        .andIf(query.actorUserId(), "actor_user_id = ?")
                        .andIf(query.eventType(), "event_type = ?")
                        .andIf(query.agentId(), "agent_id = ?")
                        .andIf(query.since(), "occurred_at >= ?")
                        .andIf(query.beforeId(), "id < ?")
                        .orderBy("id DESC", query.limit());
        return database.read(
                s ->
                        s.query(
                                "SELECT id, occurred_at, event_type, agent_id, actor_user_id,"
                                        + " source_ip, request_id, details FROM audit_log"
                                        + filtered.sql(),
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
                                filtered.parameters()));
    }
}
