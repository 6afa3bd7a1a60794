package io.peerclaw.node.accounts;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import java.time.Instant;
import java.util.Optional;

/** The one-time codes in {@code email_verifications}. */
final class EmailCodeStore {
    private final Database database;

    EmailCodeStore(Database database) {
        this.database = database;
    }

    record CodeRow(
            String id,
            String email,
            String userId,
            String codeHash,
            String purpose,
            int attempts,
            Instant expiresAt,
            Instant usedAt) {}

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
}
