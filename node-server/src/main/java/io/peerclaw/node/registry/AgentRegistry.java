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
    private final Map<String, Instant> pendingHeartbeats = new ConcurrentHashMap<>();
    private final List<AgentChangeListener> listeners = new CopyOnWriteArrayList<>();
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
            NodeConfig.Registry config) {
        this.store = store;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    public Registration register(SignedRequest proof, AgentCard input) {
        AgentCard validated = validator.validate(input, proof.key());
        Instant now = now();
        var candidate =
                new StoredAgent(
                        proof.agentId().value(),
                        proof.key().base64(),
                        validated.status(),
                        validated.visibility(),
                        validated.withServerFields(null, null, null, null, null),
                        now,
                        now,
                        now);
        AgentStore.Upserted result;
        try {
            result = store.upsert(candidate);
        } catch (StorageException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            result = store.upsert(candidate); // lost a race with a concurrent first registration
        }
        String id = candidate.id();
        keys.put(id, Optional.of(proof.key()));
        statuses.put(id, result.agent().status());
        pendingHeartbeats.remove(id);
        audit.record(
                result.created() ? AuditEvent.AGENT_REGISTERED : AuditEvent.AGENT_UPDATED,
                id,
                AuditLog.details("name", validated.name(), "protocols", validated.protocols()));
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

    /** One page of stored agents and the token of the next ({@code ""} after the last). */
    record Page(List<StoredAgent> agents, String nextPageToken) {}

    public void deregister(AgentId id) {
        if (!store.delete(id.value())) {
            throw ApiException.notFound("no agent with id " + id);
        }
        keys.invalidate(id.value());
        statuses.invalidate(id.value());
        pendingHeartbeats.remove(id.value());
        audit.record(AuditEvent.AGENT_DEREGISTERED, id.value(), Map.of());
        announce(id, AgentChangeListener.Change.DEREGISTERED);
    }

    /** Adds a listener told about every committed registration change. */
    public void addChangeListener(AgentChangeListener listener) {
        listeners.add(listener);
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
            store.updateContent(
                            key,
                            content ->
                                    content.withMetadata(
                                            validator.mergeMetadata(
                                                    content.metadata(), request.metadata())),
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
