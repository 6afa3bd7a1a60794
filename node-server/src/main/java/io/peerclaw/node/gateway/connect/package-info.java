/**
 * The connectors: {@link io.peerclaw.node.gateway.connect.Connectors} carries a neutral call to an
 * agent in the agent's own protocol (A2A 1.0 with a fallback to 0.3, MCP 2025-11-25 Streamable
 * HTTP, ACP 0.2) and translates the answer back. Per protocol, a package-private client does the
 * exchanges and a translator the pure mapping of parts, states and errors. Every request goes to
 * the registered endpoint (or an A2A interface on its origin) through {@code net.OutboundHttp}.
 */
package io.peerclaw.node.gateway.connect;
