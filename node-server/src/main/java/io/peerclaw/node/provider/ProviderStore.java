package io.peerclaw.node.provider;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.protocol.api.Provider.AccessRequest;
import io.peerclaw.shared.protocol.api.Provider.ClaimToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every SQL statement of the provider console: claim tokens and access requests. */
final class ProviderStore {
    private static final String REQUEST_COLUMNS =
            "id, agent_id, user_id, status, message, reject_reason, expires_at, created_at,"
                    + " updated_at";

    private final Database database;

    ProviderStore(Database database) {
        this.database = database;
    }

    // ------------------------------------------------------------------ claim tokens

    /**
     * Inserts a token unless the user already has {@code limit} live ones; false at the limit. The
     * user's row is locked so that concurrent creations count each other.
     */
    boolean insertClaimToken(
            int limit, String id, String code, String userId, Instant now, Instant expiresAt) {
        return database.inTransaction(
                sql -> {
                    sql.queryOne(
                            "SELECT id FROM users WHERE id = ? FOR UPDATE",
                            row -> row.getString(1),
                            userId);
                    long live =
                            sql.count(
                                    "SELECT COUNT(*) FROM claim_tokens WHERE user_id = ? AND"
                                            + " status = 'pending' AND expires_at > ?",
                                    userId,
                                    now);
                    if (live >= limit) {
                        return false;
                    }
                    sql.update(
                            "INSERT INTO claim_tokens (id, code, user_id, status, created_at,"
                                    + " expires_at) VALUES (?, ?, ?, 'pending', ?, ?)",
                            id,
                            code,
                            userId,
                            now,
                            expiresAt);
                    return true;
                });
    }

    boolean codeExists(String code) {
        return database.read(
                sql -> sql.count("SELECT COUNT(*) FROM claim_tokens WHERE code = ?", code) > 0);
    }

