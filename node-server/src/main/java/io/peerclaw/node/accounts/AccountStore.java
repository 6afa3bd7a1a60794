package io.peerclaw.node.accounts;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.node.storage.StorageException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every SQL statement of the accounts feature. */
final class AccountStore {
    private static final String USER_COLUMNS =
            "id, email, password_hash, display_name, description, role, email_verified,"
                    + " created_at, updated_at";

    private final Database database;

    AccountStore(Database database) {
        this.database = database;
    }

    record UserRow(
            String id,
            String email,
            String passwordHash,
            String displayName,
            String description,
            String role,
            boolean emailVerified,
            Instant createdAt,
            Instant updatedAt) {}

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

    record CodeRow(
            String id,
            String email,
            String userId,
            String codeHash,
            String purpose,
            int attempts,
            Instant expiresAt,
            Instant usedAt) {}

    /** What presenting a refresh token led to. */
    sealed interface Rotation {
        record Rotated(String sessionId, String userId) implements Rotation {}

        /** An older token of a live session: the session was revoked just now. */
        record Reused(String sessionId, String userId) implements Rotation {}

        record Unusable() implements Rotation {}
    }

    // ------------------------------------------------------------------ users

    /** False when the email is taken. */
    boolean insertUser(UserRow user) {
        try {
            return database.inTransaction(sql -> insert(sql, user) == 1);
        } catch (StorageException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    private static int insert(Sql sql, UserRow user) {
        return sql.update(
                "INSERT INTO users (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.id(),
                user.email(),
                user.passwordHash(),
                user.displayName(),
                user.description(),
                user.role(),
                user.emailVerified(),
                user.createdAt(),
                user.updatedAt());
    }

    Optional<UserRow> userById(String id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?",
                                AccountStore::user,
                                id));
    }

