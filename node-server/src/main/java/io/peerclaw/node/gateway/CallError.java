package io.peerclaw.node.gateway;

import java.util.Objects;

/** Why a call did not produce the agent's answer, in terms every front door can translate. */
public record CallError(Kind kind, String message) {
    public CallError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public enum Kind {
        /** The caller named a tool or skill the agent does not have. */
        UNKNOWN_TOOL,
        /** The message does not fit the tool's arguments. */
        BAD_ARGUMENTS,
        /** The continued task or run is not known to the agent. */
        UNKNOWN_TASK,
        /** No connection to the agent's endpoint (refused, no route, TLS, not allowed). */
        UNREACHABLE,
        /** The agent did not answer within the deadline. */
        TIMEOUT,
        /** The agent answered with something that is not its protocol. */
        BAD_RESPONSE,
        /** The agent answered with an error of its own (a failed task, a JSON-RPC error). */
        AGENT_ERROR;

        /** Whether the caller caused it (no reputation event is due to the agent). */
        public boolean callersFault() {
            return this == UNKNOWN_TOOL || this == BAD_ARGUMENTS || this == UNKNOWN_TASK;
        }
    }
}
