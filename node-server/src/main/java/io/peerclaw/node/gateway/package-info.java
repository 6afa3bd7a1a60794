/**
 * The protocol gateway's core: one neutral envelope for a call to an agent ({@link
 * io.peerclaw.node.gateway.CallRequest}, {@link io.peerclaw.node.gateway.CallEvent}, {@link
 * io.peerclaw.node.gateway.CallResult}), the connectors that carry it to an agent in the agent's
 * own protocol, and {@link io.peerclaw.node.gateway.Gateway}, which every front door (A2A, MCP,
 * ACP, invoke, bridge) goes through: who may call whom, the caller's limits, the task or run a call
 * belongs to, the invocation record and the reputation event.
 *
 * <p>Front doors live in subpackages and translate their protocol to and from the envelope; they
 * never call an agent themselves. The core refuses with sealed results ({@link
 * io.peerclaw.node.gateway.Refused}), never HTTP statuses; each door says them in its protocol.
 */
package io.peerclaw.node.gateway;
