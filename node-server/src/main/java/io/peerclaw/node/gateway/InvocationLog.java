package io.peerclaw.node.gateway;

import io.peerclaw.node.storage.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The read side of the invocation log, for the routes and consoles that show calls: a caller's own
 * list, an owner's analytics, the admin's log and figures. Built from storage alone, so that the
 * provider and admin features can read it without depending on the rest of the gateway.
 */
public final class InvocationLog {
    private final InvocationStore store;

    private InvocationLog(InvocationStore store) {
        this.store = store;
    }

    public static InvocationLog create(Database database) {
        return new InvocationLog(new InvocationStore(database));
    }

    /** Totals and durations since a time, for one agent or all. */
    public record Stats(
            long totalCalls,
            long successCalls,
            long errorCalls,
            double avgDurationMs,
            long p95DurationMs) {}

    /** One time bucket. */
    public record Point(
            Instant timestamp,
            long totalCalls,
            long successCalls,
            long errorCalls,
            double avgDurationMs) {}

    /** An agent among the most called. */
    public record TopAgent(
            String agentId,
            String agentName,
            long totalCalls,
            long successCalls,
            double avgDurationMs) {}

    /** A page of invocations and how many there are in all. */
    public record Page(List<Invocation> invocations, long total) {}

    public Stats stats(Optional<String> agentId, Instant since) {
        var s = store.stats(agentId.orElse(null), since);
        return new Stats(s.total(), s.success(), s.errors(), s.avgDurationMs(), s.p95DurationMs());
    }

    /**
     * Calls per bucket of {@code bucketMinutes} starting at {@code since}; buckets without calls
     * are absent.
     */
    public List<Point> series(Optional<String> agentId, Instant since, int bucketMinutes) {
        long seconds = bucketMinutes * 60L;
        return store.series(agentId.orElse(null), since, seconds).stream()
                .map(
                        b ->
                                new Point(
                                        since.plusSeconds(b.index() * seconds),
                                        b.total(),
                                        b.success(),
                                        b.errors(),
                                        b.avgDurationMs()))
                .toList();
    }

    public List<TopAgent> top(Instant since, int limit) {
        return store.top(since, limit).stream()
                .map(
                        r ->
                                new TopAgent(
                                        (String) r[0],
                                        (String) r[1],
                                        (long) r[2],
                                        (long) r[3],
                                        (double) r[4]))
                .toList();
    }

    public long countSince(Instant since) {
        return store.countSince(since);
    }

    /** Calls to the agents a user owns. */
    public long callsToAgentsOf(String userId) {
        return store.countToOwner(userId);
    }

    /** The node's log, newest first, for admins. */
    public Page all(Optional<String> agentId, int limit, int offset) {
        return new Page(store.recent(agentId, limit, offset), store.countAll(agentId));
    }

    /** What a user sees: their calls and the calls to their agents. */
    public Page ofUser(String userId, Optional<String> agentId, int limit, int offset) {
        var viewer = new InvocationStore.Viewer(userId, null);
        return new Page(
                store.visible(viewer, agentId, limit, offset), store.countVisible(viewer, agentId));
    }

    /** What an agent sees: its calls and the calls to it. */
    public Page ofAgent(String agentId, Optional<String> toAgent, int limit, int offset) {
        var viewer = new InvocationStore.Viewer(null, agentId);
        return new Page(
                store.visible(viewer, toAgent, limit, offset), store.countVisible(viewer, toAgent));
    }

    /** Whether the user owns the agent (so sees the calls made to it). */
    public boolean ownedBy(String agentId, String userId) {
        return store.ownedBy(agentId, userId);
    }

    public Optional<Invocation> find(UUID id) {
        return store.invocation(id);
    }
}
