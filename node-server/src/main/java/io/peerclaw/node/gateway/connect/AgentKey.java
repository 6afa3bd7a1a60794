package io.peerclaw.node.gateway.connect;

import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.shared.model.AgentId;

/**
 * What the connectors remember things by: an agent at one endpoint (a new endpoint starts over).
 */
record AgentKey(AgentId id, String endpointUrl) {
    static AgentKey of(AgentTarget target) {
        return new AgentKey(target.id(), target.endpointUrl());
    }
}
