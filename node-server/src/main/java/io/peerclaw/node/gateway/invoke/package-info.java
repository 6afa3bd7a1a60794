/**
 * PeerClaw's own ways to call agents: {@code POST /api/v1/invoke/{agent_id}} (JSON or SSE), the
 * invocation log ({@code GET /api/v1/invocations}), the route table and {@code POST
 * /api/v1/bridge/send} for agents calling agents.
 */
package io.peerclaw.node.gateway.invoke;
