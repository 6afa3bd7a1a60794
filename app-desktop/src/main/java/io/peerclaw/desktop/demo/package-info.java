/**
 * The demo agent {@code peerclaw --server --demo} runs beside the node: a small A2A, MCP and ACP
 * server on a loopback address that echoes what it is sent, at once or streamed word by word,
 * registers itself with its own Ed25519 key and answers the node's endpoint challenge. It is the
 * agent a newcomer calls first; it uses the node only over HTTP, like any agent.
 */
package io.peerclaw.desktop.demo;
