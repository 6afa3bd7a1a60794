package io.peerclaw.node.gateway;

import io.peerclaw.shared.model.AgentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A call's task, as A2A calls it, or run, as ACP does: what was asked, what the agent produced, and
 * where it stands. Readable by its caller until it expires.
 *
 * @param callerKey who may read and cancel it ({@link Admission#callerKey()})
 * @param history the caller's messages and, when it asked for input, the agent's questions
 * @param statusMessage the agent's words with the current state, possibly empty
 * @param error why the agent's answer is missing, or null
 */
public record Task(
        UUID id,
        AgentId agentId,
        String callerKey,
        UUID contextId,
        FrontDoor frontDoor,
        CallState state,
        List<HistoryMessage> history,
        List<Artifact> artifacts,
        List<Part> statusMessage,
        String remoteTaskId,
        CallError error,
        Instant createdAt,
        Instant updatedAt) {
    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        history = List.copyOf(history);
        artifacts = List.copyOf(artifacts);
        statusMessage = List.copyOf(statusMessage);
    }

    Task with(CallState newState, List<Part> newStatus, CallError newError, Instant now) {
        return new Task(
                id,
                agentId,
                callerKey,
                contextId,
                frontDoor,
                newState,
                history,
                artifacts,
                newStatus,
                remoteTaskId,
                newError,
                createdAt,
                now);
    }

    Task withArtifacts(List<Artifact> newArtifacts, Instant now) {
        return new Task(
                id,
                agentId,
                callerKey,
                contextId,
                frontDoor,
                state,
                history,
                newArtifacts,
                statusMessage,
                remoteTaskId,
                error,
                createdAt,
                now);
    }

    Task withHistory(List<HistoryMessage> newHistory, String newRemoteTaskId, Instant now) {
        return new Task(
                id,
                agentId,
                callerKey,
                contextId,
                frontDoor,
                state,
                newHistory,
                artifacts,
                statusMessage,
                newRemoteTaskId,
                error,
                createdAt,
                now);
    }

    /** The task with one event applied: artifact chunks appended or replaced, states moved on. */
    Task withEvent(CallEvent event, Instant now) {
        return switch (event) {
            case CallEvent.StatusChanged s ->
                    with(
                            s.state(),
                            s.message().isEmpty() ? statusMessage : s.message(),
                            error,
                            now);
            case CallEvent.ArtifactChunk chunk -> {
                var merged = new ArrayList<Artifact>();
                boolean found = false;
                for (Artifact a : artifacts) {
                    if (a.artifactId().equals(chunk.artifact().artifactId())) {
                        var parts = new ArrayList<Part>();
                        if (chunk.append()) {
                            parts.addAll(a.parts());
                        }
                        parts.addAll(chunk.artifact().parts());
                        merged.add(new Artifact(a.artifactId(), a.name(), parts));
                        found = true;
                    } else {
                        merged.add(a);
                    }
                }
                if (!found) {
                    merged.add(chunk.artifact());
                }
                yield withArtifacts(merged, now);
            }
        };
    }

    /** The answer's text: the artifacts' text, else the status message's. */
    public String text() {
        var out = new StringBuilder();
        for (Artifact artifact : artifacts) {
            out.append(Part.text(artifact.parts()));
        }
        return out.isEmpty() ? Part.text(statusMessage) : out.toString();
    }
}
