/**
 * The A2A front door: every registered agent, whatever its own protocol, as an A2A agent at {@code
 * /a2a/{agent_id}} (JSON-RPC binding, A2A 1.0 and 0.3 on the wire), and the node itself as an A2A
 * agent at {@code /a2a} with the skills {@code discover_agents} and {@code forward_message}.
 *
 * <p>Translators ({@link io.peerclaw.node.gateway.a2a.WireV1}, {@link
 * io.peerclaw.node.gateway.a2a.WireV03}, {@link io.peerclaw.node.gateway.a2a.AgentCards}) are pure
 * functions between A2A JSON and the gateway's neutral envelope; {@link
 * io.peerclaw.node.gateway.a2a.A2aCalls} runs the methods against the gateway; only {@code
 * A2aHttpService} knows the web server. Nothing here calls an agent itself.
 */
package io.peerclaw.node.gateway.a2a;
