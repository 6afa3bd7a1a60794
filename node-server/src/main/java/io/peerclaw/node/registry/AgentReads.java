package io.peerclaw.node.registry;

import io.peerclaw.shared.model.AgentId;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Reads of registered agents, always with their freshest heartbeat: one agent, the public listing
 * and discovery, and the page of agents a caller may call. Pending cards are not agents yet and
 * never show here.
 */
public final class AgentReads {
    private final AgentReadStore store;
    private final Heartbeats heartbeats;
    private final InstantSource clock;

    AgentReads(AgentReadStore store, Heartbeats heartbeats, InstantSource clock) {
        this.store = store;
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    /**
     * The agents a listing of callable agents covers; which caller gets which reach is the
     * gateway's rule.
     *
     * @param firstOwner an account whose agents (any visibility) are listed first, or null
     * @param self an agent listed first whatever its visibility (the calling agent), or null
     * @param grantee a user whose approved, unexpired access grants open private agents, or null
     * @param playgroundOnly public agents count only when their owner opened the playground
     */
    public record Reach(String firstOwner, String self, String grantee, boolean playgroundOnly) {}

    /** One page of stored agents and the token of the next ({@code ""} after the last). */
    record Page(List<StoredAgent> agents, String nextPageToken) {}

    /** Any agent, whatever its visibility or suspension: callers apply their own rules. */
    public Optional<ManagedAgent> managedAgent(AgentId id) {
        return findStored(id).map(ManagedAgent::of);
    }

    /** The stored agent with its freshest heartbeat time. */
    Optional<StoredAgent> findStored(AgentId id) {
        return store.find(id.value()).map(heartbeats::latest);
    }

    /** A page of public agents, newest registration first. */
    Page page(AgentQuery query) {
        var fetched =
                store.page(
                        new AgentQuery(
                                query.capabilities(),
                                query.protocol(),
                                query.status(),
                                query.upOnly(),
                                query.after(),
                                query.limit() + 1));
        var cut = PageTokens.cut(fetched, query.limit());
        return new Page(cut.rows().stream().map(heartbeats::latest).toList(), cut.next());
    }

    /**
     * One page of the agents within reach, never suspended: the first section ({@code firstOwner}
     * and {@code self}) by name, then the rest by name; {@code offset} counts across both.
     */
    public List<ManagedAgent> callablePage(Reach reach, int offset, int limit) {
        return store
                .callable(reach, clock.instant().truncatedTo(ChronoUnit.MILLIS), offset, limit)
                .stream()
                .map(heartbeats::latest)
                .map(ManagedAgent::of)
                .toList();
    }
}
