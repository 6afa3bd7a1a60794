package io.peerclaw.node.gateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an agent's answer becomes in PeerClaw's own JSON, and its failures as problems. */
final class Answers {
    private Answers() {}

    /** The structured data the agent returned: one value, or an array of several; else empty. */
    static Optional<JsonNode> data(Task task) {
        var values = new ArrayList<JsonNode>();
        for (Artifact artifact : task.artifacts()) {
            for (Part part : artifact.parts()) {
                if (part instanceof Part.Data d) {
                    values.add(d.value());
                }
            }
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() == 1) {
            return Optional.of(values.getFirst());
        }
        var array = io.peerclaw.shared.json.Json.mapper().createArrayNode();
        values.forEach(array::add);
        return Optional.of(array);
    }

    static String state(CallState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The problem for a call that ended without the agent's answer, or empty when it has one (a
     * completed task, one waiting for input, or one still working).
     */
    static Optional<ApiException> failure(Task task) {
        if (task.state() != CallState.FAILED
                && task.state() != CallState.REJECTED
                && task.state() != CallState.CANCELED) {
            return Optional.empty();
        }
        CallError error = task.error();
        String detail = error != null ? error.message() : fallback(task);
        if (error == null) {
            return Optional.of(new ApiException(ErrorCode.AGENT_FAILED, detail));
        }
        return Optional.of(
                switch (error.kind()) {
                    case UNKNOWN_TOOL -> ApiException.invalid("metadata.tool", detail);
                    case BAD_ARGUMENTS -> ApiException.invalid("message", detail);
                    case UNKNOWN_TASK -> ApiException.notFound(detail);
                    case TIMEOUT -> new ApiException(ErrorCode.AGENT_TIMEOUT, detail);
                    case UNREACHABLE -> new ApiException(ErrorCode.AGENT_UNREACHABLE, detail);
                    case BAD_RESPONSE, AGENT_ERROR ->
                            new ApiException(ErrorCode.AGENT_FAILED, detail);
                });
    }

    private static String fallback(Task task) {
        String text = Part.text(task.statusMessage());
        return text.isEmpty() ? "the agent's task ended " + state(task.state()) : text;
    }

    /** Text of a chunk's parts, for one SSE {@code message} event. */
    static String text(List<Part> parts) {
        return Part.text(parts);
    }
}
