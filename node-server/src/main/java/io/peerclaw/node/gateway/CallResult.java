package io.peerclaw.node.gateway;

import java.util.List;
import java.util.Objects;

/**
 * How a call ended, or where it stood when the caller stopped waiting.
 *
 * @param statusMessage the agent's words with the final state: its question when input is required,
 *     the reason when it failed; possibly empty
 * @param remoteTaskId the agent's own task or run id, when it has one (to continue or cancel it)
 * @param error set when the agent's answer is missing or an error
 */
public record CallResult(
        CallState state,
        List<Artifact> artifacts,
        List<Part> statusMessage,
        String remoteTaskId,
        CallError error) {
    public CallResult {
        Objects.requireNonNull(state, "state");
        artifacts = List.copyOf(artifacts);
        statusMessage = List.copyOf(statusMessage);
    }

    /** A completed call with these artifacts. */
    public static CallResult completed(List<Artifact> artifacts, String remoteTaskId) {
        return new CallResult(CallState.COMPLETED, artifacts, List.of(), remoteTaskId, null);
    }

    /** A call that failed before or without the agent's answer. */
    public static CallResult failed(CallError error) {
        return new CallResult(
                CallState.FAILED, List.of(), List.of(new Part.Text(error.message())), null, error);
    }

    /** The answer's text: the artifacts' text parts, else the status message's. */
    public String text() {
        var out = new StringBuilder();
        for (Artifact artifact : artifacts) {
            out.append(Part.text(artifact.parts()));
        }
        return out.isEmpty() ? Part.text(statusMessage) : out.toString();
    }
}