    Optional<UserRow> userByEmail(String email) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT " + USER_COLUMNS + " FROM users WHERE email = ?",
                                AccountStore::user,
                                email));
    }

    Optional<String> role(String userId) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT role FROM users WHERE id = ?",
                                row -> row.getString(1),
                                userId));
    }

    void updateProfile(String id, String displayName, String description, Instant now) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE users SET display_name = ?, description = ?,"
                                        + " updated_at = ? WHERE id = ?",
                                displayName,
                                description,
                                now,
                                id));
    }

    /** False when another account has that email. */
    boolean updateEmail(String id, String email, boolean verified, Instant now) {
        try {
            return database.inTransaction(
                            sql ->
                                    sql.update(
                                            "UPDATE users SET email = ?, email_verified = ?,"
                                                    + " updated_at = ? WHERE id = ?",
                                            email,
                                            verified,
                                            now,
                                            id))
                    == 1;
        } catch (StorageException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    void markVerified(String id, String role, Instant now) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE users SET email_verified = TRUE, role = ?, updated_at = ?"
                                        + " WHERE id = ?",
                                role,
                                now,
                                id));
    }

    void promoteToProvider(String id, Instant now) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE users SET role = 'provider', updated_at = ? WHERE id = ?"
                                        + " AND role = 'user'",
                                now,
                                id));
    }

    /** Sets the password and revokes every live session of the account, in one transaction. */
    List<String> changePassword(String id, String hash, Instant now) {
        return database.inTransaction(
                sql -> {
                    sql.update(
                            "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                            hash,
                            now,
                            id);
                    return revokeAll(sql, id, "password_changed", now);
                });
    }

    /** Creates the account as admin, or makes the existing one admin; true when it was created. */
    boolean upsertAdmin(UserRow user, Instant now) {
        return database.inTransaction(
                sql -> {
                    int changed =
                            sql.update(
                                    "UPDATE users SET role = 'admin', password_hash = ?,"
                                            + " updated_at = ? WHERE email = ?",
                                    user.passwordHash(),
                                    now,
                                    user.email());
                    if (changed == 1) {
                        sql.query(
                                        "SELECT id FROM users WHERE email = ?",
                                        row -> row.getString(1),
                                        user.email())
                                .forEach(id -> revokeAll(sql, id, "password_changed", now));
                        return false;
                    }
                    insert(sql, user);
                    return true;
                });
    }

    /**
     * Accounts newest first, optionally of one role and matching a search in email or display name,
     * after a (created_at, id) cursor. The search is a substring scan: admin lists are small.
     */
    List<UserRow> users(
            Optional<String> search,
            Optional<String> role,
            Optional<io.peerclaw.node.http.TimeCursor> after,
            int limit) {
        var sql = new StringBuilder("SELECT " + USER_COLUMNS + " FROM users WHERE 1 = 1");
        var parameters = new java.util.ArrayList<Object>();
        search.ifPresent(
                text -> {
                    String pattern =
                            "%"
                                    + text.toLowerCase(java.util.Locale.ROOT)
                                            .replace("\\", "\\\\")
                                            .replace("%", "\\%")
                                            .replace("_", "\\_")
                                    + "%";
                    sql.append(
                            " AND (email LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? ESCAPE"
                                    + " '\\')");
                    parameters.add(pattern);
                    parameters.add(pattern);
                });
        role.ifPresent(
                r -> {
                    sql.append(" AND role = ?");
                    parameters.add(r);
                });
        after.ifPresent(
                cursor -> {
                    sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
                    parameters.add(cursor.at());
                    parameters.add(cursor.at());
                    parameters.add(cursor.id());
                });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return database.read(
                s -> s.query(sql.toString(), AccountStore::user, parameters.toArray()));
    }

    boolean setRole(String id, String role, Instant now) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "UPDATE users SET role = ?, updated_at = ? WHERE id = ?",
                                        role,
                                        now,
                                        id))
                > 0;
    }

    /** What the caches must forget about a deleted account. */
    record Deleted(List<String> sessionIds, List<String> keyHashes) {}

    Optional<Deleted> deleteUser(String id) {
        return database.inTransaction(
                sql -> {
                    List<String> sessions =
                            sql.query(
                                    "SELECT id FROM sessions WHERE user_id = ?",
                                    row -> row.getString(1),
                                    id);
                    List<String> keys =
                            sql.query(
                                    "SELECT key_hash FROM user_api_keys WHERE user_id = ?",
                                    row -> row.getString(1),
                                    id);
                    if (sql.update("DELETE FROM users WHERE id = ?", id) == 0) {
                        return Optional.<Deleted>empty();
                    }
                    return Optional.of(new Deleted(sessions, keys));
                });
    }

    java.util.Map<String, Long> countsByRole() {
        var counts = new java.util.TreeMap<String, Long>();
        database.read(
                        sql ->
                                sql.query(
                                        "SELECT role, COUNT(*) FROM users GROUP BY role",
                                        row ->
                                                java.util.Map.entry(
                                                        row.getString(1), row.getLong(2))))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    // ------------------------------------------------------------------ sessions

    void insertSession(
            String sessionId,
            String userId,
            String ip,
            String userAgent,
            String refreshHash,
            Instant now,
            Instant expiresAt) {
        database.inTransaction(
                sql -> {
                    sql.update(
                            "INSERT INTO sessions (id, user_id, ip_address, user_agent,"
                                    + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                            sessionId,
                            userId,
                            ip,
                            userAgent,
                            now,
                            expiresAt);
                    return sql.update(
                            "INSERT INTO refresh_tokens (token_hash, session_id, issued_at)"
                                    + " VALUES (?, ?, ?)",
                            refreshHash,
                            sessionId,
                            now);
                });
    }

    /**
     * Swaps the newest refresh token of a live session for a new one. An older token of the same
     * session revokes it; the row lock makes two uses of one token count as a reuse.
     */
    Rotation rotate(String oldHash, String newHash, Instant now, Instant newExpiry) {
        return database.inTransaction(
                sql -> {
                    record Found(
                            String sessionId,
                            boolean superseded,
                            String userId,
                            Instant expiresAt,
                            boolean revoked) {}
                    Optional<Found> found =
                            sql.queryOne(
                                    "SELECT t.session_id, t.superseded_at, s.user_id, s.expires_at,"
                                            + " s.revoked_at FROM refresh_tokens t JOIN sessions s"
                                            + " ON s.id = t.session_id WHERE t.token_hash = ?"
                                            + " FOR UPDATE",
                                    row ->
                                            new Found(
                                                    row.getString(1),
                                                    row.getObject(2) != null,
                                                    row.getString(3),
                                                    Sql.instant(row, "expires_at"),
                                                    row.getObject(5) != null),
                                    oldHash);
                    if (found.isEmpty()
                            || found.get().revoked()
                            || !found.get().expiresAt().isAfter(now)) {
                        return new Rotation.Unusable();
                    }
                    Found session = found.get();
                    if (session.superseded()) {
                        revoke(sql, session.sessionId(), "refresh_reuse", now);
                        return new Rotation.Reused(session.sessionId(), session.userId());
                    }
                    sql.update(
                            "UPDATE refresh_tokens SET superseded_at = ? WHERE token_hash = ?",
                            now,
                            oldHash);
                    sql.update(
                            "INSERT INTO refresh_tokens (token_hash, session_id, issued_at)"
                                    + " VALUES (?, ?, ?)",
                            newHash,
                            session.sessionId(),
                            now);
                    sql.update(
                            "UPDATE sessions SET expires_at = ? WHERE id = ?",
                            newExpiry,
                            session.sessionId());
                    return new Rotation.Rotated(session.sessionId(), session.userId());
                });
    }

    /** Revokes the session a refresh token belongs to; its id when there was a live one. */
    Optional<String> revokeByRefreshToken(String hash, Instant now) {
        return database.inTransaction(
                sql -> {
                    Optional<String> session =
                            sql.queryOne(
                                    "SELECT session_id FROM refresh_tokens WHERE token_hash = ?",
                                    row -> row.getString(1),
                                    hash);
                    session.ifPresent(id -> revoke(sql, id, "logout", now));
                    return session;
                });
    }

    void revokeSession(String sessionId, String reason, Instant now) {
        database.inTransaction(sql -> revoke(sql, sessionId, reason, now));
    }

    List<String> revokeAllSessions(String userId, String reason, Instant now) {
        return database.inTransaction(sql -> revokeAll(sql, userId, reason, now));
    }

    /** Whether the session can no longer be used; an unknown session counts as revoked. */
    boolean sessionRevoked(String sessionId, Instant now) {
        return database.read(
                sql ->
                        sql.queryOne(
                                        "SELECT revoked_at, expires_at FROM sessions WHERE id = ?",
                                        row ->
                                                row.getObject(1) != null
                                                        || !Sql.instant(row, "expires_at")
                                                                .isAfter(now),
                                        sessionId)
                                .orElse(true));
    }

    private static int revoke(Sql sql, String sessionId, String reason, Instant now) {
        return sql.update(
                "UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ?"
                        + " AND revoked_at IS NULL",
                now,
                reason,
                sessionId);
    }

    private static List<String> revokeAll(Sql sql, String userId, String reason, Instant now) {
        List<String> live =
                sql.query(
                        "SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL",
                        row -> row.getString(1),
                        userId);
        sql.update(
                "UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ?"
                        + " AND revoked_at IS NULL",
                now,
                reason,
                userId);
        return live;
    }

    // ------------------------------------------------------------------ API keys

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

    // ------------------------------------------------------------------ email codes

    long codesSentSince(String email, Instant since) {
        return database.read(
                sql ->
                        sql.count(
                                "SELECT COUNT(*) FROM email_verifications WHERE email = ?"
                                        + " AND created_at > ?",
                                email,
                                since));
    }

    void insertCode(CodeRow code, Instant now) {
        database.inTransaction(
                sql -> {
                    // A new code replaces the earlier ones for the same purpose.
                    sql.update(
                            "UPDATE email_verifications SET used_at = ? WHERE email = ? AND"
                                    + " purpose = ? AND used_at IS NULL",
                            now,
                            code.email(),
                            code.purpose());
                    return sql.update(
                            "INSERT INTO email_verifications (id, email, user_id, code_hash,"
                                    + " purpose, attempts, created_at, expires_at) VALUES (?, ?,"
                                    + " ?, ?, ?, 0, ?, ?)",
                            code.id(),
                            code.email(),
                            code.userId(),
                            code.codeHash(),
                            code.purpose(),
                            now,
                            code.expiresAt());
                });
    }

    /** The newest unused code sent to {@code email}, for any purpose. */
    Optional<CodeRow> liveCode(String email) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT id, email, user_id, code_hash, purpose, attempts,"
                                        + " expires_at, used_at FROM email_verifications WHERE"
                                        + " email = ? AND used_at IS NULL ORDER BY created_at DESC"
                                        + " FETCH FIRST 1 ROWS ONLY",
                                row ->
                                        new CodeRow(
                                                row.getString(1),
                                                row.getString(2),
                                                row.getString(3),
                                                row.getString(4),
                                                row.getString(5),
                                                row.getInt(6),
                                                Sql.instant(row, "expires_at"),
                                                Sql.instant(row, "used_at")),
                                email));
    }

    /** Counts a wrong guess; the code dies at {@code maxAttempts}. */
    void failedAttempt(String codeId, int maxAttempts, Instant now) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE email_verifications SET attempts = attempts + 1,"
                                        + " used_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE"
                                        + " used_at END WHERE id = ?",
                                maxAttempts,
                                now,
                                codeId));
    }

    /** Marks the code used; false when another request used it first. */
    boolean useCode(String codeId, Instant now) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "UPDATE email_verifications SET used_at = ? WHERE id = ?"
                                                + " AND used_at IS NULL",
                                        now,
                                        codeId))
                == 1;
    }

    private static UserRow user(ResultSet row) throws SQLException {
        return new UserRow(
                row.getString("id"),
                row.getString("email"),
                row.getString("password_hash"),
                row.getString("display_name"),
                row.getString("description"),
                row.getString("role"),
                row.getBoolean("email_verified"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
