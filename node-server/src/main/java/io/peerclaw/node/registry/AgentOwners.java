package io.peerclaw.node.registry;

/** Told when an account comes to own an agent (the accounts feature labels it a provider). */
@FunctionalInterface
public interface AgentOwners {
    void gainedAnAgent(String userId);
}
