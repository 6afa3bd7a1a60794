package io.peerclaw.node.gateway.mcp;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Every SQL statement of the MCP front door: its sessions ({@code mcp_sessions}). */
final class McpSessionStore {
    private static final String COLUMNS =
            "id, agent_id, caller_key, protocol_version, created_at, last_used_at";

    private final Database database;

    McpSessionStore(Database database) {
        this.database = database;
    }

    void insert(McpSession session) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "INSERT INTO mcp_sessions ("
                                        + COLUMNS
                                        + ") VALUES (?, ?, ?, ?, ?, ?)",
                                session.id().toString(),
                                session.agentId(),
                                session.callerKey(),
                                session.protocolVersion(),
                                session.createdAt(),
                                session.lastUsedAt()));
    }

    Optional<McpSession> find(UUID id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT " + COLUMNS + " FROM mcp_sessions WHERE id = ?",
                                McpSessionStore::session,
                                id.toString()));
    }

    /** Moves the session's last use forward (never back, when two requests race). */
    void touch(UUID id, Instant lastUsedAt) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE mcp_sessions SET last_used_at = ?"
                                        + " WHERE id = ? AND last_used_at < ?",
                                lastUsedAt,
                                id.toString(),
                                lastUsedAt));
    }

    boolean delete(UUID id) {
        return database.inTransaction(
                        sql -> sql.update("DELETE FROM mcp_sessions WHERE id = ?", id.toString()))
                > 0;
    }

    /** Removes sessions unused since {@code before}; returns how many. */
    int deleteIdleSince(Instant before) {
        return database.inTransaction(
                sql -> sql.update("DELETE FROM mcp_sessions WHERE last_used_at < ?", before));
    }

    private static McpSession session(ResultSet row) throws SQLException {
        return new McpSession(
                UUID.fromString(row.getString("id")),
                row.getString("agent_id"),
                row.getString("caller_key"),
                row.getString("protocol_version"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "last_used_at"));
    }
}
