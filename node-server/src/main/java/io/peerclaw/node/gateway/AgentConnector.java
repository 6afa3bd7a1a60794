package io.peerclaw.node.gateway;

import java.time.Duration;
import java.util.List;

/**
 * Carries calls to agents in their own protocol. One implementation serves all three protocols,
 * choosing by {@link AgentTarget#protocol()}; it reaches only the target's registered endpoint
 * (and, for A2A, interfaces on the same origin that the agent's card lists), always through the
 * node's SSRF-safe client. It never throws for what the agent does: every outcome is a result.
 */
public interface AgentConnector {

    /** The agent's skills: its MCP tools, or the skills its card lists (the registered card's). */
    Skills skills(AgentTarget target, Duration timeout);

    /**
     * Sends the message and waits until the call settles (terminal or interrupted) or the deadline
     * passes; events reach the listener as the agent streams them.
     *
     * @param skill the skill chosen for the call (resolved by the gateway), or null when the agent
     *     takes plain messages
     * @param timeout how long to wait; on expiry the result is FAILED with a TIMEOUT error
     */
    CallResult call(
            AgentTarget target,
            CallRequest request,
            Skill skill,
            Duration timeout,
            CallListener listener);

    /**
     * Asks the agent to cancel its task or run; true when it confirmed (or had nothing to cancel
     * that we know of).
     */
    boolean cancel(AgentTarget target, String remoteTaskId, Duration timeout);

    /** The skills of an agent, or why they could not be read. */
    sealed interface Skills {
        record Listed(List<Skill> skills) implements Skills {
            public Listed {
                skills = List.copyOf(skills);
            }
        }

        record Unavailable(CallError error) implements Skills {}
    }
}
