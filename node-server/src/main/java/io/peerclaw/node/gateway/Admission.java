package io.peerclaw.node.gateway;

import io.peerclaw.node.identity.Caller;
import java.util.Objects;

/**
 * A caller admitted to an agent: the one thing a front door needs before it reads skills or calls.
 *
 * @param callerKey who the caller is for limits and for owning tasks: {@code user:<id>}, {@code
 *     agent:<id>} or {@code anon:<address>}
 * @param clientAddress the client's address as the node sees it (trusted proxies applied)
 */
public record Admission(AgentTarget target, Caller caller, String callerKey, String clientAddress) {
    public Admission {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callerKey, "callerKey");
    }

    /** The key a caller's tasks and limits go by. */
    public static String callerKey(Caller caller, String clientAddress) {
        return switch (caller) {
            case Caller.User user -> "user:" + user.userId();
            case Caller.Agent agent -> "agent:" + agent.id().value();
            case Caller.Anonymous _ -> "anon:" + clientAddress;
        };
    }

    /**
     * The same admission with the agent called in another protocol it declares (for an agent that
     * speaks several).
     */
    public Admission withProtocol(String protocol) {
        return new Admission(
                new AgentTarget(target.id(), protocol, target.endpointUrl(), target.card()),
                caller,
                callerKey,
                clientAddress);
    }
}
