package io.peerclaw.node.gateway;

/**
 * What {@link Gateway#admit} came to: the caller admitted to the agent, or why not (an unknown
 * agent, credentials that would help, or a refusal they would not change).
 */
public sealed interface Admittance
        permits Admittance.Admitted,
                Refused.UnknownAgent,
                Refused.Unauthenticated,
                Refused.Forbidden {
    record Admitted(Admission admission) implements Admittance {}
}
