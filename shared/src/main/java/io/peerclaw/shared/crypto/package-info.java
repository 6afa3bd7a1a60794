/**
 * Ed25519 keys and signatures (BouncyCastle's implementation: about seven times faster to verify
 * than the JDK's), hashes and encodings, the PEERCLAW-SIG-V1 request signature that every
 * agent-mutating call carries, and A2A agent card signatures over RFC 8785 canonical JSON.
 */
package io.peerclaw.shared.crypto;