    List<ClaimToken> claimTokens(String userId, Instant now) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT code, CASE WHEN status = 'pending' AND expires_at <= ?"
                                        + " THEN 'expired' ELSE status END AS shown, agent_id,"
                                        + " created_at, expires_at FROM claim_tokens WHERE user_id"
                                        + " = ? ORDER BY created_at DESC FETCH FIRST 100 ROWS ONLY",
                                row ->
                                        new ClaimToken(
                                                row.getString("code"),
                                                row.getString("shown"),
                                                row.getString("agent_id"),
                                                Sql.instant(row, "created_at"),
                                                Sql.instant(row, "expires_at")),
                                now,
                                userId));
    }

    /**
     * Takes a live token for an agent, so no second redemption can; the user it was made for, or
     * empty when the code is unknown, used or expired.
     */
    Optional<String> takeClaimToken(String code, String agentId, Instant now) {
        return database.inTransaction(
                sql -> {
                    Optional<String> user =
                            sql.queryOne(
                                    "SELECT user_id FROM claim_tokens WHERE code = ? AND status ="
                                            + " 'pending' AND expires_at > ? FOR UPDATE",
                                    row -> row.getString(1),
                                    code,
                                    now);
                    user.ifPresent(
                            u ->
                                    sql.update(
                                            "UPDATE claim_tokens SET status = 'claimed', agent_id"
                                                    + " = ?, claimed_at = ? WHERE code = ?",
                                            agentId,
                                            now,
                                            code));
                    return user;
                });
    }

    /** Gives a taken token back when the registration it was taken for failed. */
    void returnClaimToken(String code) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE claim_tokens SET status = 'pending', agent_id = NULL,"
                                        + " claimed_at = NULL WHERE code = ?",
                                code));
    }

    // ------------------------------------------------------------------ access requests

    /** Creates or renews the caller's request; empty when an approved one is still in force. */
    Optional<AccessRequest> upsertRequest(
            String id, String agentId, String userId, String message, Instant now) {
        return database.inTransactionRacing(
                sql -> {
                    Optional<AccessRequest> existing =
                            sql.queryOne(
                                    "SELECT "
                                            + REQUEST_COLUMNS
                                            + " FROM access_requests WHERE agent_id = ? AND"
                                            + " user_id = ? FOR UPDATE",
                                    ProviderStore::request,
                                    agentId,
                                    userId);
                    if (existing.isEmpty()) {
                        sql.update(
                                "INSERT INTO access_requests (id, agent_id, user_id, status,"
                                        + " message, created_at, updated_at) VALUES (?, ?, ?,"
                                        + " 'pending', ?, ?, ?)",
                                id,
                                agentId,
                                userId,
                                message,
                                now,
                                now);
                        return Optional.of(
                                new AccessRequest(
                                        id, agentId, userId, "pending", message, "", null, now,
                                        now));
                    }
                    var old = existing.get();
                    boolean inForce =
                            old.status().equals("approved")
                                    && (old.expiresAt() == null || old.expiresAt().isAfter(now));
                    if (inForce) {
                        return Optional.<AccessRequest>empty();
                    }
                    sql.update(
                            "UPDATE access_requests SET status = 'pending', message = ?,"
                                    + " reject_reason = '', expires_at = NULL, updated_at = ?"
                                    + " WHERE id = ?",
                            message,
                            now,
                            old.id());
                    return Optional.of(
                            new AccessRequest(
                                    old.id(),
                                    agentId,
                                    userId,
                                    "pending",
                                    message,
                                    "",
                                    null,
                                    old.createdAt(),
                                    now));
                });
    }

    List<AccessRequest> requestsFor(String agentId, Optional<String> status) {
        return database.read(
                sql ->
                        status.isPresent()
                                ? sql.query(
                                        "SELECT "
                                                + REQUEST_COLUMNS
                                                + " FROM access_requests WHERE agent_id = ? AND"
                                                + " status = ? ORDER BY created_at DESC FETCH"
                                                + " FIRST 500 ROWS ONLY",
                                        ProviderStore::request,
                                        agentId,
                                        status.get())
                                : sql.query(
                                        "SELECT "
                                                + REQUEST_COLUMNS
                                                + " FROM access_requests WHERE agent_id = ? ORDER"
                                                + " BY created_at DESC FETCH FIRST 500 ROWS ONLY",
                                        ProviderStore::request,
                                        agentId));
    }

    /** Records the owner's answer; empty when the request does not belong to that agent. */
    Optional<AccessRequest> decide(
            String agentId,
            String requestId,
            String status,
            String reason,
            Instant expiresAt,
            Instant now) {
        return database.inTransaction(
                sql -> {
                    int changed =
                            sql.update(
                                    "UPDATE access_requests SET status = ?, reject_reason = ?,"
                                            + " expires_at = ?, updated_at = ? WHERE id = ? AND"
                                            + " agent_id = ?",
                                    status,
                                    reason,
                                    expiresAt,
                                    now,
                                    requestId,
                                    agentId);
                    if (changed == 0) {
                        return Optional.<AccessRequest>empty();
                    }
                    return sql.queryOne(
                            "SELECT " + REQUEST_COLUMNS + " FROM access_requests WHERE id = ?",
                            ProviderStore::request,
                            requestId);
                });
    }

    long pendingRequestsOfOwner(String ownerUserId) {
        return database.read(
                sql ->
                        sql.count(
                                "SELECT COUNT(*) FROM access_requests r JOIN agents a ON a.id ="
                                        + " r.agent_id WHERE a.owner_user_id = ? AND r.status ="
                                        + " 'pending'",
                                ownerUserId));
    }

    private static AccessRequest request(ResultSet row) throws SQLException {
        return new AccessRequest(
                row.getString("id"),
                row.getString("agent_id"),
                row.getString("user_id"),
                row.getString("status"),
                row.getString("message"),
                row.getString("reject_reason"),
                Sql.instant(row, "expires_at"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }

    /** Whether the user holds an approved access request for the agent that has not expired. */
    boolean granted(String agentId, String userId, java.time.Instant now) {
        return database.read(
                sql ->
                        sql.count(
                                        "SELECT COUNT(*) FROM access_requests WHERE agent_id = ?"
                                                + " AND user_id = ? AND status = 'approved' AND"
                                                + " (expires_at IS NULL OR expires_at > ?)",
                                        agentId,
                                        userId,
                                        now)
                                > 0);
    }
}
