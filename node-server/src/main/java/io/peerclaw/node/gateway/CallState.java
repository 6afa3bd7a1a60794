package io.peerclaw.node.gateway;

/** Where a call stands, in A2A's terms, which the other protocols map onto (protocols.md §4.3). */
public enum CallState {
    SUBMITTED,
    WORKING,
    INPUT_REQUIRED,
    AUTH_REQUIRED,
    COMPLETED,
    FAILED,
    CANCELED,
    REJECTED;

    /** Nothing more will happen to the call. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED || this == REJECTED;
    }

    /** The agent waits for the caller; the call is over until a follow-up message continues it. */
    public boolean interrupted() {
        return this == INPUT_REQUIRED || this == AUTH_REQUIRED;
    }

    /** Terminal or interrupted: a stream ends here and a blocking call returns. */
    public boolean settled() {
        return terminal() || interrupted();
    }
}
