package io.peerclaw.node.uptime;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.AttemptLimiter;
import io.peerclaw.node.registry.AgentChangeListener;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Uptime probing's use cases: keeping every registered agent in the schedule, taking due agents,
 * probing one, the owner's re-check, and the health a profile shows.
 *
 * <p>Every probe result is an uptime sample for reputation (source {@code probe}), which counts at
 * most one up and one down per agent and period, shared with heartbeats. Only scheduled probes
 * count towards the 24 h uptime, so re-checks, which an owner chooses the moment of, cannot weigh
 * on it.
 */
public final class UptimeProbes implements HealthReadings {
    private static final System.Logger LOG = System.getLogger(UptimeProbes.class.getName());

    /** Re-checks one agent may have per hour, whoever asks. */
    static final int RECHECKS_PER_HOUR = 10;

    /** Hours of counts kept; the uptime reads the last 24. */
    static final int HOURS_KEPT = 48;

    private static final int UPTIME_HOURS = 24;
    private static final int CATCH_UP_BATCH = 1_000;

    private final ProbeStore store;
    private final LivenessCheck check;
    private final AgentReads agents;
    private final OwnedAgents owned;
    private final ReputationEngine reputation;
    private final NodeConfig.Probe settings;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final AttemptLimiter rechecks;

    /**
     * One probe's outcome.
     *
     * @param protocol the call made: {@code a2a}, {@code mcp}, {@code acp} or {@code http}
     * @param detail why the agent counts as down ({@code code: sentence}); null when up
     */
    public record Result(boolean ok, Instant checkedAt, String protocol, String detail) {}

    UptimeProbes(
            ProbeStore store,
            LivenessCheck check,
            AgentReads agents,
            OwnedAgents owned,
            ReputationEngine reputation,
            NodeConfig.Probe settings,
            InstantSource clock,
            RandomGenerator random) {
        this.store = store;
        this.check = check;
        this.agents = agents;
        this.owned = owned;
        this.reputation = reputation;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.rechecks =
                new AttemptLimiter(
                        RECHECKS_PER_HOUR, Duration.ofHours(1), Duration.ofHours(1), clock);
    }

    // ---------------------------------------------------------------- schedule

    /**
     * New agents (and changed ones not yet in it) enter the schedule as if just probed: first one
     * period on (± 10 %), so that a burst of registrations spreads out. Owners may re-check at
     * once.
     */
    AgentChangeListener registryListener() {
        return (id, change) -> {
            if (change == AgentChangeListener.Change.REGISTERED
                    || change == AgentChangeListener.Change.UPDATED) {
                store.schedule(id.value(), nextAfter(now()));
            }
        };
    }

    /**
     * Adds registered agents missing from the schedule (those registered before probing existed, or
     * whose change listener failed), spread over one period.
     *
     * @return how many were added
     */
    int scheduleMissing() {
        int added = 0;
        List<String> missing;
        do {
            missing = store.unscheduled(CATCH_UP_BATCH);
            Instant now = now();
            var times = new LinkedHashMap<String, Instant>();
            for (String id : missing) {
                times.put(
                        id,
                        now.plusMillis(random.nextLong(settings.interval().toMillis()))
                                .truncatedTo(ChronoUnit.MILLIS));
            }
            added += store.scheduleAll(times);
        } while (missing.size() == CATCH_UP_BATCH);
        return added;
    }

    /**
     * Takes up to {@code limit} due agents, moving each one period (± 10 %) on, so that no other
     * node or sweep takes them too.
     */
    List<AgentId> claimDue(int limit) {
        Instant now = now();
        var claimed = new ArrayList<AgentId>();
        for (var due : store.due(now, limit)) {
            if (store.claim(due, nextAfter(now))) {
                claimed.add(new AgentId(due.agentId()));
            }
        }
        return claimed;
    }

    /** Deletes hourly counts older than {@link #HOURS_KEPT}. */
    int prune() {
        return store.prune(epochHour(now()) - HOURS_KEPT);
    }

