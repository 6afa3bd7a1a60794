package io.peerclaw.node.gateway.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.HistoryMessage;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Task;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway task as an ACP {@code Run}, and its {@code Event}s (protocols.md §3.3, §3.4, §4.3).
 *
 * <p>The run's output is one message from {@code agent/{id}} holding every artifact's parts, each
 * named after its artifact when the agent named it (ACP's named parts are artifacts); a finished
 * call without artifacts answers with the agent's status message instead. A run waiting for input
 * is {@code awaiting} with the agent's question as {@code await_request}. Times are ISO-8601 UTC.
 */
final class RunJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RunJson() {}

    /** ACP's run status for a gateway state. */
    static String status(CallState state) {
        return switch (state) {
            case SUBMITTED -> "created";
            case WORKING -> "in-progress";
            case INPUT_REQUIRED, AUTH_REQUIRED -> "awaiting";
            case COMPLETED -> "completed";
            case FAILED, REJECTED -> "failed";
            case CANCELED -> "cancelled";
        };
    }

    /** The role of the agent's messages: {@code agent/{id}}. */
    static String role(Task task) {
        return "agent/" + task.agentId().value();
    }

    /** The run as it stands. */
    static ObjectNode run(Task task) {
        ObjectNode run = NODES.objectNode();
        run.put("run_id", task.id().toString());
        run.put("agent_name", task.agentId().value());
        run.put("session_id", task.contextId().toString());
        run.put("status", status(task.state()));
        if (task.state().interrupted()) {
            ObjectNode request = run.putObject("await_request");
            request.put("type", "message");
            request.set("message", message(task, parts(task.statusMessage(), null), true));
        }
        ArrayNode output = run.putArray("output");
        ObjectNode message = outputMessage(task);
        if (message != null) {
            output.add(message);
        }
        if (task.state() == CallState.FAILED || task.state() == CallState.REJECTED) {
            run.set("error", error(task));
        }
        run.put("created_at", time(task.createdAt()));
        if (task.state().terminal()) {
            run.put("finished_at", time(task.updatedAt()));
        }
        return run;
    }

    /** The run's output message, or null when the agent has said nothing yet. */
    static ObjectNode outputMessage(Task task) {
        List<ObjectNode> parts = outputParts(task);
        return parts.isEmpty() ? null : message(task, parts, task.state().settled());
    }

    /** The parts of the run's output message, in order. */
    static List<ObjectNode> outputParts(Task task) {
        var parts = new ArrayList<ObjectNode>();
        for (Artifact artifact : task.artifacts()) {
            parts.addAll(parts(artifact.parts(), artifact.name()));
        }
        boolean answered =
                task.state() == CallState.COMPLETED || task.state() == CallState.CANCELED;
        if (parts.isEmpty() && answered) {
            parts.addAll(parts(task.statusMessage(), null));
        }
        return parts;
    }

    static List<ObjectNode> parts(List<Part> parts, String artifact) {
        return parts.stream().map(p -> AcpParts.part(p, artifact)).toList();
    }

    /** ACP's error code for a failed run: the caller's mistakes are not the server's. */
    static AcpError.Code errorCode(Task task) {
        if (task.state() == CallState.REJECTED) {
            return AcpError.Code.INVALID_INPUT;
        }
        if (task.error() == null) {
            return AcpError.Code.SERVER_ERROR;
        }
        return switch (task.error().kind()) {
            case UNKNOWN_TOOL, UNKNOWN_TASK -> AcpError.Code.NOT_FOUND;
            case BAD_ARGUMENTS -> AcpError.Code.INVALID_INPUT;
            case UNREACHABLE, TIMEOUT, BAD_RESPONSE, AGENT_ERROR -> AcpError.Code.SERVER_ERROR;
        };
    }

    static ObjectNode error(Task task) {
        ObjectNode error = NODES.objectNode();
        error.put("code", errorCode(task).wire());
        CallError cause = task.error();
        String said = Part.text(task.statusMessage());
        error.put(
                "message",
                cause != null
                        ? cause.message()
                        : said.isBlank() ? "the agent reported a failure" : said);
        if (cause != null) {
            error.putObject("data")
                    .put("kind", cause.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return error;
    }

    static ObjectNode message(Task task, List<ObjectNode> parts, boolean completed) {
        ObjectNode message = NODES.objectNode();
        message.put("role", role(task));
        message.putArray("parts").addAll(parts);
        message.put("created_at", time(task.createdAt()));
        if (completed) {
            message.put("completed_at", time(task.updatedAt()));
        } else {
            message.putNull("completed_at");
        }
        return message;
    }

    static ObjectNode event(String type, String member, JsonNode value) {
        ObjectNode event = NODES.objectNode();
        event.put("type", type);
        event.set(member, value);
        return event;
    }

    /** A {@code run.*} event carrying the run. */
    static ObjectNode runEvent(ObjectNode run) {
        return event("run." + run.get("status").asText(), "run", run);
    }

    /** The run as it stood at an earlier moment: its status then, nothing produced yet. */
    static ObjectNode earlier(Task task, String status, JsonNode awaitRequest) {
        ObjectNode run = run(task);
        run.put("status", status);
        run.remove(List.of("await_request", "error", "finished_at"));
        run.putArray("output");
        if (awaitRequest != null) {
            run.set("await_request", awaitRequest);
        }
        return run;
    }

    /**
     * The run's events, rebuilt from what the task keeps: created; for each question the agent
     * asked, in-progress and awaiting; then, once resumed or running, in-progress, the output
     * message (created, one event per part, completed once settled) and the last state.
     */
    static List<ObjectNode> events(Task task) {
        var events = new ArrayList<ObjectNode>();
        events.add(runEvent(earlier(task, "created", null)));
        if (task.state() == CallState.SUBMITTED) {
            return events;
        }
        List<HistoryMessage> history = task.history();
        int questions = (int) history.stream().filter(HistoryMessage::fromAgent).count();
        int asked = 0;
        for (HistoryMessage message : history) {
            if (!message.fromAgent()) {
                continue;
            }
            asked++;
            events.add(runEvent(earlier(task, "in-progress", null)));
            boolean current = task.state().interrupted() && asked == questions;
            if (current) {
                events.add(runEvent(run(task)));
                return events;
            }
            ObjectNode request = NODES.objectNode().put("type", "message");
            request.set("message", message(task, parts(message.parts(), null), true));
            events.add(runEvent(earlier(task, "awaiting", request)));
        }
        boolean waitingWhenStopped = !history.isEmpty() && history.getLast().fromAgent();
        if (!(task.state() == CallState.CANCELED && waitingWhenStopped)) {
            events.add(runEvent(earlier(task, "in-progress", null)));
            events.addAll(messageEvents(task, outputParts(task), List.of()));
        }
        if (task.state().settled()) {
            events.add(runEvent(run(task)));
        }
        return events;
    }

    /**
     * The output message's events: {@code message.created} (unless already sent), a {@code
     * message.part} for each part not yet sent, and {@code message.completed} once the task is
     * settled.
     *
     * @param sent the parts already streamed (their message was created)
     */
    static List<ObjectNode> messageEvents(
            Task task, List<ObjectNode> parts, List<ObjectNode> sent) {
        var events = new ArrayList<ObjectNode>();
        if (parts.isEmpty() && sent.isEmpty()) {
            return events;
        }
        if (sent.isEmpty()) {
            events.add(event("message.created", "message", message(task, List.of(), false)));
        }
        for (ObjectNode part : parts) {
            events.add(event("message.part", "part", part));
        }
        if (task.state().settled()) {
            ObjectNode whole = outputMessage(task);
            events.add(
                    event(
                            "message.completed",
                            "message",
                            whole != null ? whole : message(task, sent, true)));
        }
        return events;
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
