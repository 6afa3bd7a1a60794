package io.peerclaw.node.reputation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Console;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Records reputation events and keeps each agent's score. Every event runs in one transaction that
 * locks the agent's row, so concurrent events of one agent queue up and none is lost, on one node
 * or many sharing PostgreSQL.
 *
 * <p>Only the node's own observations reach this class: its routed calls, its challenges and
 * probes, heartbeats signed by the agent's key, and reviews by signed-in users. No route lets a
 * caller report an outcome.
 */
public final class ReputationEngine {
    private static final System.Logger LOG = System.getLogger(ReputationEngine.class.getName());
    static final Duration RECENT = Duration.ofDays(30);
    private static final int DECAY_BATCH = 1_000;

    /** Why an event did not count. */
    public enum Reason {
        UNKNOWN_AGENT,
        /** Counted once already: the same registration, verification, review or period. */
        DUPLICATE,
        /** The agent reached this type's cap for the current window. */
        CAPPED,
        /** Owners cannot review their own agents into trust. */
        SELF_REVIEW
    }

    /** What recording an event did. */
    public sealed interface Outcome {
        record Counted(double score) implements Outcome {}

        record Ignored(Reason reason) implements Outcome {}
    }

    /** The node's own view of a call it routed to an agent's registered endpoint. */
    public enum CallOutcome {
        SUCCESS(EventType.BRIDGE_SUCCESS),
        ERROR(EventType.BRIDGE_ERROR),
        TIMEOUT(EventType.BRIDGE_TIMEOUT);

        private final EventType type;

        CallOutcome(EventType type) {
            this.type = type;
        }
    }

    private final ReputationStore store;
    private final NodeConfig.Reputation settings;
    private final InstantSource clock;
    private final ReputationReads reads;

    /** The uptime periods already sampled, per agent and direction; the database decides. */
    private final Cache<String, Long> sampledPeriods =
            Caffeine.newBuilder()
                    .maximumSize(200_000)
                    .expireAfterWrite(Duration.ofHours(2))
                    .build();

    ReputationEngine(ReputationStore store, NodeConfig.Reputation settings, InstantSource clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.reads = new ReputationReads(store, settings);
    }

    /** The Trusted badge: a verified endpoint and a score at or above the threshold. */
    public boolean trusted(boolean verified, double score) {
        return verified && score >= settings.trustedThreshold();
    }

    public double trustedThreshold() {
        return settings.trustedThreshold();
    }

    /** A new agent's one registration event. */
    public Outcome registered(AgentId agent) {
        return record(
                agent,
                EventType.REGISTRATION,
                rule(EventType.REGISTRATION).target(),
                "registration",
                null);
    }

    /**
     * An observation that the agent is up or down (a heartbeat, a missed heartbeat, a probe). At
     * most one up and one down sample count per agent in each {@code reputation.uptime_period},
     * however many heartbeats and probes arrive.
     */
    public Outcome uptimeSample(AgentId agent, boolean up, String source) {
        long period = now().toEpochMilli() / settings.uptimePeriod().toMillis();
        String direction = up ? "up" : "down";
        String cacheKey = agent.value() + "/" + direction;
        Long sampled = sampledPeriods.getIfPresent(cacheKey);
        if (sampled != null && sampled == period) {
            return new Outcome.Ignored(Reason.DUPLICATE);
        }
        EventType type = up ? EventType.HEARTBEAT_SUCCESS : EventType.HEARTBEAT_MISS;
        var outcome =
                record(
                        agent,
                        type,
                        rule(type).target(),
                        "uptime:" + direction + ":" + period,
                        source);
        if (!(outcome instanceof Outcome.Ignored(Reason reason)) || reason == Reason.DUPLICATE) {
            sampledPeriods.put(cacheKey, period);
        }
        return outcome;
    }

    /** A call the node itself routed to the agent's registered endpoint, and how it ended. */
    public Outcome routedCall(AgentId agent, CallOutcome outcome, String detail) {
        return record(agent, outcome.type, rule(outcome.type).target(), null, detail);
    }

