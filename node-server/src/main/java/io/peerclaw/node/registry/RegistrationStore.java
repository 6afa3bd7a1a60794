package io.peerclaw.node.registry;

import io.peerclaw.node.storage.Database;
import java.util.Optional;

/** The SQL of registering and deregistering agents. */
final class RegistrationStore {
    private final AgentRowStore rows;
    private final Database database;

    RegistrationStore(AgentRowStore rows) {
        this.rows = rows;
        this.database = rows.database();
    }

    /** The stored agent and whether this call created it. */
    record Upserted(StoredAgent agent, boolean created) {}

    /**
     * Creates the agent, or replaces its card keeping its registration time and everything the node
     * keeps about it. {@code owner} (may be null) becomes the owner of an unowned agent; empty when
     * the agent belongs to another account, which nothing here may change. A proven registration
     * discards a provider's pending card for the same key. A concurrent first registration of the
     * same key loses the insert race with a unique violation; callers retry.
     */
    Optional<Upserted> upsert(StoredAgent candidate, String owner) {
        return database.inTransaction(
                sql -> {
                    Optional<StoredAgent> existing = rows.find(sql, candidate.id(), true);
                    if (existing.isEmpty()) {
                        var created =
                                (candidate.visibility() == null
                                                ? candidate.withVisibility("public")
                                                : candidate)
                                        .withStewardship(Stewardship.NEW.withOwner(owner));
                        rows.insert(sql, created);
                        sql.update("DELETE FROM pending_agents WHERE id = ?", candidate.id());
                        return Optional.of(new Upserted(created, true));
                    }
                    Stewardship kept = existing.get().stewardship();
                    if (owner != null && kept.ownerUserId() != null && !kept.ownedBy(owner)) {
                        return Optional.empty();
                    }
                    if (kept.ownerUserId() == null && owner != null) {
                        kept = kept.withOwner(owner);
                    }
                    if (!AgentRowStore.sameEndpoint(
                            existing.get().content(), candidate.content())) {
                        kept = kept.unverified();
                    }
                    var updated =
                            new StoredAgent(
                                    candidate.id(),
                                    candidate.publicKey(),
                                    candidate.status(),
                                    candidate.visibility() == null
                                            ? existing.get().visibility()
                                            : candidate.visibility(),
                                    candidate.content(),
                                    existing.get().registeredAt(),
                                    candidate.updatedAt(),
                                    candidate.lastHeartbeat(),
                                    kept);
                    rows.replace(sql, updated);
                    return Optional.of(new Upserted(updated, false));
                });
    }

    boolean delete(String id) {
        rows.forget(id);
        return database.read(sql -> sql.update("DELETE FROM agents WHERE id = ?", id)) > 0;
    }

    long count() {
        return database.read(sql -> sql.count("SELECT COUNT(*) FROM agents"));
    }
}