    // ---------------------------------------------------------------- probing

    /**
     * Probes an agent the schedule handed out; empty when it is gone, suspended or has no endpoint
     * (it stays in the schedule: a reinstated agent is probed again).
     */
    Optional<Result> probeScheduled(AgentId id) {
        var agent = agents.managedAgent(id);
        if (agent.isEmpty()
                || agent.get().pending()
                || agent.get().stewardship().suspended()
                || endpoint(agent.get().card()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(probe(id, agent.get().card(), true));
    }

    /**
     * Probes an agent now for its owner or an admin. Someone else's agent is a 404 (as unknown
     * ids), a suspended or pending one a 409, an eleventh re-check within the hour a 429.
     */
    public Result recheck(AgentId id, String userId, boolean admin) {
        var agent =
                owned.ownedAgent(id, userId)
                        .or(() -> admin ? agents.managedAgent(id) : Optional.empty())
                        .orElseThrow(() -> ApiException.notFound("you have no agent " + id));
        if (agent.pending()) {
            throw ApiException.conflict(
                    "agent "
                            + id
                            + " is waiting for its key holder to confirm; it is probed once"
                            + " registered");
        }
        if (agent.stewardship().suspended()) {
            throw ApiException.conflict("agent " + id + " is suspended; it is not probed");
        }
        var locked = rechecks.lockedFor(id.value());
        if (locked.isPresent()) {
            throw ApiException.rateLimited(locked.getAsLong());
        }
        rechecks.record(id.value());
        return probe(id, agent.card(), false);
    }

    private Result probe(AgentId id, AgentCard card, boolean scheduled) {
        Optional<Protocol> protocol = protocol(card);
        Optional<String> url = endpoint(card);
        LivenessCheck.Verdict verdict =
                url.isEmpty()
                        ? LivenessCheck.Verdict.down(
                                protocol.map(Protocol::wireName).orElse(LivenessCheck.PLAIN),
                                "bad_url",
                                "the agent has no endpoint")
                        : check.check(protocol, url.get(), settings.timeout());
        Instant at = now();
        store.record(
                id.value(),
                at,
                verdict.up(),
                verdict.protocol(),
                verdict.detail(),
                scheduled ? epochHour(at) : null,
                nextAfter(at));
        try {
            reputation.uptimeSample(id, verdict.up(), "probe");
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not record the uptime sample of " + id + ": " + e.getMessage());
        }
        return new Result(verdict.up(), at, verdict.protocol(), verdict.detail());
    }

    /**
     * The first protocol the card lists that the node knows; the owner lists the main one first.
     */
    static Optional<Protocol> protocol(AgentCard card) {
        if (card.protocols() == null) {
            return Optional.empty();
        }
        return card.protocols().stream()
                .filter(Objects::nonNull)
                .map(Protocol::parse)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> endpoint(AgentCard card) {
        return Optional.ofNullable(card.endpoint())
                .map(AgentCard.Endpoint::url)
                .filter(url -> !url.isBlank());
    }

    // ---------------------------------------------------------------- reading

    @Override
    public AgentHealth health(AgentId agent) {
        long fromHour = epochHour(now()) - (UPTIME_HOURS - 1);
        return store.health(agent.value(), fromHour)
                .map(
                        h ->
                                new AgentHealth(
                                        h.lastProbeAt(),
                                        h.lastProbeOk(),
                                        h.probes() == 0
                                                ? null
                                                : Math.round(h.ups() * 1000.0 / h.probes()) / 10.0))
                .orElse(AgentHealth.UNKNOWN);
    }

    // ---------------------------------------------------------------- time

    /** One period on, give or take a tenth of it. */
    Instant nextAfter(Instant now) {
        long period = settings.interval().toMillis();
        long jitter = period / 10;
        return now.plusMillis(period + random.nextLong(-jitter, jitter + 1))
                .truncatedTo(ChronoUnit.MILLIS);
    }

    static long epochHour(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 3600);
    }

    Duration timeout() {
        return settings.timeout();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
