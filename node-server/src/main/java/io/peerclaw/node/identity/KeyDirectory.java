package io.peerclaw.node.identity;

import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentId;
import java.util.Optional;

/** Looks up the public key registered for an agent; implemented by the registry. */
@FunctionalInterface
public interface KeyDirectory {
    Optional<Ed25519.PublicKey> registeredKey(AgentId agent);

    /**
     * Called once a request is proven signed by {@code key} for an agent that is not registered: a
     * card a provider posted for that key becomes a registered agent. Returns the key now
     * registered, or empty when nothing was waiting for it.
     */
    default Optional<Ed25519.PublicKey> activatePending(AgentId agent, Ed25519.PublicKey key) {
        return Optional.empty();
    }
}
