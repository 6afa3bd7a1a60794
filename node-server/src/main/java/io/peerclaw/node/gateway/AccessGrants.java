package io.peerclaw.node.gateway;

import io.peerclaw.shared.model.AgentId;

/** Whether a user holds an owner's approval to call a private agent. */
@FunctionalInterface
public interface AccessGrants {
    boolean granted(AgentId agent, String userId);
}
