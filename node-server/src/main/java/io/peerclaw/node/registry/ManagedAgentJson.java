package io.peerclaw.node.registry;

import io.peerclaw.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link ManagedAgent} for the HTTP services that answer with it (the provider console,
 * the admin console): the card's JSON with the node's facts about the agent added to it.
 */
public final class ManagedAgentJson {
    private ManagedAgentJson() {}

    /** The agent as a response body of its own. */
    public static byte[] bytes(ManagedAgent agent) {
        return Json.bytesWith(agent.card(), facts(agent));
    }

    /** The agent as a member of a larger response body. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> tree(ManagedAgent agent) {
        Map<String, Object> tree = Json.convert(agent.card(), LinkedHashMap.class);
        tree.putAll(facts(agent));
        return tree;
    }

    private static Map<String, Object> facts(ManagedAgent agent) {
        var stewardship = agent.stewardship();
        var facts = new LinkedHashMap<String, Object>();
        facts.put("registration", agent.pending() ? "pending" : "registered");
        if (stewardship.ownerUserId() != null) {
            // Only owners and admins see this view: the console's Owner column reads it.
            facts.put("owner_user_id", stewardship.ownerUserId());
        }
        facts.put("playground_enabled", stewardship.playgroundEnabled());
        facts.put("public_endpoint", stewardship.publicEndpoint());
        facts.put("verified", stewardship.verified());
        facts.put("reputation_score", stewardship.reputationScore());
        facts.put("suspended", stewardship.suspended());
        if (stewardship.suspended()) {
            facts.put("suspended_at", stewardship.suspendedAt());
            facts.put("suspended_reason", stewardship.suspendedReason());
        }
        return facts;
    }
}
