package io.peerclaw.node.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.KeyDirectory;
import io.peerclaw.node.identity.SignedRequest;
import io.peerclaw.node.storage.StorageException;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.AgentStatus;
import io.peerclaw.shared.model.Visibility;
import io.peerclaw.shared.protocol.api.Heartbeat;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry's use cases: register, find, list, discover, heartbeat, deregister.
 *
 * <p>Heartbeats are made cheap: an agent that reports the status it already has only updates an
 * in-memory time, and those times are written in one batch every {@code
 * registry.heartbeat_flush_interval} (at most 5 s; a crash may lose that much, which costs nothing
 * as the next heartbeat restores it). A heartbeat that changes status or metadata is written at
 * once. Reads merge the buffered times in, so nobody sees a stale heartbeat.
 *
 * <p>The public key cache can never go stale for a live agent: the id is derived from the key.
 */
public final class AgentRegistry implements KeyDirectory {
    private static final System.Logger LOG = System.getLogger(AgentRegistry.class.getName());

    private final AgentStore store;
    private final CardValidator validator;
    private final AuditLog audit;
    private final InstantSource clock;
    private final NodeConfig.Registry config;
    private final AgentOwners owners;
    private final Map<String, Instant> pendingHeartbeats = new ConcurrentHashMap<>();
    private final List<AgentChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<LivenessListener> livenessListeners = new CopyOnWriteArrayList<>();
    private final Cache<String, Optional<Ed25519.PublicKey>> keys =
            Caffeine.newBuilder().maximumSize(200_000).expireAfter(new KeyExpiry()).build();
    private final Cache<String, String> statuses =
            Caffeine.newBuilder()
                    .maximumSize(200_000)
                    .expireAfterAccess(Duration.ofMinutes(30))
                    .build();

    /** A created or updated registration, as the owner sees it. */
    public record Registration(AgentCard card, boolean created) {}

    AgentRegistry(
            AgentStore store,
            CardValidator validator,
            AuditLog audit,
            InstantSource clock,
            NodeConfig.Registry config,
            AgentOwners owners) {
        this.owners = owners;
        this.store = store;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
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
        Instant now = now();
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
        Optional<AgentStore.Upserted> upserted;
        try {
            upserted = store.upsert(candidate, owner);
        } catch (StorageException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // lost a race with a concurrent first registration
            upserted = store.upsert(candidate, owner);
        }
        AgentStore.Upserted result =
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
        keys.put(id, Optional.of(proof.key()));
        statuses.put(id, result.agent().status());
        pendingHeartbeats.remove(id);
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
        announce(
                proof.agentId(),
                result.created()
                        ? AgentChangeListener.Change.REGISTERED
                        : Visibility.PRIVATE.wireName().equals(result.agent().visibility())
                                ? AgentChangeListener.Change.HIDDEN
                                : AgentChangeListener.Change.UPDATED);
        return new Registration(result.agent().card(), result.created());
    }

    /** The stored agent with its freshest heartbeat time. */
    Optional<StoredAgent> findStored(AgentId id) {
        return store.find(id.value()).map(this::withPendingHeartbeat);
    }

    /** A page of public agents, newest registration first. */
    Page page(AgentQuery query) {
        var fetched =
                store.page(
                        new AgentQuery(
                                query.capabilities(),
                                query.protocol(),
                                query.status(),
                                query.upOnly(),
                                query.after(),
                                query.limit() + 1));
        boolean more = fetched.size() > query.limit();
        var rows = more ? fetched.subList(0, query.limit()) : fetched;
        String next =
                more ? PageTokens.encode(rows.getLast().registeredAt(), rows.getLast().id()) : "";
        return new Page(rows.stream().map(this::withPendingHeartbeat).toList(), next);
    }

    /**
     * The agents a listing of callable agents covers; which caller gets which reach is the
     * gateway's rule.
     *
     * @param firstOwner an account whose agents (any visibility) are listed first, or null
     * @param self an agent listed first whatever its visibility (the calling agent), or null
     * @param grantee a user whose approved, unexpired access grants open private agents, or null
     * @param playgroundOnly public agents count only when their owner opened the playground
     */
    public record Reach(String firstOwner, String self, String grantee, boolean playgroundOnly) {}

