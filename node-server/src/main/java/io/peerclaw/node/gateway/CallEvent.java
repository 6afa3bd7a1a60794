package io.peerclaw.node.gateway;

import java.util.List;

/** What a streaming agent reports while a call runs, delivered as it comes. */
public sealed interface CallEvent {

    /**
     * The call's state changed.
     *
     * @param message the agent's words with it (a question when input is required), possibly empty
     */
    record StatusChanged(CallState state, List<Part> message) implements CallEvent {
        public StatusChanged {
            message = List.copyOf(message);
        }
    }

    /**
     * A chunk of an artifact.
     *
     * @param append the parts extend the artifact of the same id sent before
     * @param lastChunk the artifact is complete
     */
    record ArtifactChunk(Artifact artifact, boolean append, boolean lastChunk)
            implements CallEvent {}
}
