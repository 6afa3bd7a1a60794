package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.AgentConnector;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.gateway.Task;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A registered agent as an MCP server, at {@code /mcp/{agent_id}}, whatever protocol it speaks. An
 * MCP agent's tools are its own, proxied with their schemas; an A2A or ACP agent has one tool per
 * skill, taking a message. Resources and prompts are not bridged: their lists are empty.
 */
final class AgentEndpoint implements McpEndpoint {
    static final int PAGE = 100;

    private final Gateway gateway;
    private final ToolCalls calls;
    private final Admission admission;
    private final String getTaskHint;

    /**
     * @param base the node's base URL, for the hint on reading a task that outlasts the wait
     */
    AgentEndpoint(Gateway gateway, ToolCalls calls, Admission admission, String base) {
        this.gateway = gateway;
        this.calls = calls;
        this.admission = admission;
        this.getTaskHint = "ask for the answer later with the get_task tool of " + base + "/mcp.";
    }

    private boolean nativeMcp() {
        return admission.target().protocol().equals("mcp");
    }

    private String agentName() {
        String name = admission.target().name();
        return name == null || name.isBlank() ? "agent " + admission.target().id() : name;
    }

    @Override
    public ObjectNode serverInfo() {
        var card = admission.target().card();
        ObjectNode info = NODES.objectNode();
        info.put("name", agentName());
        info.put("title", agentName());
        info.put(
                "version",
                card.version() == null || card.version().isBlank() ? "0" : card.version());
        return info;
    }

    @Override
    public String instructions() {
        var card = admission.target().card();
        String about = card.description() == null ? "" : card.description().strip() + "\n\n";
        return about
                + "This is agent "
                + admission.target().id()
                + " ("
                + admission.target().protocol()
                + ") through a PeerClaw node. A call that takes longer than the node waits is"
                + " answered with state \"working\" and its taskId, and goes on; "
                + getTaskHint;
    }

    @Override
    public ObjectNode listTools(Optional<String> cursor) {
        int from = McpEndpoint.offset(cursor);
        List<Skill> skills = skills();
        ObjectNode page = NODES.objectNode();
        ArrayNode tools = page.putArray("tools");
        int to = Math.min(skills.size(), from + PAGE);
        for (int i = from; i < to; i++) {
            tools.add(ToolResults.tool(skills.get(i), !nativeMcp()));
        }
        if (to < skills.size()) {
            page.put("nextCursor", McpEndpoint.offsetCursor(to));
        }
        return page;
    }

    private List<Skill> skills() {
        return switch (gateway.skills(admission)) {
            case AgentConnector.Skills.Listed(List<Skill> skills) -> skills;
            case AgentConnector.Skills.Unavailable(var error) ->
                    throw new McpError(
                            McpError.INTERNAL_ERROR,
                            "The tools of "
                                    + agentName()
                                    + " cannot be listed: "
                                    + error.message());
        };
    }

    @Override
    public ObjectNode callTool(String name, ObjectNode arguments, ToolCalls.Exchange exchange) {
        Skill tool = null;
        if (gateway.skills(admission) instanceof AgentConnector.Skills.Listed(List<Skill> skills)) {
            tool =
                    skills.stream()
                            .filter(s -> s.name().equals(name))
                            .findFirst()
                            .orElseThrow(() -> McpError.invalidParams("Unknown tool: " + name));
        }
        // Skills that cannot be listed now: the call itself says what is wrong.
        List<Part> parts;
        UUID contextId = UUID.randomUUID();
        Optional<UUID> continues = Optional.empty();
        try {
            if (nativeMcp()) {
                if (tool != null) {
                    ToolArguments.check(name, tool.inputSchema(), arguments);
                }
                parts = List.of(new Part.Data(arguments));
            } else {
                var message = ToolArguments.message(name, arguments);
                parts = List.of(new Part.Text(message.text()));
                contextId = message.contextId().orElse(contextId);
                continues = message.taskId();
            }
        } catch (ToolArguments.Invalid e) {
            return ToolResults.error(e.getMessage());
        }
        var request = new CallRequest(UUID.randomUUID(), contextId, null, name, parts, null);
        var shape =
                new ToolResults.Shape(
                        nativeMcp(),
                        tool != null && tool.outputSchema() != null,
                        agentName(),
                        getTaskHint);
        return call(calls, admission, request, continues, exchange, shape);
    }

    /**
     * Runs the call; a continued task that is not the caller's, or not waiting, is a tool error.
     * Limits propagate as a {@link Refusal} (an HTTP answer).
     */
    static ObjectNode call(
            ToolCalls calls,
            Admission admission,
            CallRequest request,
            Optional<UUID> continues,
            ToolCalls.Exchange exchange,
            ToolResults.Shape shape) {
        return switch (calls.call(admission, request, continues, exchange)) {
            case ToolCalls.Outcome.Answered(Task task) -> ToolResults.result(task, shape);
            case ToolCalls.Outcome.NotContinued(Refused.NotAwaitingInput refused) ->
                    ToolResults.error(
                            "Cannot continue task " + continues.get() + ": " + refused.message());
            case ToolCalls.Outcome.NotContinued _ ->
                    ToolResults.error(
                            "No task "
                                    + continues.get()
                                    + " of yours waits for an answer from this agent");
        };
    }

    @Override
    public ObjectNode listResources(Optional<String> cursor) {
        McpEndpoint.offset(cursor);
        ObjectNode page = NODES.objectNode();
        page.putArray("resources");
        return page;
    }

    @Override
    public ObjectNode listResourceTemplates() {
        ObjectNode page = NODES.objectNode();
        page.putArray("resourceTemplates");
        return page;
    }

    @Override
    public ObjectNode readResource(String uri) {
        throw new McpError(
                McpError.RESOURCE_NOT_FOUND,
                "Resource not found",
                NODES.objectNode().put("uri", uri));
    }
}
