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
import java.util.List;

/**
 * A streamed ACP run as its events arrive ({@code run.*}, {@code message.*}, {@code error}): passes
 * status changes and parts on to the listener at once and keeps the run for the result.
 */
final class AcpStream {
    private final CallListener listener;
    private final List<JsonNode> completedMessages = new ArrayList<>();
    private JsonNode run;
    private String runId;
    private CallState state;
    private boolean messageStarted;
    private CallError error;

    AcpStream(CallListener listener) {
        this.listener = listener;
    }

    /** Takes one event; true once the run settled or failed (the stream should end there). */
    boolean apply(JsonNode event) {
        String type = event.path("type").asText("");
        if (type.startsWith("run.")) {
            run = event.get("run");
            if (run == null || !run.isObject()) {
                throw new BadWire("a " + type + " event carries no run");
            }
            runId = AcpTranslator.runId(run);
            state = AcpTranslator.runState(run);
            listener.on(
                    new CallEvent.StatusChanged(state, AcpTranslator.statusMessage(run, state)));
        } else if (type.equals("message.part")) {
            JsonNode wire = event.get("part");
            Part part = AcpTranslator.part(wire);
            String name = wire.path("name").asText("");
            int index = completedMessages.size();
            String run = runId == null ? "run" : runId;
            if (name.isEmpty()) {
                var chunk =
                        new Artifact(
                                AcpTranslator.artifactId(run, index, null), null, List.of(part));
                listener.on(new CallEvent.ArtifactChunk(chunk, messageStarted, false));
                messageStarted = true;
            } else {
                var artifact =
                        new Artifact(
                                AcpTranslator.artifactId(run, index, name), name, List.of(part));
                listener.on(new CallEvent.ArtifactChunk(artifact, false, true));
            }
        } else if (type.equals("message.completed")) {
            completedMessages.add(event.path("message"));
            messageStarted = false;
        } else if (type.equals("error")) {
            error =
                    new CallError(
                            CallError.Kind.AGENT_ERROR,
                            event.path("error")
                                    .path("message")
                                    .asText("the agent reported an error"));
            return true;
        }
        // message.created and generic events carry nothing the result needs.
        return state != null && state.settled();
    }

    CallResult result() {
        if (error != null) {
            return failed(error);
        }
        if (run == null) {
            return CallResult.failed(
                    new CallError(CallError.Kind.BAD_RESPONSE, "the stream ended without a run"));
        }
        CallResult result = AcpTranslator.result(run);
        if (result.artifacts().isEmpty() && !completedMessages.isEmpty()) {
            // The final run event left its output out; the streamed messages are the output.
            return new CallResult(
                    result.state(),
                    streamedArtifacts(),
                    result.statusMessage(),
                    result.remoteTaskId(),
                    result.error());
        }
        return result;
    }

    /** The run failed midway: what arrived so far, with the error (and the run to cancel). */
    CallResult failed(CallError failure) {
        return new CallResult(
                CallState.FAILED,
                streamedArtifacts(),
                List.of(new Part.Text(failure.message())),
                runId,
                failure);
    }

    private List<Artifact> streamedArtifacts() {
        var artifacts = new ArrayList<Artifact>();
        for (int i = 0; i < completedMessages.size(); i++) {
            artifacts.addAll(
                    AcpTranslator.artifacts(
                            runId == null ? "run" : runId, i, completedMessages.get(i)));
        }
        return artifacts;
    }
}