    /**
     * One page of the agents within reach, never suspended: the first section ({@code firstOwner}
     * and {@code self}) by name, then the rest by name; {@code offset} counts across both.
     */
    public List<Managed> callablePage(Reach reach, int offset, int limit) {
        return store.callable(reach, now(), offset, limit).stream()
                .map(this::withPendingHeartbeat)
                .map(AgentRegistry::managed)
                .toList();
    }

    /** One page of stored agents and the token of the next ({@code ""} after the last). */
    record Page(List<StoredAgent> agents, String nextPageToken) {}

    public void deregister(AgentId id) {
        deregister(id, null);
    }

    private void deregister(AgentId id, String actor) {
        if (!store.delete(id.value())) {
            throw ApiException.notFound("no agent with id " + id);
        }
        keys.invalidate(id.value());
        statuses.invalidate(id.value());
        pendingHeartbeats.remove(id.value());
        audit.record(AuditEvent.AGENT_DEREGISTERED, id.value(), actor, Map.of());
        announce(id, AgentChangeListener.Change.DEREGISTERED);
    }

    /** Adds a listener told about every committed registration change. */
    public void addChangeListener(AgentChangeListener listener) {
        listeners.add(listener);
    }

    public void addLivenessListener(LivenessListener listener) {
        livenessListeners.add(listener);
    }

