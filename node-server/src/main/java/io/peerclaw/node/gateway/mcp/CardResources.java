package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.directory.DirectoryEntry;
import io.peerclaw.node.directory.DirectoryFeature;
import io.peerclaw.node.directory.DirectoryPage;
import io.peerclaw.node.directory.DirectoryQuery;
import io.peerclaw.node.directory.DirectorySort;
import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.Admittance;
import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.CallableAgents;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * Agent cards as the resources of the node's own MCP server: {@code peerclaw://agents/{agent_id}},
 * their public view as JSON, listed and read only as far as the caller may see them.
 */
final class CardResources {
    static final String CARD_SCHEME = "peerclaw://agents/";
    private static final int RESOURCE_PAGE = 50;

    private final Gateway gateway;
    private final DirectoryFeature directory;
    private final Caller caller;
    private final String clientAddress;

    CardResources(
            Gateway gateway, DirectoryFeature directory, Caller caller, String clientAddress) {
        this.gateway = gateway;
        this.directory = directory;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    /**
     * The cards of the agents the caller may see: for signed-in callers and agents, those they may
     * call (their own first, private ones included); for anonymous callers and keys without the
     * {@code invoke} scope, the public directory.
     */
    ObjectNode list(Optional<String> cursor) {
        ObjectNode out = McpMessages.NODES.objectNode();
        ArrayNode resources = out.putArray("resources");
        // Callers who may call nothing (a user's key without the invoke scope) see the directory.
        boolean callsNothing = caller instanceof Caller.User user && !user.may(KeyScope.INVOKE);
        if (caller instanceof Caller.Anonymous || callsNothing) {
            publicCards(cursor, resources, out);
            return out;
        }
        int offset = McpEndpoint.offset(cursor);
        List<AgentTarget> page =
                switch (gateway.callable(caller, offset, RESOURCE_PAGE + 1)) {
                    case CallableAgents.Page(List<AgentTarget> agents) -> agents;
                    case Refused.Forbidden _ -> List.of();
                };
        for (AgentTarget target : page.subList(0, Math.min(page.size(), RESOURCE_PAGE))) {
            card(resources, target.id().value(), target.name(), target.card().description());
        }
        if (page.size() > RESOURCE_PAGE) {
            out.put("nextCursor", McpEndpoint.offsetCursor(offset + RESOURCE_PAGE));
        }
        return out;
    }

    private void publicCards(Optional<String> cursor, ArrayNode resources, ObjectNode out) {
        DirectoryPage page;
        try {
            page =
                    directory.listing(
                            DirectoryQuery.all(
                                    DirectorySort.NAME, RESOURCE_PAGE, cursor.orElse("")));
        } catch (ApiException e) {
            throw McpError.invalidParams("Invalid cursor: " + cursor.orElse(""));
        }
        for (DirectoryEntry agent : page.agents()) {
            card(resources, agent.id(), agent.name(), agent.description());
        }
        if (!page.nextPageToken().isEmpty()) {
            out.put("nextCursor", page.nextPageToken());
        }
    }

    private static void card(ArrayNode resources, String id, String name, String description) {
        ObjectNode resource = resources.addObject();
        resource.put("uri", CARD_SCHEME + id);
        resource.put("name", name == null || name.isBlank() ? id : name);
        resource.put("title", "Agent card of " + (name == null || name.isBlank() ? id : name));
        if (description != null && !description.isBlank()) {
            resource.put("description", description);
        }
        resource.put("mimeType", "application/json");
    }

    static ObjectNode templates() {
        ObjectNode out = McpMessages.NODES.objectNode();
        out.putArray("resourceTemplates")
                .addObject()
                .put("uriTemplate", CARD_SCHEME + "{agent_id}")
                .put("name", "agent-card")
                .put("title", "Agent card")
                .put("description", "The card of an agent registered on this node")
                .put("mimeType", "application/json");
        return out;
    }

    ObjectNode read(String uri) {
        Optional<AgentId> id =
                uri.startsWith(CARD_SCHEME)
                        ? AgentId.parse(uri.substring(CARD_SCHEME.length()))
                        : Optional.empty();
        AgentCard card =
                switch (gateway.admit(
                        caller,
                        clientAddress,
                        id.orElseThrow(() -> notFound(uri)).value(),
                        Gateway.Access.VIEW)) {
                    case Admittance.Admitted(Admission admission) -> admission.target().card();
                    case Refused _ -> throw notFound(uri);
                };
        ObjectNode out = McpMessages.NODES.objectNode();
        out.putArray("contents")
                .addObject()
                .put("uri", uri)
                .put("mimeType", "application/json")
                .put("text", Json.text(card.publicView()));
        return out;
    }

    private static McpError notFound(String uri) {
        return new McpError(
                McpError.RESOURCE_NOT_FOUND,
                "Resource not found",
                McpMessages.NODES.objectNode().put("uri", uri));
    }
}
