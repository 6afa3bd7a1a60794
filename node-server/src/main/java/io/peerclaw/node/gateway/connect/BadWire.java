package io.peerclaw.node.gateway.connect;

/**
 * The agent's answer is not its protocol (a missing id, a part of no known shape). Translators
 * throw it; the connector turns it into a {@code BAD_RESPONSE} result.
 */
final class BadWire extends RuntimeException {
    BadWire(String message) {
        super(message, null, false, false);
    }
}
