/**
 * The agent registry: agents register their card with a request signed by their own key (the id
 * derives from that key, so registering again updates instead of duplicating), list and discover
 * each other, send cheap heartbeats, and deregister. A card may carry A2A card signatures; only
 * ones that verify with the agent's key are ever stored ({@code SignedCards}). Owns the {@code
 * agents}, {@code agent_liveness}, {@code agent_capabilities}, {@code agent_protocols} and {@code
 * pending_agents} tables. It must never show an agent's private fields to anyone but the agent.
 *
 * <p>{@code RegistryFeature} assembles the parts, each with its own store: {@code Registrations},
 * {@code AgentReads}, {@code PendingCards}, {@code OwnedAgents}, {@code AgentModeration}, {@code
 * Heartbeats}, {@code RegisteredKeys} (the identity feature's key lookup) and {@code AgentChanges}
 * (the listener fan-out they share). {@code ManagedAgentJson} writes the owner's and admin's view
 * for the HTTP services.
 */
package io.peerclaw.node.registry;