    private void tellLiveness(java.util.function.Consumer<LivenessListener> call) {
        for (LivenessListener listener : livenessListeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "liveness listener failed: " + e);
            }
        }
    }

    private void announce(AgentId id, AgentChangeListener.Change change) {
        for (AgentChangeListener listener : listeners) {
            try {
                listener.agentChanged(id, change);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "change listener failed for agent " + id + ": " + e.getMessage(),
                        e);
            }
        }
    }

    // ------------------------------------------------------------------ owners

    /** An agent as its owner or an admin sees it: the full card and what the node keeps. */
    public record Managed(AgentCard card, Stewardship stewardship, boolean pending) {
        /** The card's JSON with the node's facts about the agent added to it. */
        public byte[] json() {
            var extra = new java.util.LinkedHashMap<String, Object>();
            extra.put("registration", pending ? "pending" : "registered");
            if (stewardship.ownerUserId() != null) {
                // Only owners and admins see this view: the console's Owner column reads it.
                extra.put("owner_user_id", stewardship.ownerUserId());
            }
            extra.put("playground_enabled", stewardship.playgroundEnabled());
            extra.put("public_endpoint", stewardship.publicEndpoint());
            extra.put("verified", stewardship.verified());
            extra.put("reputation_score", stewardship.reputationScore());
            extra.put("suspended", stewardship.suspended());
            if (stewardship.suspended()) {
                extra.put("suspended_at", stewardship.suspendedAt());
                extra.put("suspended_reason", stewardship.suspendedReason());
            }
            return io.peerclaw.shared.json.Json.bytesWith(card, extra);
        }

        /** {@link #json()} as a tree, to nest in a larger answer. */
        public Object jsonTree() {
            return io.peerclaw.shared.json.Json.read(json(), java.util.Map.class);
        }
    }

    /** One page of an owner's agents and the token of the next ({@code ""} after the last). */
    public record ManagedPage(List<Managed> agents, String nextPageToken) {}

    /**
     * Keeps a provider's card for a key it does not hold. Nothing is visible until the key holder
     * signs any request, which makes the agent registered and owned by {@code owner}; a
     * registration by the key holder replaces it; it lapses after {@link #PENDING_TTL}.
     */
    public Managed submitPending(String owner, AgentCard input) {
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
                store.savePending(
                        new AgentStore.PendingRow(
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
        return pendingView(store.pending(id.value(), now).orElseThrow());
    }

    static final Duration PENDING_TTL = Duration.ofDays(1);
    static final int MAX_PENDING_PER_OWNER = 100;

    int dropLapsedPending() {
        return store.deleteExpiredPending(now());
    }

    /** The owner's registered agents, newest first ({@link #pendingOf} lists the others). */
    public ManagedPage owned(String owner, String pageToken, int size) {
        var fetched = store.ownedBy(owner, PageTokens.decode(pageToken), size + 1);
        boolean more = fetched.size() > size;
        var rows = more ? fetched.subList(0, size) : fetched;
        String next =
                more ? PageTokens.encode(rows.getLast().registeredAt(), rows.getLast().id()) : "";
        return new ManagedPage(
                rows.stream().map(this::withPendingHeartbeat).map(AgentRegistry::managed).toList(),
                next);
    }

    /** Cards waiting for their key holder, newest first. */
    public List<Managed> pendingOf(String owner) {
        return store.pendingOf(owner, now()).stream().map(AgentRegistry::pendingView).toList();
    }

    /** The agent or pending card if {@code owner} owns it; empty for anyone else's or unknown. */
    public Optional<Managed> ownedAgent(AgentId id, String owner) {
        Optional<Managed> registered =
                store.find(id.value())
                        .filter(a -> a.stewardship().ownedBy(owner))
                        .map(this::withPendingHeartbeat)
                        .map(AgentRegistry::managed);
        if (registered.isPresent()) {
            return registered;
        }
        return store.pending(id.value(), now())
                .filter(p -> p.ownerUserId().equals(owner))
                .map(AgentRegistry::pendingView);
    }

    /** Any agent, for admins. */
    public Optional<Managed> managedAgent(AgentId id) {
        return store.find(id.value()).map(this::withPendingHeartbeat).map(AgentRegistry::managed);
    }

    /** What an owner may change; absent (null) fields stay as they are. */
    public record OwnerChange(
            java.util.function.UnaryOperator<AgentCard> card,
            Optional<String> visibility,
            Optional<Boolean> playgroundEnabled,
            Optional<Boolean> publicEndpoint) {}

    /** Applies an owner's change; 404 for an agent the owner does not own. */
    public Managed updateOwned(AgentId id, String owner, OwnerChange change) {
        Optional<Ed25519.PublicKey> key = registeredKey(id);
        if (key.isEmpty()) {
            if (store.pending(id.value(), now())
                    .filter(p -> p.ownerUserId().equals(owner))
                    .isPresent()) {
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
                                new AgentStore.SettingsChange(
                                        change.visibility(),
                                        change.playgroundEnabled(),
                                        change.publicEndpoint()),
                                now())
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
        announce(
                id,
                Visibility.PRIVATE.wireName().equals(updated.visibility()) && wasPublic
                        ? AgentChangeListener.Change.HIDDEN
                        : AgentChangeListener.Change.UPDATED);
        return managed(withPendingHeartbeat(updated));
    }

    /** Removes an owner's agent or pending card; 404 for anyone else's. */
    public void deleteOwned(AgentId id, String owner) {
        if (store.find(id.value()).filter(a -> a.stewardship().ownedBy(owner)).isPresent()) {
            deregister(id, owner);
            return;
        }
        if (!store.deletePending(id.value(), owner)) {
            throw notYours(id);
        }
    }

    /** An overview of an owner's agents. */
    public record OwnerSummary(
            long agents, long up, long verified, long suspended, long pending, double reputation) {}

    public OwnerSummary ownerSummary(String owner) {
        var counts = store.ownerCounts(owner);
        return new OwnerSummary(
                counts.agents(),
                counts.up(),
                counts.verified(),
                counts.suspended(),
                store.pendingOf(owner, now()).size(),
                counts.reputation());
    }

    /**
     * Activates a provider's pending card once its key holder has proven the key; empty when
     * nothing is pending for this key.
     */
    @Override
    public Optional<Ed25519.PublicKey> activatePending(AgentId id, Ed25519.PublicKey key) {
        var pending = store.pending(id.value(), now());
        if (pending.isEmpty() || !pending.get().publicKey().equals(key.base64())) {
            return Optional.empty();
        }
        var activated = store.activatePending(id.value(), AgentStatus.ONLINE.wireName(), now());
        if (activated.isEmpty()) {
            keys.invalidate(id.value());
            return registeredKey(id).filter(key::equals);
        }
        String owner = activated.get().stewardship().ownerUserId();
        keys.put(id.value(), Optional.of(key));
        statuses.put(id.value(), activated.get().status());
        owners.gainedAnAgent(owner);
        audit.record(
                AuditEvent.AGENT_REGISTERED,
                id.value(),
                owner,
                AuditLog.details("name", activated.get().content().name(), "via", "pending"));
        announce(id, AgentChangeListener.Change.REGISTERED);
        return Optional.of(key);
    }

    // ------------------------------------------------------------------ moderation

    /** Every agent, private and suspended ones too, newest first: the admin list. */
    public ManagedPage adminPage(
            Optional<String> search,
            Optional<String> protocol,
            Optional<String> status,
            Optional<Boolean> suspended,
            String pageToken,
            int size) {
        protocol.filter(p -> io.peerclaw.shared.model.Protocol.parse(p).isEmpty())
                .ifPresent(
                        p -> {
                            throw ApiException.invalid("protocol", "must be one of a2a, mcp, acp");
                        });
        status.filter(v -> AgentStatus.parse(v).isEmpty())
                .ifPresent(
                        v -> {
                            throw ApiException.invalid(
                                    "status", "must be one of online, busy, degraded, offline");
                        });
        var fetched =
                store.adminPage(
                        search,
                        protocol,
                        status,
                        suspended,
                        PageTokens.decode(pageToken),
                        size + 1);
        boolean more = fetched.size() > size;
        var rows = more ? fetched.subList(0, size) : fetched;
        String next =
                more ? PageTokens.encode(rows.getLast().registeredAt(), rows.getLast().id()) : "";
        return new ManagedPage(
                rows.stream().map(this::withPendingHeartbeat).map(AgentRegistry::managed).toList(),
                next);
    }

    /** Node-wide agent counts. */
    public record NodeSummary(long agents, long up, long verified, long suspended, long hidden) {}

    public NodeSummary nodeSummary() {
        var c = store.nodeCounts();
        return new NodeSummary(c.agents(), c.up(), c.verified(), c.suspended(), c.hidden());
    }

    /** Suspends ({@code reason} set) or reinstates ({@code reason} null) an agent. */
    public void setSuspended(AgentId id, String reason, String admin) {
        boolean suspend = reason != null;
        if (!store.setSuspended(id.value(), suspend ? now() : null, reason)) {
            throw ApiException.notFound("no agent with id " + id);
        }
        audit.record(
                suspend ? AuditEvent.AGENT_SUSPENDED : AuditEvent.AGENT_REINSTATED,
                id.value(),
                admin,
                AuditLog.details("reason", reason));
        announce(
                id,
                suspend ? AgentChangeListener.Change.HIDDEN : AgentChangeListener.Change.UPDATED);
    }

    public void setVerified(AgentId id, boolean verified, String admin) {
        if (!store.setVerified(id.value(), verified, now())) {
            throw ApiException.notFound("no agent with id " + id);
        }
        audit.record(
                verified ? AuditEvent.AGENT_VERIFIED : AuditEvent.AGENT_UNVERIFIED,
                id.value(),
                admin,
                Map.of());
        announce(id, AgentChangeListener.Change.UPDATED);
    }

    /**
     * Records that the agent's endpoint just answered the node's challenge with the registered key.
     * Returns false when the agent is gone.
     */
    public boolean markEndpointVerified(AgentId id) {
        if (!store.setVerified(id.value(), true, now())) {
            return false;
        }
        audit.record(AuditEvent.AGENT_VERIFIED, id.value(), null, Map.of("by", "challenge"));
        announce(id, AgentChangeListener.Change.UPDATED);
        return true;
    }

    /** Clears {@code verified} after failed re-checks of the endpoint. */
    public void clearEndpointVerification(AgentId id, String reason) {
        if (store.setVerified(id.value(), false, now())) {
            audit.record(AuditEvent.AGENT_UNVERIFIED, id.value(), null, Map.of("reason", reason));
            announce(id, AgentChangeListener.Change.UPDATED);
        }
    }

    /** Removes any agent, as an admin. */
    public void deleteAsAdmin(AgentId id, String admin) {
        deregister(id, admin);
    }

    private static ApiException notYours(AgentId id) {
        // The same answer for someone else's agent and an unknown id: ids are not a secret, but
        // whether an agent has an owner is.
        return ApiException.notFound("you have no agent " + id);
    }

    private static Managed managed(StoredAgent agent) {
        return new Managed(agent.card(), agent.stewardship(), false);
    }

    private static Managed pendingView(AgentStore.PendingRow row) {
        AgentCard card =
                row.content()
                        .withServerFields(
                                row.id(),
                                "pending",
                                row.content().visibility(),
                                row.createdAt(),
                                null);
        return new Managed(card, Stewardship.NEW.withOwner(row.ownerUserId()), true);
    }

    /** Records a heartbeat and answers when the next one is due. */
    public Heartbeat.Response heartbeat(AgentId id, Heartbeat.Request request) {
        String status =
                request == null || request.status() == null
                        ? AgentStatus.ONLINE.wireName()
                        : request.status();
        if (AgentStatus.parse(status).isEmpty()) {
            throw ApiException.invalid("status", "must be one of online, busy, degraded, offline");
        }
        Instant now = now();
        String key = id.value();
        if (request != null && request.metadata() != null && !request.metadata().isEmpty()) {
            Optional<Ed25519.PublicKey> signer = registeredKey(id);
            store.updateContent(
                            key,
                            content -> {
                                AgentCard changed =
                                        content.withMetadata(
                                                validator.mergeMetadata(
                                                        content.metadata(), request.metadata()));
                                // Metadata is part of the signed card: a signature the merge
                                // breaks is dropped (the agent may register a re-signed card).
                                return signer.map(k -> SignedCards.keepValid(changed, k))
                                        .orElse(changed.withSignatures(null));
                            },
                            status,
                            now,
                            now)
                    .orElseThrow(() -> ApiException.notFound("no agent with id " + id));
            statuses.put(key, status);
            pendingHeartbeats.remove(key);
        } else {
            String known = statuses.get(key, k -> store.status(k).orElse(null));
            if (known == null) {
                throw ApiException.notFound("no agent with id " + id);
            }
            if (known.equals(status)) {
                pendingHeartbeats.merge(key, now, (a, b) -> a.isAfter(b) ? a : b);
            } else {
                if (!store.updateStatus(key, status, now)) {
                    throw ApiException.notFound("no agent with id " + id);
                }
                statuses.put(key, status);
                pendingHeartbeats.remove(key);
            }
        }
        if (!status.equals(AgentStatus.OFFLINE.wireName())) {
            tellLiveness(listener -> listener.heartbeat(id));
        }
        return new Heartbeat.Response(now.plus(config.heartbeatInterval()));
    }

    public long count() {
        return store.count();
    }

    @Override
    public Optional<Ed25519.PublicKey> registeredKey(AgentId agent) {
        return keys.get(
                agent.value(), id -> store.publicKey(id).flatMap(Ed25519.PublicKey::ofBase64));
    }

    /** Writes buffered heartbeat times in one batch. */
    void flushHeartbeats() {
        if (pendingHeartbeats.isEmpty()) {
            return;
        }
        var batch = new HashMap<String, Instant>();
        for (var entry : pendingHeartbeats.entrySet()) {
            if (pendingHeartbeats.remove(entry.getKey(), entry.getValue())) {
                batch.put(entry.getKey(), entry.getValue());
            }
        }
        try {
            store.writeHeartbeats(batch);
        } catch (RuntimeException e) {
            batch.forEach(
                    (id, at) -> pendingHeartbeats.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
            throw e;
        }
    }

    /** Marks agents offline that have been silent for {@code registry.offline_after}. */
    int markSilentAgentsOffline() {
        flushHeartbeats();
        Instant cutoff = now().minus(config.offlineAfter());
        List<String> silent =
                store.silentSince(cutoff).stream()
                        .filter(id -> !pendingHeartbeats.containsKey(id))
                        .toList();
        if (silent.isEmpty()) {
            return 0;
        }
        int changed = store.markOffline(silent, cutoff);
        statuses.invalidateAll(silent);
        var gone = silent.stream().map(AgentId::new).toList();
        tellLiveness(listener -> listener.wentSilent(gone));
        LOG.log(System.Logger.Level.DEBUG, "marked {0} silent agents offline", changed);
        return changed;
    }

    private StoredAgent withPendingHeartbeat(StoredAgent agent) {
        Instant pending = pendingHeartbeats.get(agent.id());
        return pending != null && pending.isAfter(agent.lastHeartbeat())
                ? agent.withLastHeartbeat(pending)
                : agent;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Known keys stay cached; an unknown id is re-checked soon, as it may register any moment. */
    private static final class KeyExpiry implements Expiry<String, Optional<Ed25519.PublicKey>> {
        private static final long KNOWN = Duration.ofMinutes(10).toNanos();
        private static final long UNKNOWN = Duration.ofSeconds(2).toNanos();

        @Override
        public long expireAfterCreate(
                String key, Optional<Ed25519.PublicKey> value, long currentTime) {
            return value.isPresent() ? KNOWN : UNKNOWN;
        }

        @Override
        public long expireAfterUpdate(
                String key,
                Optional<Ed25519.PublicKey> value,
                long currentTime,
                long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(
                String key,
                Optional<Ed25519.PublicKey> value,
                long currentTime,
                long currentDuration) {
            return currentDuration;
        }
    }
}
