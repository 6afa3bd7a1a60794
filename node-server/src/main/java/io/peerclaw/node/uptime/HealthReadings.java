package io.peerclaw.node.uptime;

import io.peerclaw.shared.model.AgentId;

/** The read side of uptime probing that profiles show. */
@FunctionalInterface
public interface HealthReadings {
    /** The agent's health; {@link AgentHealth#UNKNOWN} when it was never probed. */
    AgentHealth health(AgentId agent);
}
