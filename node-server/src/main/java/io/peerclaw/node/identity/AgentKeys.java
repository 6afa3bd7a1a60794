package io.peerclaw.node.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.AgentKeys.Created;
import io.peerclaw.shared.protocol.api.AgentKeys.Summary;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Bearer keys an agent mints for itself: {@code pca_} and 64 hex characters (256 random bits),
 * shown once and kept only as SHA-256 (a key this long needs no slow hash). Lookups are cached
 * briefly; revoking drops the cache entry at once.
 */
public final class AgentKeys {
    public static final String PREFIX = "pca_";
    static final int MAX_KEYS_PER_AGENT = 25;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** The agent a presented key belongs to. */
    record KeyOwner(String keyId, AgentId agentId) {}

    private final AgentKeyStore store;
    private final AuditLog audit;
    private final InstantSource clock;
    private final SecureRandom random;
    private final Cache<String, Optional<KeyOwner>> byHash =
            Caffeine.newBuilder()
                    .expireAfterWrite(Duration.ofSeconds(30))
                    .maximumSize(100_000)
                    .build();
    private final Cache<String, Instant> lastTouched =
            Caffeine.newBuilder()
                    .expireAfterWrite(LAST_USED_RESOLUTION)
                    .maximumSize(100_000)
                    .build();
    private final Object[] mintLocks = new Object[64];

    AgentKeys(AgentKeyStore store, AuditLog audit, InstantSource clock, SecureRandom random) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        for (int i = 0; i < mintLocks.length; i++) {
            mintLocks[i] = new Object();
        }
    }

    Created mint(AgentId agent, String name) {
        String label = name == null || name.isBlank() ? "default" : name.strip();
        if (label.length() > 100 || label.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(
                    "name", "must be at most 100 characters without control characters");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Encoding.hex(secret);
        String id = UUID.randomUUID().toString();
        String prefix = key.substring(0, 12);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        boolean inserted;
        synchronized (mintLocks[Math.floorMod(agent.value().hashCode(), mintLocks.length)]) {
            inserted =
                    store.insertWithin(
                            MAX_KEYS_PER_AGENT, id, agent.value(), label, hash(key), prefix, now);
        }
        if (!inserted) {
            throw ApiException.conflict(
                    "an agent may hold at most " + MAX_KEYS_PER_AGENT + " keys; revoke one first");
        }
        audit.record(
                AuditEvent.KEY_MINTED,
                agent.value(),
                AuditLog.details("key_id", id, "prefix", prefix));
        return new Created(id, key, prefix, label, now);
    }

    List<Summary> list(AgentId agent) {
        return store.list(agent.value());
    }

    void revoke(AgentId agent, String keyId) {
        String hash =
                store.delete(agent.value(), keyId)
                        .orElseThrow(
                                () ->
                                        ApiException.notFound(
                                                "agent " + agent + " has no key " + keyId));
        byHash.invalidate(hash);
        audit.record(AuditEvent.KEY_REVOKED, agent.value(), AuditLog.details("key_id", keyId));
    }

    Optional<KeyOwner> authenticate(String key) {
        if (key.length() != PREFIX.length() + 64) {
            return Optional.empty();
        }
        Optional<KeyOwner> owner =
                byHash.get(
                        hash(key),
                        h ->
                                store.findByHash(h)
                                        .map(
                                                row ->
                                                        new KeyOwner(
                                                                row.id(),
                                                                new AgentId(row.agentId()))));
        owner.ifPresent(this::noteUse);
        return owner;
    }

    private void noteUse(KeyOwner owner) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (lastTouched.asMap().putIfAbsent(owner.keyId(), now) == null) {
            store.touch(owner.keyId(), now);
        }
    }

    private static String hash(String key) {
        return Hashes.sha256Hex(key.getBytes(StandardCharsets.US_ASCII));
    }
}
