/**
 * The MCP front door: MCP 2025-11-25 Streamable HTTP at {@code /mcp/{agent_id}} for every agent,
 * whatever protocol it speaks, and the node's own MCP server at {@code /mcp}. It translates between
 * MCP and the gateway's envelope and keeps MCP sessions; calls go through {@link
 * io.peerclaw.node.gateway.Gateway} only, never to an agent directly.
 */
package io.peerclaw.node.gateway.mcp;
