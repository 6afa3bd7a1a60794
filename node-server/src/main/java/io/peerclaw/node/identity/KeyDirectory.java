package io.peerclaw.node.identity;

import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentId;
import java.util.Optional;

/** Looks up the public key registered for an agent; implemented by the registry. */
@FunctionalInterface
public interface KeyDirectory {
    Optional<Ed25519.PublicKey> registeredKey(AgentId agent);
}
