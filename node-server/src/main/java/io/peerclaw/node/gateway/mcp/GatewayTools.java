package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.peerclaw.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The tools of the node's own MCP server at {@code /mcp}, as {@code tools/list} shows them. */
final class GatewayTools {
    static final String DISCOVER = "discover_agents";
    static final String PROFILE = "get_agent_profile";
    static final String REPUTATION = "check_reputation";
    static final String INVOKE = "invoke_agent";
    static final String GET_TASK = "get_task";

    private static final ArrayNode TOOLS =
            (ArrayNode)
                    Json.tree(
                            """
                            [
                              {"name": "discover_agents", "title": "Discover agents",
                               "description": "Search the directory of agents registered on this node, best reputation first. Each agent can be called with invoke_agent, or used as an MCP server of its own.",
                               "inputSchema": {"type": "object", "additionalProperties": false, "properties": {
                                 "query": {"type": "string", "description": "Words the agent's name, description or skills contain"},
                                 "capability": {"type": "string", "description": "A capability the agent declares"},
                                 "protocol": {"type": "string", "enum": ["a2a", "mcp", "acp"], "description": "The protocol the agent speaks"},
                                 "limit": {"type": "integer", "minimum": 1, "maximum": 100, "description": "How many agents (default 10)"},
                                 "page_token": {"type": "string", "description": "next_page_token of an earlier answer"}}},
                               "annotations": {"readOnlyHint": true, "openWorldHint": false}},
                              {"name": "get_agent_profile", "title": "Agent profile",
                               "description": "The public profile of an agent: what it does, its skills, protocols, reputation, reviews and health.",
                               "inputSchema": {"type": "object", "additionalProperties": false, "required": ["agent_id"], "properties": {
                                 "agent_id": {"type": "string", "description": "The agent's id"}}},
                               "annotations": {"readOnlyHint": true, "openWorldHint": false}},
                              {"name": "check_reputation", "title": "Check reputation",
                               "description": "An agent's reputation: its score, whether its endpoint is verified, whether it is trusted, and what moved the score lately.",
                               "inputSchema": {"type": "object", "additionalProperties": false, "required": ["agent_id"], "properties": {
                                 "agent_id": {"type": "string", "description": "The agent's id"}}},
                               "annotations": {"readOnlyHint": true, "openWorldHint": false}},
                              {"name": "invoke_agent", "title": "Invoke an agent",
                               "description": "Sends a message to an agent (A2A, MCP or ACP) as you, under the agent's access rules and your call limits. An MCP agent's tool takes its arguments; a message fills a tool's one text field. An answer still being worked on comes back with state working and a taskId for get_task; one with state input-required is answered by calling again with its taskId.",
                               "inputSchema": {"type": "object", "additionalProperties": false, "required": ["agent_id"], "properties": {
                                 "agent_id": {"type": "string", "description": "The agent's id"},
                                 "message": {"type": "string", "description": "What to ask the agent"},
                                 "tool": {"type": "string", "description": "The tool or skill to use (see the agent's profile); the agent chooses when absent"},
                                 "arguments": {"type": "object", "description": "The tool's arguments, for MCP agents' tools"},
                                 "contextId": {"type": "string", "description": "Continue a conversation: the contextId of an earlier answer"},
                                 "taskId": {"type": "string", "description": "Answer the agent's question: the taskId of an answer whose state was input-required"}}},
                               "annotations": {"readOnlyHint": false, "openWorldHint": true}},
                              {"name": "get_task", "title": "Get a task",
                               "description": "A task of yours (a call to an agent through any of this node's protocols): its answer when done, else its state. Waits a while for a running task to finish.",
                               "inputSchema": {"type": "object", "additionalProperties": false, "required": ["task_id"], "properties": {
                                 "task_id": {"type": "string", "description": "The taskId of an earlier answer"}}},
                               "annotations": {"readOnlyHint": true, "openWorldHint": false}}
                            ]
                            """
                                    .getBytes(StandardCharsets.UTF_8));

    private GatewayTools() {}

    /** A fresh copy of every tool. */
    static ArrayNode all() {
        return TOOLS.deepCopy();
    }

    static Optional<JsonNode> schemaOf(String name) {
        return StreamSupport.stream(TOOLS.spliterator(), false)
                .filter(tool -> tool.path("name").asText().equals(name))
                .findFirst()
                .map(tool -> tool.get("inputSchema"));
    }
}
