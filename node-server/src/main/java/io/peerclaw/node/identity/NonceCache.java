package io.peerclaw.node.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Remembers each (agent, nonce) pair for as long as its timestamp could still pass the skew check,
 * so that a captured request cannot be replayed. Only nonces of valid signatures are stored, so a
 * forger cannot fill it.
 */
final class NonceCache {
    private final Cache<String, Boolean> seen;

    NonceCache(Duration maxSkew) {
        this.seen =
                Caffeine.newBuilder()
                        .expireAfterWrite(maxSkew.multipliedBy(2).plusSeconds(5))
                        .maximumSize(2_000_000)
                        .build();
    }

    /** True the first time a pair is seen; false for a replay. */
    boolean firstUse(String agentId, String nonce) {
        return seen.asMap().putIfAbsent(agentId + ':' + nonce, Boolean.TRUE) == null;
    }
}
