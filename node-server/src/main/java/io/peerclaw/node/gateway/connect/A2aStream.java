package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.CallListener;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A streamed A2A call as its events arrive: passes each on to the listener at once and keeps the
 * task's state, status message and artifacts (chunks joined) for the result.
 */
final class A2aStream {
    private final A2aVersion version;
    private final CallListener listener;
    private final Map<String, Artifact> artifacts = new LinkedHashMap<>();
    private String taskId;
    private CallState state;
    private List<Part> said = List.of();

    A2aStream(A2aVersion version, CallListener listener) {
        this.version = version;
        this.listener = listener;
    }

    /** Takes one stream result; true once the call settled (the stream should end there). */
    boolean apply(JsonNode result) {
        switch (A2aTranslator.payload(result, version)) {
            case A2aTranslator.Payload.Task(JsonNode task) -> {
                CallResult snapshot = A2aTranslator.task(task, version);
                taskId = snapshot.remoteTaskId();
                snapshot.artifacts()
                        .forEach(artifact -> artifacts.put(artifact.artifactId(), artifact));
                status(snapshot.state(), snapshot.statusMessage());
            }
            case A2aTranslator.Payload.Message(JsonNode message) -> {
                CallResult answer = A2aTranslator.message(message, version);
                if (taskId == null) {
                    // A stream that is one message: the whole answer.
                    Artifact artifact = answer.artifacts().getFirst();
                    artifacts.put(artifact.artifactId(), artifact);
                    listener.on(new CallEvent.ArtifactChunk(artifact, false, true));
                    state = CallState.COMPLETED;
                } else {
                    // The agent spoke within its task: its words go with the current state.
                    status(state, partsOf(answer));
                }
            }
            case A2aTranslator.Payload.StatusUpdate(JsonNode update) -> {
                if (taskId == null && update.hasNonNull("taskId")) {
                    taskId = update.get("taskId").asText();
                }
                JsonNode status = update.path("status");
                status(
                        A2aTranslator.taskState(status),
                        A2aTranslator.parts(status.path("message").get("parts"), version));
            }
            case A2aTranslator.Payload.ArtifactUpdate(JsonNode update) -> {
                Artifact chunk = A2aTranslator.artifact(update.get("artifact"), version);
                boolean append = update.path("append").asBoolean(false);
                boolean last = update.path("lastChunk").asBoolean(false);
                Artifact before = artifacts.get(chunk.artifactId());
                if (append && before != null) {
                    var parts = new ArrayList<>(before.parts());
                    parts.addAll(chunk.parts());
                    String name = chunk.name() != null ? chunk.name() : before.name();
                    artifacts.put(
                            chunk.artifactId(), new Artifact(chunk.artifactId(), name, parts));
                } else {
                    artifacts.put(chunk.artifactId(), chunk);
                }
                listener.on(new CallEvent.ArtifactChunk(chunk, append, last));
            }
        }
        return state != null && state.settled();
    }

    /** Where the call stands now that the stream ended. */
    CallResult result() {
        if (state == null) {
            return CallResult.failed(
                    new CallError(
                            CallError.Kind.BAD_RESPONSE,
                            "the stream ended without a task or message"));
        }
        return new CallResult(
                state,
                List.copyOf(artifacts.values()),
                said,
                taskId,
                A2aTranslator.error(state, said));
    }

    /** The call failed midway: what arrived so far, with the error (and the task to cancel). */
    CallResult failed(CallError error) {
        return new CallResult(
                CallState.FAILED,
                List.copyOf(artifacts.values()),
                List.of(new Part.Text(error.message())),
                taskId,
                error);
    }

    private void status(CallState newState, List<Part> message) {
        state = newState;
        said = List.copyOf(message);
        listener.on(new CallEvent.StatusChanged(newState, said));
    }

    private static List<Part> partsOf(CallResult answer) {
        return answer.artifacts().isEmpty() ? List.of() : answer.artifacts().getFirst().parts();
    }
}
