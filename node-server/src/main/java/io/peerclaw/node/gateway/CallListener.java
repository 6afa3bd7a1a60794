package io.peerclaw.node.gateway;

/**
 * Receives a call's events as the agent sends them. Called on the calling thread, in order; a
 * listener that cannot keep up slows the call down rather than losing events.
 */
@FunctionalInterface
public interface CallListener {
    CallListener IGNORE = _ -> {};

    void on(CallEvent event);
}
