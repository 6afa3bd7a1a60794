package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.directory.DirectoryEntry;
import io.peerclaw.node.directory.DirectoryFeature;
import io.peerclaw.node.directory.DirectoryPage;
import io.peerclaw.node.directory.DirectoryQuery;
import io.peerclaw.node.directory.DirectorySort;
import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.Admittance;
import io.peerclaw.node.gateway.AgentConnector;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The node itself as an MCP server, at {@code /mcp}: the directory, profiles and reputation as
 * tools, calls to any agent through the gateway (with the caller's identity, the agent's access
 * rules and the caller's limits), the caller's tasks, and the cards of the agents the caller may
 * see as resources ({@code peerclaw://agents/{agent_id}}).
 */
final class GatewayEndpoint implements McpEndpoint {

    /** What the node's own server reads from the rest of the node. */
    record Parts(
            Gateway gateway,
            ToolCalls calls,
            DirectoryFeature directory,
            ReputationEngine reputation,
            AgentReads registry,
            String version) {}

    private final Parts node;
    private final Caller caller;
    private final String clientAddress;
    private final String callerKey;
    private final String base;

    GatewayEndpoint(Parts node, Caller caller, String clientAddress, String base) {
        this.node = node;
        this.caller = caller;
        this.clientAddress = clientAddress;
        this.callerKey = Admission.callerKey(caller, clientAddress);
        this.base = base;
    }

    @Override
    public ObjectNode serverInfo() {
        ObjectNode info = NODES.objectNode();
        info.put("name", "peerclaw-node");
        info.put("title", "PeerClaw node");
        info.put("version", node.version());
        return info;
    }

    @Override
    public String instructions() {
        return "The agents registered on the PeerClaw node "
                + base
                + ". Find them with discover_agents, look at them with get_agent_profile and"
                + " check_reputation, call them with invoke_agent. Each agent is also an MCP"
                + " server of its own at "
                + base
                + "/mcp/{agent_id}. A call that takes longer than the node waits is answered with"
                + " state \"working\" and a taskId; get_task reads it later.";
    }

    // ---------------------------------------------------------------- tools

    @Override
    public ObjectNode listTools(Optional<String> cursor) {
        if (McpEndpoint.offset(cursor) > 0) {
            throw McpError.invalidParams("Invalid cursor: " + cursor.get());
        }
        ObjectNode page = NODES.objectNode();
        page.set("tools", GatewayTools.all());
        return page;
    }

    @Override
    public ObjectNode callTool(String name, ObjectNode arguments, ToolCalls.Exchange exchange) {
        JsonNode schema =
                GatewayTools.schemaOf(name)
                        .orElseThrow(() -> McpError.invalidParams("Unknown tool: " + name));
        try {
            ToolArguments.check(name, schema, arguments);
            return switch (name) {
                case GatewayTools.DISCOVER -> discover(arguments);
                case GatewayTools.PROFILE -> profile(agentId(name, arguments));
                case GatewayTools.REPUTATION -> reputation(agentId(name, arguments));
                case GatewayTools.INVOKE -> invoke(arguments, exchange);
                case GatewayTools.GET_TASK -> task(arguments.get("task_id").asText());
                default -> throw McpError.invalidParams("Unknown tool: " + name);
            };
        } catch (ToolArguments.Invalid e) {
            return ToolResults.error(e.getMessage());
        }
    }

    private ObjectNode discover(JsonNode arguments) {
        int limit = arguments.has("limit") ? arguments.get("limit").asInt() : 10;
        if (limit < 1 || limit > 100) {
            throw new ToolArguments.Invalid(
                    GatewayTools.DISCOVER, List.of("limit must be 1 to 100"));
        }
        var query =
                DirectoryQuery.all(
                                DirectorySort.REPUTATION,
                                limit,
                                text(arguments, "page_token").orElse(""))
                        .withSearch(text(arguments, "query"))
                        .withCapability(text(arguments, "capability"))
                        .withProtocol(text(arguments, "protocol"));
        DirectoryPage page;
        try {
            page = node.directory().listing(query);
        } catch (ApiException e) {
            return ToolResults.error(
                    "Invalid arguments for tool discover_agents: " + e.getMessage());
        }
        var lines = new StringBuilder();
        for (DirectoryEntry agent : page.agents()) {
            lines.append("- ")
                    .append(Objects.requireNonNullElse(agent.name(), ""))
                    .append(" (")
                    .append(agent.id())
                    .append("): ")
                    .append(Objects.requireNonNullElse(agent.description(), ""))
                    .append(" Protocols: ")
                    .append(join(agent.protocols()))
                    .append("; reputation ")
                    .append(String.format(Locale.ROOT, "%.2f", agent.reputationScore()))
                    .append(agent.verified() ? "; verified" : "")
                    .append(agent.trusted() ? "; trusted" : "")
                    .append(". MCP server: ")
                    .append(base)
                    .append("/mcp/")
                    .append(agent.id())
                    .append('\n');
        }
        String text =
                lines.isEmpty()
                        ? "No agent matches."
                        : lines
                                + (page.nextPageToken().isEmpty()
                                        ? ""
                                        : "More: call again with page_token "
                                                + page.nextPageToken());
        return ToolResults.answer(text.strip(), Json.toTree(page));
    }

    private ObjectNode profile(AgentId id) {
        return node.directory()
                .profile(id)
                .map(found -> Json.treeWith(found.agent(), found.members()))
                .map(profile -> ToolResults.answer(Json.text(profile), profile))
                .orElseGet(() -> ToolResults.error("No public agent with id " + id.value()));
    }

    private ObjectNode reputation(AgentId id) {
        if (node.gateway().admit(caller, clientAddress, id.value(), Gateway.Access.VIEW)
                instanceof Refused refused) {
            return ToolResults.error(refusal(id, refused));
        }
        var managed = node.registry().managedAgent(id);
        if (managed.isEmpty()) {
            return ToolResults.error("No agent with id " + id.value());
        }
        boolean verified = managed.get().stewardship().verified();
        var explanation = node.reputation().explain(id);
        double score =
                explanation
                        .map(ReputationEngine.Explanation::score)
                        .orElse(managed.get().stewardship().reputationScore());
        boolean trusted = node.reputation().trusted(verified, score);
        ObjectNode out = NODES.objectNode();
        out.put("agent_id", id.value());
        out.put("score", score);
        out.put("verified", verified);
        out.put("trusted", trusted);
        out.put("trusted_threshold", node.reputation().trustedThreshold());
        out.put("events", explanation.map(ReputationEngine.Explanation::events).orElse(0L));
        ArrayNode recent = out.putArray("recent");
        explanation.ifPresent(
                e -> {
                    out.put("window_days", e.windowDays());
                    for (var c : e.recent()) {
                        recent.addObject()
                                .put("event_type", c.eventType())
                                .put("count", c.count())
                                .put("change", c.change());
                    }
                });
        String text =
                String.format(
                        Locale.ROOT,
                        "Agent %s: reputation %.2f from %d events; %s; %s.",
                        id.value(),
                        score,
                        out.path("events").asLong(),
                        verified ? "endpoint verified" : "endpoint not verified",
                        trusted
                                ? "trusted"
                                : String.format(
                                        Locale.ROOT,
                                        "not trusted (that needs a verified endpoint and %.2f)",
                                        node.reputation().trustedThreshold()));
        return ToolResults.answer(text, out);
    }

    private ObjectNode invoke(JsonNode arguments, ToolCalls.Exchange exchange) {
        AgentId id = agentId(GatewayTools.INVOKE, arguments);
        Optional<String> message = text(arguments, "message");
        JsonNode given = arguments.get("arguments");
        if (message.isEmpty() && (given == null || given.isNull())) {
            throw new ToolArguments.Invalid(
                    GatewayTools.INVOKE, List.of("message or arguments is required"));
        }
        Optional<UUID> contextId = uuid(arguments, "contextId");
        Optional<UUID> taskId = uuid(arguments, "taskId");
        Admission admission;
        switch (node.gateway().admit(caller, clientAddress, id.value(), Gateway.Access.CALL)) {
            case Admittance.Admitted(Admission admitted) -> admission = admitted;
            case Refused refused -> {
                return ToolResults.error(refusal(id, refused));
            }
        }
        Optional<String> tool = text(arguments, "tool");
        boolean nativeMcp = admission.target().protocol().equals("mcp");
        if (tool.isPresent()
                && node.gateway().skills(admission)
                        instanceof AgentConnector.Skills.Listed(List<Skill> skills)) {
            Optional<Skill> found =
                    skills.stream().filter(s -> s.name().equals(tool.get())).findFirst();
            if (found.isEmpty()) {
                return ToolResults.error(
                        "Agent "
                                + id.value()
                                + " has no tool "
                                + tool.get()
                                + "; it has: "
                                + String.join(", ", skills.stream().map(Skill::name).toList()));
            }
            if (nativeMcp && given != null && given.isObject()) {
                ToolArguments.check(tool.get(), found.get().inputSchema(), given);
            }
        }
        var parts = new ArrayList<Part>();
        message.ifPresent(m -> parts.add(new Part.Text(m)));
        if (given != null && given.isObject()) {
            parts.add(new Part.Data(given));
        }
        var request =
                new CallRequest(
                        UUID.randomUUID(),
                        contextId.orElseGet(UUID::randomUUID),
                        null,
                        tool.orElse(null),
                        parts,
                        null);
        String name =
                admission.target().name() == null
                        ? "agent " + id.value()
                        : admission.target().name();
        var shape = new ToolResults.Shape(nativeMcp, false, name, getTaskHint());
        return AgentEndpoint.call(node.calls(), admission, request, taskId, exchange, shape);
    }

    private ObjectNode task(String text) {
        UUID id =
                McpSessions.parse(text)
                        .orElseThrow(
                                () ->
                                        new ToolArguments.Invalid(
                                                GatewayTools.GET_TASK,
                                                List.of("task_id must be a UUID string")));
        Optional<Task> found =
                node.gateway()
                        .running(id, callerKey)
                        .map(running -> running.await(node.gateway().settings().callTimeout()))
                        .or(() -> node.gateway().task(id, callerKey));
        if (found.isEmpty()) {
            return ToolResults.error("No task " + id + " of yours");
        }
        Task task = found.get();
        var agent = node.registry().managedAgent(task.agentId());
        boolean nativeMcp =
                agent.map(m -> firstProtocol(m.card())).filter("mcp"::equals).isPresent();
        String name = agent.map(m -> m.card().name()).orElse("agent " + task.agentId().value());
        return ToolResults.result(
                task, new ToolResults.Shape(nativeMcp, false, name, getTaskHint()));
    }

    private String getTaskHint() {
        return "ask for the answer later with the get_task tool of " + base + "/mcp.";
    }

    /** The protocol the gateway calls the agent in: the first it declares that is bridged. */
    private static String firstProtocol(AgentCard card) {
        return Optional.ofNullable(card.protocols()).orElse(List.of()).stream()
                .map(p -> p.toLowerCase(Locale.ROOT))
                .filter(p -> p.equals("a2a") || p.equals("mcp") || p.equals("acp"))
                .findFirst()
                .orElse("a2a");
    }

    /** The gateway's refusal as this endpoint's tool error. */
    private static String refusal(AgentId id, Refused refused) {
        return refused instanceof Refused.UnknownAgent
                ? "No agent with id " + id.value()
                : "Not allowed: " + refused.message();
    }

    // ---------------------------------------------------------------- resources

    @Override
    public ObjectNode listResources(Optional<String> cursor) {
        return cards().list(cursor);
    }

    @Override
    public ObjectNode listResourceTemplates() {
        return CardResources.templates();
    }

    @Override
    public ObjectNode readResource(String uri) {
        return cards().read(uri);
    }

    private CardResources cards() {
        return new CardResources(node.gateway(), node.directory(), caller, clientAddress);
    }

    // ---------------------------------------------------------------- arguments

    private static Optional<String> text(JsonNode arguments, String field) {
        JsonNode value = arguments.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    private static AgentId agentId(String tool, JsonNode arguments) {
        String text = arguments.path("agent_id").asText("");
        return AgentId.parse(text)
                .orElseThrow(
                        () ->
                                new ToolArguments.Invalid(
                                        tool, List.of("agent_id is not an agent id: " + text)));
    }

    private static Optional<UUID> uuid(JsonNode arguments, String field) {
        Optional<String> text = text(arguments, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                McpSessions.parse(text.get())
                        .orElseThrow(
                                () ->
                                        new ToolArguments.Invalid(
                                                GatewayTools.INVOKE,
                                                List.of(field + " must be a UUID string"))));
    }

    private static String join(List<String> protocols) {
        return protocols.isEmpty() ? "none listed" : String.join(", ", protocols);
    }
}
