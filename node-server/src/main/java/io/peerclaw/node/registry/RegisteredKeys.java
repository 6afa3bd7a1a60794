package io.peerclaw.node.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.peerclaw.node.identity.KeyDirectory;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentId;
import java.time.Duration;
import java.util.Optional;

/**
 * The registered public keys, as the identity feature checks signatures against them. The cache can
 * never go stale for a live agent: the id is derived from the key.
 */
final class RegisteredKeys implements KeyDirectory {
    private final RegisteredKeyStore store;
    private final Cache<String, Optional<Ed25519.PublicKey>> keys =
            Caffeine.newBuilder().maximumSize(200_000).expireAfter(new KeyExpiry()).build();

    RegisteredKeys(RegisteredKeyStore store) {
        this.store = store;
    }

    @Override
    public Optional<Ed25519.PublicKey> registeredKey(AgentId agent) {
        return keys.get(
                agent.value(), id -> store.publicKey(id).flatMap(Ed25519.PublicKey::ofBase64));
    }

    /** The agent has just registered with this key. */
    void registered(AgentId agent, Ed25519.PublicKey key) {
        keys.put(agent.value(), Optional.of(key));
    }

    /** The agent is gone, or what is cached about it may be wrong. */
    void forget(AgentId agent) {
        keys.invalidate(agent.value());
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
