/**
 * Ed25519 keys and signatures (BouncyCastle's implementation: about seven times faster to verify
 * than the JDK's), hashes and encodings, and the PEERCLAW-SIG-V1 request signature that every
 * agent-mutating call carries.
 */
package io.peerclaw.shared.crypto;