    /**
     * An endpoint challenge's result. A pass counts once per registered key and endpoint, so
     * verifying again and again earns nothing; failures count up to their cap.
     */
    public Outcome verification(
            AgentId agent, boolean passed, String publicKey, String endpoint, String detail) {
        if (passed) {
            String key =
                    "verification:"
                            + Hashes.sha256Hex(
                                    (publicKey + "\n" + endpoint).getBytes(StandardCharsets.UTF_8));
            return record(
                    agent,
                    EventType.VERIFICATION_PASS,
                    rule(EventType.VERIFICATION_PASS).target(),
                    key,
                    detail);
        }
        return record(
                agent,
                EventType.VERIFICATION_FAIL,
                rule(EventType.VERIFICATION_FAIL).target(),
                null,
                detail);
    }

    /**
     * A user's review of an agent was written, changed or removed ({@code rating} empty). Each user
     * counts once per agent: a new rating replaces the effect of the old one (taken out of today's
     * score exactly, see {@link ScoreMath#without}), and a review by the agent's owner never
     * counts.
     */
    public Outcome reviewChanged(AgentId agent, String userId, OptionalInt rating) {
        String key = "review:" + userId;
        Instant now = now();
        return store.transaction(
                sql -> {
                    var found = store.locked(sql, agent.value());
                    if (found.isEmpty()) {
                        return new Outcome.Ignored(Reason.UNKNOWN_AGENT);
                    }
                    var standing = found.get();
                    if (userId.equals(standing.ownerUserId())) {
                        return new Outcome.Ignored(Reason.SELF_REVIEW);
                    }
                    var drifted = drift(standing, now);
                    double score = drifted.score();
                    double logSlope = standing.logSlope() + drifted.logSlope();
                    var previous = store.byKey(sql, agent.value(), key);
                    if (previous.isPresent()) {
                        score =
                                ScoreMath.without(
                                        score,
                                        previous.get().delta(),
                                        previous.get().logSlope(),
                                        logSlope);
                        store.voidEvent(sql, previous.get().id());
                    }
                    if (rating.isEmpty()) {
                        store.save(
                                sql,
                                agent.value(),
                                score,
                                now.toEpochMilli(),
                                logSlope,
                                standing.eventCount());
                        return new Outcome.Counted(score);
                    }
                    EventType type = EventType.forRating(rating.getAsInt());
                    var base =
                            new ReputationStore.Standing(
                                    standing.agentId(),
                                    standing.ownerUserId(),
                                    score,
                                    now.toEpochMilli(),
                                    logSlope,
                                    standing.eventCount());
                    return apply(
                            sql,
                            base,
                            type,
                            ScoreMath.reviewTarget(rating.getAsInt()),
                            key,
                            "rating " + rating.getAsInt(),
                            now,
                            previous.isPresent());
                });
    }

    /**
     * Records one event unless it is a duplicate or over its cap.
     *
     * @param dedupeKey the event counts only once per agent with this key; null for no limit
     */
    Outcome record(
            AgentId agent, EventType type, double target, String dedupeKey, String metadata) {
        Instant now = now();
        return store.transaction(
                sql -> {
                    var found = store.locked(sql, agent.value());
                    if (found.isEmpty()) {
                        return new Outcome.Ignored(Reason.UNKNOWN_AGENT);
                    }
                    if (dedupeKey != null
                            && store.byKey(sql, agent.value(), dedupeKey).isPresent()) {
                        return new Outcome.Ignored(Reason.DUPLICATE);
                    }
                    return apply(sql, found.get(), type, target, dedupeKey, metadata, now, false);
                });
    }

