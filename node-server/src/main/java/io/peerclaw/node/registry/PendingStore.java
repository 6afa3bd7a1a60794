package io.peerclaw.node.registry;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of cards providers post for keys they do not hold (the {@code pending_agents} table). */
final class PendingStore {
    private final AgentRowStore rows;
    private final Database database;

    PendingStore(AgentRowStore rows) {
        this.rows = rows;
        this.database = rows.database();
    }

    /** A card a provider posted for a key it does not hold. */
    record PendingRow(
            String id,
            String publicKey,
            String ownerUserId,
            AgentCard content,
            Instant createdAt,
            Instant expiresAt) {}

    /** What posting a pending card led to. */
    enum PendingOutcome {
        SAVED,
        ALREADY_REGISTERED,
        PENDING_FOR_ANOTHER,
        TOO_MANY
    }

    PendingOutcome save(PendingRow row, int maxPerOwner, Instant now) {
        return database.inTransaction(
                sql -> {
                    if (sql.count("SELECT COUNT(*) FROM agents WHERE id = ?", row.id()) > 0) {
                        return PendingOutcome.ALREADY_REGISTERED;
                    }
                    // The owner's row lock makes concurrent posts count each other.
                    sql.queryOne(
                            "SELECT id FROM users WHERE id = ? FOR UPDATE",
                            r -> r.getString(1),
                            row.ownerUserId());
                    if (sql.count(
                                    "SELECT COUNT(*) FROM pending_agents WHERE owner_user_id = ?"
                                            + " AND expires_at > ? AND id <> ?",
                                    row.ownerUserId(),
                                    now,
                                    row.id())
                            >= maxPerOwner) {
                        return PendingOutcome.TOO_MANY;
                    }
                    sql.update(
                            "DELETE FROM pending_agents WHERE id = ? AND expires_at <= ?",
                            row.id(),
                            now);
                    Optional<String> holder =
                            sql.queryOne(
                                    "SELECT owner_user_id FROM pending_agents WHERE id = ? FOR"
                                            + " UPDATE",
                                    r -> r.getString(1),
                                    row.id());
                    if (holder.isPresent() && !holder.get().equals(row.ownerUserId())) {
                        return PendingOutcome.PENDING_FOR_ANOTHER;
                    }
                    if (holder.isPresent()) {
                        sql.update(
                                "UPDATE pending_agents SET card_json = ?, created_at = ?,"
                                        + " expires_at = ? WHERE id = ?",
                                Json.text(row.content()),
                                row.createdAt(),
                                row.expiresAt(),
                                row.id());
                    } else {
                        sql.update(
                                "INSERT INTO pending_agents (id, public_key, owner_user_id,"
                                        + " card_json, created_at, expires_at) VALUES (?, ?, ?, ?,"
                                        + " ?, ?)",
                                row.id(),
                                row.publicKey(),
                                row.ownerUserId(),
                                Json.text(row.content()),
                                row.createdAt(),
                                row.expiresAt());
                    }
                    return PendingOutcome.SAVED;
                });
    }

    Optional<PendingRow> find(String id, Instant now) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT id, public_key, owner_user_id, card_json, created_at,"
                                        + " expires_at FROM pending_agents WHERE id = ? AND"
                                        + " expires_at > ?",
                                PendingStore::pendingRow,
                                id,
                                now));
    }

    List<PendingRow> ofOwner(String owner, Instant now) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT id, public_key, owner_user_id, card_json, created_at,"
                                        + " expires_at FROM pending_agents WHERE owner_user_id = ?"
                                        + " AND expires_at > ? ORDER BY created_at DESC, id DESC",
                                PendingStore::pendingRow,
                                owner,
                                now));
    }

    boolean withdraw(String id, String owner) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "DELETE FROM pending_agents WHERE id = ? AND"
                                                + " owner_user_id = ?",
                                        id,
                                        owner))
                > 0;
    }

    int deleteExpired(Instant now) {
        return database.inTransaction(
                sql -> sql.update("DELETE FROM pending_agents WHERE expires_at <= ?", now));
    }

    /**
     * Turns a live pending card into a registered agent owned by its provider, once the key holder
     * has signed a request. Empty when there is nothing pending (or the agent registered first).
     */
    Optional<StoredAgent> activate(String id, String status, Instant now) {
        return database.inTransaction(
                sql -> {
                    Optional<PendingRow> pending =
                            sql.queryOne(
                                    "SELECT id, public_key, owner_user_id, card_json, created_at,"
                                            + " expires_at FROM pending_agents WHERE id = ? AND"
                                            + " expires_at > ? FOR UPDATE",
                                    PendingStore::pendingRow,
                                    id,
                                    now);
                    if (pending.isEmpty()
                            || sql.count("SELECT COUNT(*) FROM agents WHERE id = ?", id) > 0) {
                        return Optional.<StoredAgent>empty();
                    }
                    var row = pending.get();
                    String visibility =
                            row.content().visibility() == null
                                    ? "public"
                                    : row.content().visibility();
                    var agent =
                            new StoredAgent(
                                    id,
                                    row.publicKey(),
                                    status,
                                    visibility,
                                    row.content().withServerFields(null, null, null, null, null),
                                    now,
                                    now,
                                    now,
                                    Stewardship.NEW.withOwner(row.ownerUserId()));
                    rows.insert(sql, agent);
                    sql.update("DELETE FROM pending_agents WHERE id = ?", id);
                    return Optional.of(agent);
                });
    }

    private static PendingRow pendingRow(ResultSet row) throws SQLException {
        return new PendingRow(
                row.getString("id"),
                row.getString("public_key"),
                row.getString("owner_user_id"),
                Json.read(row.getString("card_json"), AgentCard.class),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "expires_at"));
    }
}
