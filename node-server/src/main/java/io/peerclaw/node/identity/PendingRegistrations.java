package io.peerclaw.node.identity;

/**
 * Registrations waiting for their key holder's proof: a card a provider posted for a key it does
 * not hold. Implemented by the registry; the authenticator calls it, and only it, when a request
 * signed by a key that is not registered has verified.
 */
@FunctionalInterface
public interface PendingRegistrations {
    /**
     * Confirms what waited for the key that signed {@code proof}: afterwards that key is the one
     * registered for the agent. False when nothing waited for it.
     */
    boolean confirm(SignedRequest proof);
}