    private Outcome apply(
            Sql sql,
            ReputationStore.Standing standing,
            EventType type,
            double target,
            String dedupeKey,
            String metadata,
            Instant now,
            boolean replacing) {
        var rule = rule(type);
        if (!replacing) {
            long recent =
                    store.recent(
                            sql,
                            standing.agentId(),
                            type.wireName(),
                            now.minus(settings.capWindow()),
                            Math.max(rule.cap(), 1));
            if (recent >= rule.cap()) {
                return new Outcome.Ignored(Reason.CAPPED);
            }
        }
        var drifted = drift(standing, now);
        double logSlope = standing.logSlope() + drifted.logSlope();
        var moved =
                ScoreMath.toward(
                        drifted.score(),
                        target,
                        rule.weight(),
                        settings.alpha(),
                        type == EventType.HEARTBEAT_SUCCESS);
        logSlope += moved.logSlope();
        double delta = moved.score() - drifted.score();
        store.insert(
                sql,
                standing.agentId(),
                type,
                rule.weight(),
                moved.score(),
                delta,
                logSlope,
                dedupeKey,
                metadata == null ? null : truncate(metadata),
                now);
        store.save(
                sql,
                standing.agentId(),
                moved.score(),
                now.toEpochMilli(),
                logSlope,
                standing.eventCount() + 1);
        return new Outcome.Counted(moved.score());
    }

    private ScoreMath.Step drift(ReputationStore.Standing standing, Instant now) {
        long elapsed =
                standing.updatedMillis() == 0 ? 0 : now.toEpochMilli() - standing.updatedMillis();
        return ScoreMath.decay(standing.score(), elapsed, settings.decayHalfLife().toMillis());
    }

    /**
     * Writes the idle drift of every score not updated for a decay interval.
     *
     * @return how many agents moved
     */
    public int decayIdleScores() {
        long now = now().toEpochMilli();
        long olderThan = now - settings.decayInterval().toMillis();
        int total = 0;
        int changed;
        do {
            changed = store.decay(now, settings.decayHalfLife().toMillis(), olderThan, DECAY_BATCH);
            total += changed;
        } while (changed == DECAY_BATCH);
        if (total > 0) {
            LOG.log(System.Logger.Level.DEBUG, "idle drift applied to {0} scores", total);
        }
        return total;
    }

    /** The agent's score and event count with what moved it in the last 30 days. */
    public Optional<Explanation> explain(AgentId agent) {
        return reads.explain(agent, now());
    }

    /** Newest first; {@code pageToken} continues a previous page. */
    public Console.ReputationHistory history(AgentId agent, String pageToken, int limit) {
        return reads.history(agent, pageToken, limit);
    }

    /** The node's newest reputation events, all agents, newest first. */
    public List<NodeEvent> recentEvents(int limit) {
        return reads.recentEvents(limit);
    }

    /** The ten best and ten worst agents, how scores spread, and the formula's constants. */
    public Summary summary() {
        return reads.summary();
    }

    /** The current score as stored (idle drift is written every decay interval). */
    public Optional<Double> score(AgentId agent) {
        return store.standing(agent.value()).map(ReputationStore.Standing::score);
    }

    /** A reputation event anywhere on the node. */
    public record NodeEvent(
            String agentId,
            String agentName,
            String eventType,
            double delta,
            double scoreAfter,
            Instant createdAt) {}

    public record RankedAgent(String agentId, String name, double score, boolean verified) {}

    /** {@code distribution}: ten counts, of scores in [0, 0.1) up to [0.9, 1.0]. */
    public record Summary(
            List<RankedAgent> top,
            List<RankedAgent> bottom,
            List<Long> distribution,
            Constants constants) {}

    /** The formula's settings; {@code decayHalfLife} as configured, e.g. {@code 720h}. */
    public record Constants(
            double alpha,
            double trustedThreshold,
            String decayHalfLife,
            java.util.Map<String, Double> weights) {}

    /** A score with what moved it: the profile's explanation. */
    public record Explanation(
            double score, long events, int windowDays, List<Contribution> recent) {}

    /**
     * One event type's part: how many counted, and how far they moved the score when they happened
     * (idle drift since is not taken off, so parts of old events add up to a bit more).
     */
    public record Contribution(String eventType, long count, double change) {}

    /** Thrown for a page token this node did not issue. */
    public static final class BadPageToken extends RuntimeException {
        BadPageToken() {
            super("page_token is not valid");
        }
    }

    private NodeConfig.Reputation.Rule rule(EventType type) {
        return settings.rules().get(type.wireName());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
