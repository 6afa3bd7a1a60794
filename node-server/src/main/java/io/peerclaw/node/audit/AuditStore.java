package io.peerclaw.node.audit;

import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.json.Json;

/** The {@code audit_log} table. */
final class AuditStore {
    private static final String INSERT =
            """
            INSERT INTO audit_log (occurred_at, event_type, agent_id, source_ip, request_id, details)
            VALUES (?, ?, ?, ?, ?, ?)
            """;

    private final Database database;

    AuditStore(Database database) {
        this.database = database;
    }

    void insert(AuditEvent event) {
        database.read(
                sql ->
                        sql.update(
                                INSERT,
                                event.timestamp(),
                                event.type(),
                                event.agentId(),
                                event.sourceIp(),
                                event.requestId(),
                                Json.text(event.details())));
    }
}
