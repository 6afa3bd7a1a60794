package io.peerclaw.node.gateway;

import java.util.UUID;

/**
 * Why the gateway turned a caller or a call away, in its own words and free of any protocol: each
 * front door says it in its own (a problem answer, a JSON-RPC error, an ACP {@code Error}, a tool
 * error), in one place per door.
 */
public sealed interface Refused {
    /** What the caller is told. */
    String message();

    /** No such agent, or one the caller may not know about (a malformed id too). */
    record UnknownAgent(String message) implements Refused, Admittance {}

    /** Refused, but credentials would help. */
    record Unauthenticated(String message) implements Refused, Admittance {}

    /** Refused, and credentials would not help. */
    record Forbidden(String message) implements Refused, Admittance, CallableAgents {}

    /** Over the caller's hourly limit of calls. */
    record RateLimited(long retryAfterSeconds) implements Refused, CallStart {
        @Override
        public String message() {
            return "rate limit exceeded; retry in " + retryAfterSeconds + " s";
        }
    }

    /** The task a call was to continue is not the caller's, or not of this agent. */
    record UnknownTask(UUID id) implements Refused, CallStart {
        @Override
        public String message() {
            return "no task " + id;
        }
    }

    /** The task a call was to continue does not wait for input. */
    record NotAwaitingInput(String message) implements Refused, CallStart {}
}
