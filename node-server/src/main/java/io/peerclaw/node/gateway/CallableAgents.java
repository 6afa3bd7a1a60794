package io.peerclaw.node.gateway;

import java.util.List;

/**
 * What {@link Gateway#callable} came to: one page of the agents the caller may call, or a refusal
 * (a user's key without the {@code invoke} scope).
 */
public sealed interface CallableAgents permits CallableAgents.Page, Refused.Forbidden {
    record Page(List<AgentTarget> agents) implements CallableAgents {
        public Page {
            agents = List.copyOf(agents);
        }
    }
}
