package io.peerclaw.node.accounts;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code user_api_keys}. */
final class UserKeyStore {
    private final Database database;

    UserKeyStore(Database database) {
        this.database = database;
    }

    record KeyRow(
            String id,
            String userId,
            String role,
            String scopes,
            Instant expiresAt,
            Instant revokedAt) {}

    record KeySummaryRow(
            String id,
            String prefix,
            String name,
            String scopes,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsed) {}

    /** Inserts unless the user already holds {@code limit} live keys; false at the limit. */
    boolean insertKey(
            int limit,
            String id,
            String userId,
            String name,
            String keyHash,
            String prefix,
            String scopes,
            Instant createdAt,
            Instant expiresAt) {
        return database.inTransaction(
                sql -> {
                    // Lock the user row so two concurrent creations cannot both pass the count.
                    sql.queryOne(
                            "SELECT id FROM users WHERE id = ? FOR UPDATE",
                            row -> row.getString(1),
                            userId);
                    if (sql.count(
                                    "SELECT COUNT(*) FROM user_api_keys WHERE user_id = ?"
                                            + " AND revoked_at IS NULL",
                                    userId)
                            >= limit) {
                        return false;
                    }
                    sql.update(
                            "INSERT INTO user_api_keys (id, user_id, name, key_hash, prefix,"
                                    + " scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?,"
                                    + " ?, ?)",
                            id,
                            userId,
                            name,
                            keyHash,
                            prefix,
                            scopes,
                            createdAt,
                            expiresAt);
                    return true;
                });
    }

    List<KeySummaryRow> listKeys(String userId) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT id, prefix, name, scopes, created_at, expires_at,"
                                        + " last_used_at FROM user_api_keys WHERE user_id = ? AND"
                                        + " revoked_at IS NULL ORDER BY created_at, id",
                                row ->
                                        new KeySummaryRow(
                                                row.getString("id"),
                                                row.getString("prefix"),
                                                row.getString("name"),
                                                row.getString("scopes"),
                                                Sql.instant(row, "created_at"),
                                                Sql.instant(row, "expires_at"),
                                                Sql.instant(row, "last_used_at")),
                                userId));
    }

    /** The revoked key's hash, when the user had a live key with that id. */
    Optional<String> revokeKey(String userId, String keyId, Instant now) {
        return database.inTransaction(
                sql -> {
                    Optional<String> hash =
                            sql.queryOne(
                                    "SELECT key_hash FROM user_api_keys WHERE id = ? AND user_id ="
                                            + " ? AND revoked_at IS NULL",
                                    row -> row.getString(1),
                                    keyId,
                                    userId);
                    hash.ifPresent(
                            h ->
                                    sql.update(
                                            "UPDATE user_api_keys SET revoked_at = ? WHERE id = ?",
                                            now,
                                            keyId));
                    return hash;
                });
    }

    Optional<KeyRow> keyByHash(String hash) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT k.id, k.user_id, u.role, k.scopes, k.expires_at,"
                                        + " k.revoked_at FROM user_api_keys k JOIN users u ON u.id"
                                        + " = k.user_id WHERE k.key_hash = ?",
                                row ->
                                        new KeyRow(
                                                row.getString(1),
                                                row.getString(2),
                                                row.getString(3),
                                                row.getString(4),
                                                Sql.instant(row, "expires_at"),
                                                Sql.instant(row, "revoked_at")),
                                hash));
    }

    void touchKey(String keyId, Instant now) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE user_api_keys SET last_used_at = ? WHERE id = ?",
                                now,
                                keyId));
    }

    /** The hashes of every key of an account, inside the caller's transaction. */
    static List<String> keyHashes(Sql sql, String userId) {
        return sql.query(
                "SELECT key_hash FROM user_api_keys WHERE user_id = ?",
                row -> row.getString(1),
                userId);
    }
}
