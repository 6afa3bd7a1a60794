package io.peerclaw.node.registry;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Filtered;
import io.peerclaw.shared.model.AgentCard;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The SQL of owners' views and changes of their agents. */
final class OwnershipStore {
    private final AgentRowStore rows;
    private final Database database;

    OwnershipStore(AgentRowStore rows) {
        this.rows = rows;
        this.database = rows.database();
    }

    Optional<StoredAgent> find(String id) {
        return rows.find(id);
    }

    /** What an owner may change besides the card; absent fields stay as they are. */
    record SettingsChange(
            Optional<String> visibility,
            Optional<Boolean> playgroundEnabled,
            Optional<Boolean> publicEndpoint) {}

    /**
     * Applies an owner's change under a row lock. Empty when the agent is gone or not owned by
     * {@code owner}. A new endpoint URL clears verification: the proof was for the old one.
     */
    Optional<StoredAgent> updateOwned(
            String id,
            String owner,
            UnaryOperator<AgentCard> change,
            SettingsChange settings,
            Instant now) {
        return database.inTransaction(
                sql -> {
                    Optional<StoredAgent> found = rows.find(sql, id, true);
                    if (found.isEmpty() || !found.get().stewardship().ownedBy(owner)) {
                        return Optional.<StoredAgent>empty();
                    }
                    StoredAgent existing = found.get();
                    AgentCard content = change.apply(existing.content());
                    Stewardship old = existing.stewardship();
                    var kept =
                            new Stewardship(
                                    old.ownerUserId(),
                                    settings.playgroundEnabled().orElse(old.playgroundEnabled()),
                                    settings.publicEndpoint().orElse(old.publicEndpoint()),
                                    old.verified(),
                                    old.reputationScore(),
                                    old.suspendedAt(),
                                    old.suspendedReason());
                    if (!AgentRowStore.sameEndpoint(existing.content(), content)) {
                        kept = kept.unverified();
                    }
                    var updated =
                            new StoredAgent(
                                    id,
                                    existing.publicKey(),
                                    existing.status(),
                                    settings.visibility().orElse(existing.visibility()),
                                    content,
                                    existing.registeredAt(),
                                    now,
                                    existing.lastHeartbeat(),
                                    kept);
                    rows.replace(sql, updated);
                    return Optional.of(updated);
                });
    }

    /** The owner's agents, newest registration first, after the cursor. */
    List<StoredAgent> ownedBy(String owner, Optional<AgentQuery.Cursor> after, int limit) {
        return rows.newestFirst(Filtered.where("a.owner_user_id = ?", owner), after, limit);
    }

    /** Counts for an owner's overview. */
    record OwnerCounts(long agents, long up, long verified, long suspended, double reputation) {}

    OwnerCounts ownerCounts(String owner) {
        return database.read(
                sql ->
                        sql.queryOne(
                                        "SELECT COUNT(*), SUM(CASE WHEN l.status IN "
                                                + AgentRowStore.UP_STATES
                                                + " THEN 1 ELSE 0 END), SUM(CASE WHEN a.verified"
                                                + " THEN 1 ELSE 0 END), SUM(CASE WHEN"
                                                + " a.suspended_at IS NOT NULL THEN 1 ELSE 0 END),"
                                                + " AVG(a.reputation_score)"
                                                + AgentRowStore.FROM_AGENTS
                                                + " WHERE a.owner_user_id = ?",
                                        row ->
                                                new OwnerCounts(
                                                        row.getLong(1),
                                                        row.getLong(2),
                                                        row.getLong(3),
                                                        row.getLong(4),
                                                        row.getObject(5) == null
                                                                ? 0
                                                                : row.getDouble(5)),
                                        owner)
                                .orElseThrow());
    }
}
