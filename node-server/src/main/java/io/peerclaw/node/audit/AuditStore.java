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
}
