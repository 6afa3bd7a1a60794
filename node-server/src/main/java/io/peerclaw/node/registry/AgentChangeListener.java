package io.peerclaw.node.registry;

import io.peerclaw.shared.model.AgentId;

/**
 * Told about every registration change after it is committed, on the caller's thread. Read sides
 * (the directory) keep their indexes and caches in step through it; a listener must be quick and
 * must not throw (failures are logged and ignored, the registration stands).
 */
@FunctionalInterface
public interface AgentChangeListener {
    /** What happened to the agent. */
    enum Change {
        /** First registration. */
        REGISTERED,
        /** The card was replaced and the agent is (still) public. */
        UPDATED,
        /** The card was replaced and the agent is now private: public views must drop it now. */
        HIDDEN,
        /** The agent is gone. */
        DEREGISTERED
    }

    void agentChanged(AgentId id, Change change);
}
