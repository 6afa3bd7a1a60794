/**
 * Endpoint verification: the node challenges an agent's registered endpoint to sign a fresh nonce
 * with the registered key, through the SSRF-safe outbound client, and records the outcome as the
 * agent's {@code verified} flag and a reputation event.
 */
package io.peerclaw.node.verification;
