package io.peerclaw.node.registry;

import io.peerclaw.shared.model.AgentCard;
import java.util.List;

/**
 * An agent as its owner or an admin sees it: the full card and what the node keeps. The HTTP layer
 * writes it with {@link ManagedAgentJson}.
 *
 * @param pending a card a provider posted that waits for its key holder
 */
public record ManagedAgent(AgentCard card, Stewardship stewardship, boolean pending) {

    static ManagedAgent of(StoredAgent agent) {
        return new ManagedAgent(agent.card(), agent.stewardship(), false);
    }

    static ManagedAgent of(PendingStore.PendingRow row) {
        AgentCard card =
                row.content()
                        .withServerFields(
                                row.id(),
                                "pending",
                                row.content().visibility(),
                                row.createdAt(),
                                null);
        return new ManagedAgent(card, Stewardship.NEW.withOwner(row.ownerUserId()), true);
    }

    /** One page of agents and the token of the next ({@code ""} after the last). */
    public record Page(List<ManagedAgent> agents, String nextPageToken) {}
}
