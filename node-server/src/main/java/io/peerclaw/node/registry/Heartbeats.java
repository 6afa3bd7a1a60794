package io.peerclaw.node.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.AgentStatus;
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

/**
 * Heartbeats and liveness.
 *
 * <p>Heartbeats are made cheap: an agent that reports the status it already has only updates an
 * in-memory time, and those times are written in one batch every {@code
 * registry.heartbeat_flush_interval} (at most 5 s; a crash may lose that much, which costs nothing
 * as the next heartbeat restores it). A heartbeat that changes status or metadata is written at
 * once. Reads merge the buffered times in ({@link #latest}), so nobody sees a stale heartbeat.
 * Agents silent for {@code registry.offline_after} are marked offline.
 */
final class Heartbeats {
    private static final System.Logger LOG = System.getLogger(Heartbeats.class.getName());

    private final LivenessStore store;
    private final RegisteredKeys keys;
    private final CardValidator validator;
    private final AgentChanges changes;
    private final InstantSource clock;
    private final NodeConfig.Registry config;
    private final Map<String, Instant> buffered = new ConcurrentHashMap<>();
    private final Cache<String, String> statuses =
            Caffeine.newBuilder()
                    .maximumSize(200_000)
                    .expireAfterAccess(Duration.ofMinutes(30))
                    .build();

    /** The registry has stopped: a heartbeat that arrives now is written at once. */
    private volatile boolean stopped;

    Heartbeats(
            LivenessStore store,
            RegisteredKeys keys,
            CardValidator validator,
            AgentChanges changes,
            InstantSource clock,
            NodeConfig.Registry config) {
        this.store = store;
        this.keys = keys;
        this.validator = validator;
        this.changes = changes;
        this.clock = clock;
        this.config = config;
    }

    /** Records a heartbeat and answers when the next one is due. */
    Heartbeat.Response heartbeat(AgentId id, Heartbeat.Request request) {
        String status =
                request == null || request.status() == null
                        ? AgentStatus.ONLINE.wireName()
                        : request.status();
        if (AgentStatus.parse(status).isEmpty()) {
            throw ApiException.invalid("status", "must be one of online, busy, degraded, offline");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String key = id.value();
        if (request != null && request.metadata() != null && !request.metadata().isEmpty()) {
            Optional<Ed25519.PublicKey> signer = keys.registeredKey(id);
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
            written(id, status);
        } else {
            String known = statuses.get(key, k -> store.status(k).orElse(null));
            if (known == null) {
                throw ApiException.notFound("no agent with id " + id);
            }
            if (known.equals(status)) {
                buffered.merge(key, now, Heartbeats::later);
                // Read after the merge: either stop() flushes after it, or this thread does.
                if (stopped) {
                    flush();
                }
            } else {
                if (!store.updateStatus(key, status, now)) {
                    throw ApiException.notFound("no agent with id " + id);
                }
                written(id, status);
            }
        }
        if (!status.equals(AgentStatus.OFFLINE.wireName())) {
            changes.tellLiveness(listener -> listener.heartbeat(id));
        }
        return new Heartbeat.Response(now.plus(config.heartbeatInterval()));
    }

    /** The agent with its freshest heartbeat time, buffered or stored. */
    StoredAgent latest(StoredAgent agent) {
        Instant pending = buffered.get(agent.id());
        return pending != null && pending.isAfter(agent.lastHeartbeat())
                ? agent.withLastHeartbeat(pending)
                : agent;
    }

    /** The agent's status and heartbeat time were just written: nothing buffered stands. */
    void written(AgentId id, String status) {
        statuses.put(id.value(), status);
        buffered.remove(id.value());
    }

    /** The agent is gone. */
    void forget(AgentId id) {
        statuses.invalidate(id.value());
        buffered.remove(id.value());
    }

    /** Writes buffered heartbeat times in one batch. */
    void flush() {
        if (buffered.isEmpty()) {
            return;
        }
        var batch = new HashMap<String, Instant>();
        for (var entry : buffered.entrySet()) {
            if (buffered.remove(entry.getKey(), entry.getValue())) {
                batch.put(entry.getKey(), entry.getValue());
            }
        }
        try {
            store.writeHeartbeats(batch);
        } catch (RuntimeException e) {
            batch.forEach((id, at) -> buffered.merge(id, at, Heartbeats::later));
            throw e;
        }
    }

    /** Writes what is buffered and stops buffering (the node is stopping). */
    void stop() {
        stopped = true;
        flush();
    }

    /** Marks agents offline that have been silent for {@code registry.offline_after}. */
    int markSilentAgentsOffline() {
        flush();
        Instant cutoff =
                clock.instant().truncatedTo(ChronoUnit.MILLIS).minus(config.offlineAfter());
        List<String> silent =
                store.silentSince(cutoff).stream().filter(id -> !buffered.containsKey(id)).toList();
        if (silent.isEmpty()) {
            return 0;
        }
        int changed = store.markOffline(silent, cutoff);
        statuses.invalidateAll(silent);
        var gone = silent.stream().map(AgentId::new).toList();
        changes.tellLiveness(listener -> listener.wentSilent(gone));
        LOG.log(System.Logger.Level.DEBUG, "marked {0} silent agents offline", changed);
        return changed;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
