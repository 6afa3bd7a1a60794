/**
 * The vocabulary shared by the node, the desktop program and other clients: domain records, wire
 * types, request signing and the one configured JSON mapper. Depends on the JDK, BouncyCastle
 * (crypto only) and Jackson (json only).
 */
package io.peerclaw.shared;
