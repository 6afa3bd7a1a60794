package io.peerclaw.node.gateway.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The MCP sessions of this node: opened by {@code initialize}, checked on every later request,
 * ended by {@code DELETE} or after {@code gateway.session_ttl} without use.
 *
 * <p>The table is the truth, so sessions survive a restart and every node sharing the database
 * knows them. A short cache in front of it spares a read per request; a session ended on another
 * node is therefore still accepted here for at most {@link #CACHE_TTL}. The last use is written
 * only when the stored one is a touch interval old (a tenth of the time to live, at most a minute),
 * so a session may expire up to that much earlier than its time to live after its true last use.
 */
final class McpSessions {
    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);
    private static final System.Logger LOG = System.getLogger(McpSessions.class.getName());

    private final McpSessionStore store;
    private final java.util.concurrent.Executor background;
    private final InstantSource clock;
    private final Duration ttl;
    private final Duration touchInterval;
    private final Cache<UUID, McpSession> cache;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.MIN);

    McpSessions(
            McpSessionStore store,
            InstantSource clock,
            Duration ttl,
            java.util.concurrent.Executor background) {
        this.store = store;
        this.background = background;
        this.clock = clock;
        this.ttl = ttl;
        Duration tenth = ttl.dividedBy(10);
        this.touchInterval =
                tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
        this.cache = Caffeine.newBuilder().expireAfterWrite(CACHE_TTL).maximumSize(100_000).build();
    }

    /** Opens a session for this caller on this endpoint. */
    McpSession open(String agentId, String callerKey, String protocolVersion) {
        Instant now = now();
        var session =
                new McpSession(UUID.randomUUID(), agentId, callerKey, protocolVersion, now, now);
        store.insert(session);
        cache.put(session.id(), session);
        sweepNowAndThen(now);
        return session;
    }

    /**
     * The session, when it exists, has not expired, and was opened on this endpoint by this caller;
     * empty otherwise (the three look the same to the caller: the session is not theirs to use).
     * Counts as a use.
     */
    Optional<McpSession> use(String sessionId, String agentId, String callerKey) {
        Optional<UUID> id = parse(sessionId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        McpSession session = cache.getIfPresent(id.get());
        if (session == null) {
            session = store.find(id.get()).orElse(null);
            if (session == null) {
                return Optional.empty();
            }
        }
        Instant now = now();
        if (session.lastUsedAt().plus(ttl).isBefore(now)) {
            end(session.id());
            return Optional.empty();
        }
        if (!session.belongsTo(agentId, callerKey)) {
            return Optional.empty();
        }
        if (!session.lastUsedAt().plus(touchInterval).isAfter(now)) {
            store.touch(session.id(), now);
            session = session.usedAt(now);
        }
        cache.put(session.id(), session);
        return Optional.of(session);
    }

    /** Ends a session; false when there was none. */
    boolean end(UUID id) {
        cache.invalidate(id);
        return store.delete(id);
    }

    /** Removes every expired session now; returns how many. */
    int removeExpired() {
        Instant now = now();
        lastSweep.set(now);
        return store.deleteIdleSince(now.minus(ttl));
    }

    /** Expired sessions are removed every ten minutes at most, off the request that opens one. */
    private void sweepNowAndThen(Instant now) {
        Instant last = lastSweep.get();
        if (last.plus(SWEEP_INTERVAL).isAfter(now) || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        background.execute(
                () -> {
                    try {
                        removeExpired();
                    } catch (RuntimeException e) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "could not remove expired MCP sessions: " + e.getMessage());
                    }
                });
    }

    static Optional<UUID> parse(String sessionId) {
        if (sessionId == null || sessionId.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(sessionId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
