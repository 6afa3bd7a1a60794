package io.peerclaw.node.registry;

import io.peerclaw.shared.model.AgentId;
import java.util.List;

/**
 * Told what the registry observes of agents' liveness: a signed heartbeat reporting the agent up,
 * and agents marked offline after falling silent. Called on the registry's threads; a listener must
 * be quick and must not throw (failures are logged and ignored).
 */
public interface LivenessListener {
    void heartbeat(AgentId agent);

    void wentSilent(List<AgentId> agents);
}
