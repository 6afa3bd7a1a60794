package io.peerclaw.node.identity;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.protocol.api.AgentKeys.Summary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code agent_keys} table. */
final class AgentKeyStore {
    private final Database database;

    AgentKeyStore(Database database) {
        this.database = database;
    }

    record KeyRow(String id, String agentId) {}

    /**
     * Inserts unless the agent already holds {@code limit} keys; false when at the limit. Callers
     * serialise mints per agent, so the count cannot be passed by a race on one node.
     */
    boolean insertWithin(
            int limit,
            String id,
            String agentId,
            String name,
            String keyHash,
            String prefix,
            Instant createdAt) {
        return database.inTransaction(
                sql -> {
                    if (sql.count("SELECT COUNT(*) FROM agent_keys WHERE agent_id = ?", agentId)
                            >= limit) {
                        return false;
                    }
                    sql.update(
                            """
                            INSERT INTO agent_keys (id, agent_id, name, key_hash, prefix, created_at)
                            VALUES (?, ?, ?, ?, ?, ?)
                            """,
                            id,
                            agentId,
                            name,
                            keyHash,
                            prefix,
                            createdAt);
                    return true;
                });
    }

    List<Summary> list(String agentId) {
        return database.read(
                sql ->
                        sql.query(
                                """
                                SELECT id, prefix, name, created_at, last_used_at FROM agent_keys
                                WHERE agent_id = ? ORDER BY created_at, id
                                """,
                                row ->
                                        new Summary(
                                                row.getString("id"),
                                                row.getString("prefix"),
                                                row.getString("name"),
                                                Sql.instant(row, "created_at"),
                                                Sql.instant(row, "last_used_at")),
                                agentId));
    }

    Optional<KeyRow> findByHash(String keyHash) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT id, agent_id FROM agent_keys WHERE key_hash = ?",
                                row -> new KeyRow(row.getString("id"), row.getString("agent_id")),
                                keyHash));
    }

    /** The hash of the deleted key, if the agent had a key with that id. */
    Optional<String> delete(String agentId, String keyId) {
        return database.inTransaction(
                sql -> {
                    Optional<String> hash =
                            sql.queryOne(
                                    "SELECT key_hash FROM agent_keys WHERE id = ? AND agent_id = ?",
                                    row -> row.getString(1),
                                    keyId,
                                    agentId);
                    hash.ifPresent(h -> sql.update("DELETE FROM agent_keys WHERE id = ?", keyId));
                    return hash;
                });
    }

    void touch(String keyId, Instant usedAt) {
        database.read(
                sql ->
                        sql.update(
                                "UPDATE agent_keys SET last_used_at = ? WHERE id = ?",
                                usedAt,
                                keyId));
    }
}
