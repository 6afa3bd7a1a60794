package io.peerclaw.node.registry;

import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.protocol.api.Admin;

/**
 * Puts a {@link ManagedAgent} on the wire for the HTTP services that answer with it (the provider
 * console, the admin console) as the shared {@link Admin.ManagedAgent}, the record the desktop
 * console reads back: the card's members with the node's facts about the agent beside them.
 */
public final class ManagedAgentJson {
    private ManagedAgentJson() {}

    /** The agent as the shared record, to send alone or as a member of a larger body. */
    public static Admin.ManagedAgent view(ManagedAgent agent) {
        var stewardship = agent.stewardship();
        boolean suspended = stewardship.suspended();
        return new Admin.ManagedAgent(
                agent.card(),
                new Admin.AgentFacts(
                        agent.pending() ? "pending" : "registered",
                        // Only owners and admins see this view: the console's Owner column reads
                        // it.
                        stewardship.ownerUserId(),
                        stewardship.playgroundEnabled(),
                        stewardship.publicEndpoint(),
                        stewardship.verified(),
                        stewardship.reputationScore(),
                        suspended,
                        suspended ? stewardship.suspendedAt() : null,
                        suspended ? stewardship.suspendedReason() : null,
                        null));
    }

    /** The agent as a response body of its own. */
    public static byte[] bytes(ManagedAgent agent) {
        return Json.bytes(view(agent));
    }
}
