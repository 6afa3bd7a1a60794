package io.peerclaw.node.registry;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.PendingRegistrations;
import io.peerclaw.node.identity.SignedRequest;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Cards a provider posts for a key it does not hold. Nothing is visible until the key holder signs
 * any request, which {@link #confirm confirms} the card: the agent becomes registered and owned by
 * the provider. A registration by the key holder replaces the card instead; it lapses after {@link
 * #PENDING_TTL}.
 */
public final class PendingCards implements PendingRegistrations {
    static final Duration PENDING_TTL = Duration.ofDays(1);
    static final int MAX_PENDING_PER_OWNER = 100;

    private final PendingStore store;
    private final CardValidator validator;
    private final RegisteredKeys keys;
    private final Heartbeats heartbeats;
    private final AgentChanges changes;
    private final AgentOwners owners;
    private final AuditLog audit;
    private final InstantSource clock;

    PendingCards(
            PendingStore store,
            CardValidator validator,
            RegisteredKeys keys,
            Heartbeats heartbeats,
            AgentChanges changes,
            AgentOwners owners,
            AuditLog audit,
            InstantSource clock) {
        this.store = store;
        this.validator = validator;
        this.keys = keys;
        this.heartbeats = heartbeats;
        this.changes = changes;
        this.owners = owners;
        this.audit = audit;
        this.clock = clock;
    }

    /** Keeps {@code owner}'s card for the key it names until the key holder confirms it. */
    public ManagedAgent submit(String owner, AgentCard input) {
        if (input.publicKey() == null || input.publicKey().isBlank()) {
            throw ApiException.invalid("public_key", "is required: the agent's Ed25519 public key");
        }
        Ed25519.PublicKey key =
                Ed25519.PublicKey.ofBase64(input.publicKey())
                        .orElseThrow(
                                () ->
                                        ApiException.invalid(
                                                "public_key",
                                                "must be the base64 of a 32-byte Ed25519 key"));
        AgentCard validated = validator.validate(input, key);
        SignedCards.requireValid(validated, input, key);
        AgentId id = AgentId.of(key);
        Instant now = now();
        var outcome =
                store.save(
                        new PendingStore.PendingRow(
                                id.value(),
                                key.base64(),
                                owner,
                                validated.withServerFields(
                                        null, null, validated.visibility(), null, null),
                                now,
                                now.plus(PENDING_TTL)),
                        MAX_PENDING_PER_OWNER,
                        now);
        switch (outcome) {
            case ALREADY_REGISTERED ->
                    throw ApiException.conflict(
                            "agent "
                                    + id
                                    + " is already registered; to own it, let it register with"
                                    + " your credentials or redeem a claim token");
            case PENDING_FOR_ANOTHER ->
                    throw ApiException.conflict(
                            "another account is waiting for agent "
                                    + id
                                    + " to confirm; that request lapses within "
                                    + PENDING_TTL.toHours()
                                    + " h");
            case TOO_MANY ->
                    throw ApiException.conflict(
                            "you have "
                                    + MAX_PENDING_PER_OWNER
                                    + " cards waiting for their key holders; withdraw some first");
            case SAVED -> {}
        }
        audit.record(
                AuditEvent.AGENT_PENDING,
                id.value(),
                owner,
                AuditLog.details("name", validated.name()));
        return ManagedAgent.of(store.find(id.value(), now).orElseThrow());
    }

    /**
     * Confirms the card waiting for the key that signed {@code proof}: the agent becomes
     * registered, online and owned by the provider who posted it. Call it once a request signed by
     * a key that is not registered has verified. False when nothing waited for this key.
     */
    @Override
    public boolean confirm(SignedRequest proof) {
        AgentId id = proof.agentId();
        Ed25519.PublicKey key = proof.key();
        var pending = store.find(id.value(), now());
        if (pending.isEmpty() || !pending.get().publicKey().equals(key.base64())) {
            return false;
        }
        var activated = store.activate(id.value(), AgentStatus.ONLINE.wireName(), now());
        if (activated.isEmpty()) {
            // The key holder registered meanwhile.
            keys.forget(id);
            return keys.registeredKey(id).filter(key::equals).isPresent();
        }
        String owner = activated.get().stewardship().ownerUserId();
        keys.registered(id, key);
        heartbeats.written(id, activated.get().status());
        owners.gainedAnAgent(owner);
        audit.record(
                AuditEvent.AGENT_REGISTERED,
                id.value(),
                owner,
                AuditLog.details("name", activated.get().content().name(), "via", "pending"));
        changes.announce(id, AgentChangeListener.Change.REGISTERED);
        return true;
    }

    /** Cards waiting for their key holder, newest first. */
    public List<ManagedAgent> pendingOf(String owner) {
        return store.ofOwner(owner, now()).stream().map(ManagedAgent::of).toList();
    }

    /** The owner's card waiting for this agent's key holder, if any. */
    Optional<ManagedAgent> ownedBy(AgentId id, String owner) {
        return store.find(id.value(), now())
                .filter(p -> p.ownerUserId().equals(owner))
                .map(ManagedAgent::of);
    }

    /** Withdraws the owner's card; false when the owner has none for this agent. */
    boolean withdraw(AgentId id, String owner) {
        return store.withdraw(id.value(), owner);
    }

    int dropLapsed() {
        return store.deleteExpired(now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
