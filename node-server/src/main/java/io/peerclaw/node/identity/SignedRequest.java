package io.peerclaw.node.identity;

import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentId;

/** A request whose PEERCLAW-SIG-V1 signature checked out: it was signed by {@code key}. */
public record SignedRequest(AgentId agentId, Ed25519.PublicKey key) {}
