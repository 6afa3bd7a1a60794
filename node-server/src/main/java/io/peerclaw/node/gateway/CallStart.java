package io.peerclaw.node.gateway;

/**
 * What {@link Gateway#start} came to: the call running, or why it did not start (over the caller's
 * limit, or a task to continue that is not the caller's or does not wait for input).
 */
public sealed interface CallStart
        permits CallStart.Started,
                Refused.RateLimited,
                Refused.UnknownTask,
                Refused.NotAwaitingInput {
    record Started(RunningCall call) implements CallStart {}
}
