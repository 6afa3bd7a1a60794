package io.peerclaw.node.registry;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.SignedRequest;
import io.peerclaw.node.storage.StorageException;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.Visibility;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Agents registering their own card with a request signed by their key (registering again updates),
 * and leaving. Owners and admins remove agents through here too, so that every removal forgets the
 * same caches and tells the same listeners.
 */
public final class Registrations {
    private final RegistrationStore store;
    private final CardValidator validator;
    private final RegisteredKeys keys;
    private final Heartbeats heartbeats;
    private final AgentChanges changes;
    private final AgentOwners owners;
    private final AuditLog audit;
    private final InstantSource clock;

    /** A created or updated registration, as the owner sees it. */
    public record Registration(AgentCard card, boolean created) {}

    Registrations(
            RegistrationStore store,
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

    public Registration register(SignedRequest proof, AgentCard input) {
        return register(proof, input, null);
    }

    /**
     * Registers (or updates) the agent that signed the request. {@code owner}, when not null, is
     * the account the request also carried credentials of: it becomes the owner of an unowned
     * agent; an agent owned by another account is refused (409) and left as it was.
     */
    public Registration register(SignedRequest proof, AgentCard input, String owner) {
        AgentCard validated = validator.validate(input, proof.key());
        SignedCards.requireValid(validated, input, proof.key());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var candidate =
                new StoredAgent(
                        proof.agentId().value(),
                        proof.key().base64(),
                        validated.status(),
                        // Absent from the card: an update keeps what is stored (the owner's
                        // choice).
                        input.visibility() == null ? null : validated.visibility(),
                        validated.withServerFields(null, null, null, null, null),
                        now,
                        now,
                        now,
                        Stewardship.NEW);
        Optional<RegistrationStore.Upserted> upserted;
        try {
            upserted = store.upsert(candidate, owner);
        } catch (StorageException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // lost a race with a concurrent first registration
            upserted = store.upsert(candidate, owner);
        }
        RegistrationStore.Upserted result =
                upserted.orElseThrow(
                        () ->
                                ApiException.conflict(
                                        "agent "
                                                + proof.agentId()
                                                + " belongs to another account; ownership never"
                                                + " moves"));
        if (owner != null) {
            owners.gainedAnAgent(owner);
        }
        String id = candidate.id();
        keys.registered(proof.agentId(), proof.key());
        heartbeats.written(proof.agentId(), result.agent().status());
        audit.record(
                result.created() ? AuditEvent.AGENT_REGISTERED : AuditEvent.AGENT_UPDATED,
                id,
                AuditLog.details(
                        "name",
                        validated.name(),
                        "protocols",
                        validated.protocols(),
                        "owner_user_id",
                        result.agent().stewardship().ownerUserId(),
                        "card_signed",
                        validated.signed()));
        changes.announce(
                proof.agentId(),
                result.created()
                        ? AgentChangeListener.Change.REGISTERED
                        : Visibility.PRIVATE.wireName().equals(result.agent().visibility())
                                ? AgentChangeListener.Change.HIDDEN
                                : AgentChangeListener.Change.UPDATED);
        return new Registration(result.agent().card(), result.created());
    }

    /** The agent itself leaves. */
    public void deregister(AgentId id) {
        deregister(id, null);
    }

    /** Removes the agent; {@code actor} is the owner or admin who did, or null for the agent. */
    void deregister(AgentId id, String actor) {
        if (!store.delete(id.value())) {
            throw ApiException.notFound("no agent with id " + id);
        }
        keys.forget(id);
        heartbeats.forget(id);
        audit.record(AuditEvent.AGENT_DEREGISTERED, id.value(), actor, Map.of());
        changes.announce(id, AgentChangeListener.Change.DEREGISTERED);
    }

    public long count() {
        return store.count();
    }
}
