package io.peerclaw.node.registry;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.Visibility;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What an account does with the agents it owns: list, read, change settings and card, remove, and
 * the overview. Someone else's agent answers as an unknown one.
 */
public final class OwnedAgents {
    private final OwnershipStore store;
    private final CardValidator validator;
    private final RegisteredKeys keys;
    private final PendingCards pending;
    private final Registrations registrations;
    private final Heartbeats heartbeats;
    private final AgentChanges changes;
    private final AuditLog audit;
    private final InstantSource clock;

    /** What an owner may change; absent fields stay as they are. */
    public record OwnerChange(
            UnaryOperator<AgentCard> card,
            Optional<String> visibility,
            Optional<Boolean> playgroundEnabled,
            Optional<Boolean> publicEndpoint) {}

    /** An overview of an owner's agents. */
    public record OwnerSummary(
            long agents, long up, long verified, long suspended, long pending, double reputation) {}

    OwnedAgents(
            OwnershipStore store,
            CardValidator validator,
            RegisteredKeys keys,
            PendingCards pending,
            Registrations registrations,
            Heartbeats heartbeats,
            AgentChanges changes,
            AuditLog audit,
            InstantSource clock) {
        this.store = store;
        this.validator = validator;
        this.keys = keys;
        this.pending = pending;
        this.registrations = registrations;
        this.heartbeats = heartbeats;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /** The owner's registered agents, newest first ({@link PendingCards#pendingOf} the others). */
    public ManagedAgent.Page owned(String owner, String pageToken, int size) {
        var cut =
                PageTokens.cut(store.ownedBy(owner, PageTokens.decode(pageToken), size + 1), size);
        return new ManagedAgent.Page(
                cut.rows().stream().map(heartbeats::latest).map(ManagedAgent::of).toList(),
                cut.next());
    }

    /** The agent or pending card if {@code owner} owns it; empty for anyone else's or unknown. */
    public Optional<ManagedAgent> ownedAgent(AgentId id, String owner) {
        Optional<ManagedAgent> registered =
                store.find(id.value())
                        .filter(a -> a.stewardship().ownedBy(owner))
                        .map(heartbeats::latest)
                        .map(ManagedAgent::of);
        return registered.isPresent() ? registered : pending.ownedBy(id, owner);
    }

    /** Applies an owner's change; 404 for an agent the owner does not own. */
    public ManagedAgent updateOwned(AgentId id, String owner, OwnerChange change) {
        Optional<Ed25519.PublicKey> key = keys.registeredKey(id);
        if (key.isEmpty()) {
            if (pending.ownedBy(id, owner).isPresent()) {
                throw ApiException.conflict(
                        "agent "
                                + id
                                + " is waiting for its key holder to confirm; delete and post it"
                                + " again to change it");
            }
            throw notYours(id);
        }
        change.visibility()
                .filter(v -> Visibility.parse(v).isEmpty())
                .ifPresent(
                        v -> {
                            throw ApiException.invalid("visibility", "must be public or private");
                        });
        var before = store.find(id.value());
        var updated =
                store.updateOwned(
                                id.value(),
                                owner,
                                content -> {
                                    AgentCard changed = change.card().apply(content);
                                    AgentCard withVisibility =
                                            change.visibility()
                                                    .map(
                                                            v ->
                                                                    changed.withServerFields(
                                                                            null, null, v, null,
                                                                            null))
                                                    .orElse(changed);
                                    // The agent signed the card, not this change: what no
                                    // longer verifies is dropped, never kept as signed.
                                    return SignedCards.keepValid(
                                            validator
                                                    .validate(withVisibility, key.get())
                                                    .withServerFields(null, null, null, null, null),
                                            key.get());
                                },
                                new OwnershipStore.SettingsChange(
                                        change.visibility(),
                                        change.playgroundEnabled(),
                                        change.publicEndpoint()),
                                clock.instant().truncatedTo(ChronoUnit.MILLIS))
                        .orElseThrow(() -> notYours(id));
        boolean signaturesDropped =
                before.map(a -> a.content().signed()).orElse(false) && !updated.content().signed();
        audit.record(
                AuditEvent.AGENT_UPDATED,
                id.value(),
                owner,
                AuditLog.details(
                        "by", "owner", "card_signatures", signaturesDropped ? "dropped" : null));
        boolean wasPublic =
                before.map(a -> Visibility.PUBLIC.wireName().equals(a.visibility())).orElse(false);
        changes.announce(
                id,
                Visibility.PRIVATE.wireName().equals(updated.visibility()) && wasPublic
                        ? AgentChangeListener.Change.HIDDEN
                        : AgentChangeListener.Change.UPDATED);
        return ManagedAgent.of(heartbeats.latest(updated));
    }

    /** Removes an owner's agent or pending card; 404 for anyone else's. */
    public void deleteOwned(AgentId id, String owner) {
        if (store.find(id.value()).filter(a -> a.stewardship().ownedBy(owner)).isPresent()) {
            registrations.deregister(id, owner);
            return;
        }
        if (!pending.withdraw(id, owner)) {
            throw notYours(id);
        }
    }

    public OwnerSummary ownerSummary(String owner) {
        var counts = store.ownerCounts(owner);
        return new OwnerSummary(
                counts.agents(),
                counts.up(),
                counts.verified(),
                counts.suspended(),
                pending.pendingOf(owner).size(),
                counts.reputation());
    }

    private static ApiException notYours(AgentId id) {
        // The same answer for someone else's agent and an unknown id: ids are not a secret, but
        // whether an agent has an owner is.
        return ApiException.notFound("you have no agent " + id);
    }
}
