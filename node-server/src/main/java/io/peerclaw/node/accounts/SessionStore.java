package io.peerclaw.node.accounts;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code sessions} and their {@code refresh_tokens}. */
final class SessionStore {
    private final Database database;

    SessionStore(Database database) {
        this.database = database;
    }

    /** What presenting a refresh token led to. */
    sealed interface Rotation {
        record Rotated(String sessionId, String userId) implements Rotation {}

        /** An older token of a live session: the session was revoked just now. */
        record Reused(String sessionId, String userId) implements Rotation {}

        record Unusable() implements Rotation {}
    }

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

    /** Revokes the live sessions of an account inside the caller's transaction; their ids. */
    static List<String> revokeAll(Sql sql, String userId, String reason, Instant now) {
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

    /** Every session of an account, inside the caller's transaction. */
    static List<String> sessionIds(Sql sql, String userId) {
        return sql.query(
                "SELECT id FROM sessions WHERE user_id = ?", row -> row.getString(1), userId);
    }
}
