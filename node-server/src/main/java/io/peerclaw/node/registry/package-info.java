/**
 * The agent registry: agents register their card with a request signed by their own key (the id
 * derives from that key, so registering again updates instead of duplicating), list and discover
 * each other, send cheap heartbeats, and deregister. A card may carry A2A card signatures; only
 * ones that verify with the agent's key are ever stored ({@code SignedCards}). Owns the {@code
 * agents}, {@code agent_capabilities} and {@code agent_protocols} tables. It must never show an
 * agent's private fields to anyone but the agent.
 */
package io.peerclaw.node.registry;
