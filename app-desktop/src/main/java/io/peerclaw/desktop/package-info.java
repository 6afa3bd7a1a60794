/**
 * The PeerClaw program: parses the command line and runs the node headless ({@code --server}).
 * Talks to the node only through {@code io.peerclaw.node.api} and the REST API.
 */
package io.peerclaw.desktop;
