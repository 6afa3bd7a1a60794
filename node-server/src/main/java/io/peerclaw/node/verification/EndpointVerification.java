package io.peerclaw.node.verification;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.AttemptLimiter;
import io.peerclaw.node.identity.KeyDirectory;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.registry.AgentModeration;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.shared.model.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Proves that an agent controls its registered endpoint. Each attempt is limited per agent, so
 * nobody can turn the node into a request cannon aimed at one endpoint; a pass counts once per key
 * and endpoint in the reputation, a failure counts up to its cap.
 */
public final class EndpointVerification {
    /** Attempts per agent and hour; more answer 429 with Retry-After. */
    static final int ATTEMPTS_PER_HOUR = 10;

    /** Re-checks failing this many times in a row clear the verified flag. */
    static final int FAILURES_TO_UNVERIFY = 3;

    /** A failed re-check is retried this soon (or at the interval, if sooner). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofHours(1);

    /** How long a node holds a re-check it took before another node may take it. */
    static final Duration CLAIM = Duration.ofMinutes(10);

    private static final System.Logger LOG = System.getLogger(EndpointVerification.class.getName());

    private final AgentReads agents;
    private final KeyDirectory keys;
    private final AgentModeration moderation;
    private final ReputationEngine reputation;
    private final EndpointChallenge challenge;
    private final InstantSource clock;
    private final AttemptLimiter attempts;
    private final VerificationStore store;
    private final Duration recheckInterval;
    private final RandomGenerator random;
    private final Consumer<AgentId> publicViewChanged;

    EndpointVerification(
            AgentReads agents,
            KeyDirectory keys,
            AgentModeration moderation,
            ReputationEngine reputation,
            OutboundHttp http,
            VerificationStore store,
            Duration recheckInterval,
            RandomGenerator random,
            InstantSource clock,
            Consumer<AgentId> publicViewChanged) {
        this.publicViewChanged = publicViewChanged;
        this.agents = agents;
        this.keys = keys;
        this.moderation = moderation;
        this.reputation = reputation;
        this.challenge = new EndpointChallenge(http, random);
        this.store = store;
        this.recheckInterval = recheckInterval;
        this.random = random;
        this.clock = clock;
        this.attempts =
                new AttemptLimiter(
                        ATTEMPTS_PER_HOUR, Duration.ofHours(1), Duration.ofHours(1), clock);
    }

    /** What a passed challenge answers. */
    public record Verified(String status, String challenge, Instant verifiedAt) {}

    /**
     * Runs the challenge against the agent's registered endpoint.
     *
     * @throws ApiException 404 unknown agent, 400 no endpoint, 429 too many attempts, 422 failed
     *     (the problem's code names the reason)
     */
    public Verified verify(AgentId id) {
        var agent =
                agents.managedAgent(id)
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + id));
        var card = agent.card();
        if (card.endpoint() == null || card.endpoint().url() == null) {
            throw ApiException.invalid("endpoint.url", "the agent has no endpoint to verify");
        }
        var key =
                keys.registeredKey(id)
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + id));
        String limiterKey = id.value();
        var locked = attempts.lockedFor(limiterKey);
        if (locked.isPresent()) {
            throw ApiException.rateLimited(locked.getAsLong());
        }
        attempts.record(limiterKey);
        String endpoint = card.endpoint().url();
        var result = challenge.run(endpoint, key);
        return switch (result) {
            case EndpointChallenge.Result.Passed passed -> {
                if (!moderation.markEndpointVerified(id)) {
                    throw ApiException.notFound("no agent with id " + id);
                }
                publicViewChanged.accept(id);
                reputation.verification(id, true, key.base64(), endpoint, null);
                Instant now = clock.instant();
                store.passed(id.value(), endpoint, now, nextCheck(now));
                yield new Verified("verified", passed.nonce(), now);
            }
            case EndpointChallenge.Result.Failed failed -> {
                reputation.verification(
                        id,
                        false,
                        key.base64(),
                        endpoint,
                        failed.code().code() + ": " + failed.reason());
                throw new ApiException(
                        failed.code(),
                        "verification failed: " + failed.reason(),
                        java.util.List.of(),
                        Map.of());
            }
        };
    }

    /**
     * Challenges every verified endpoint whose re-check is due (taken one by one, so that nodes
     * sharing a database never check one agent twice). Three failures in a row clear {@code
     * verified}; an endpoint changed since it was verified is dropped from the schedule (the change
     * cleared the flag already).
     *
     * @return how many endpoints were challenged
     */
    public int recheckDue(int limit) {
        Instant now = clock.instant();
        int checked = 0;
        for (var check : store.due(now, limit)) {
            if (!store.claim(check, now.plus(CLAIM))) {
                continue;
            }
            AgentId id = new AgentId(check.agentId());
            var agent = agents.managedAgent(id);
            var key = keys.registeredKey(id);
            var endpoint =
                    agent.map(a -> a.card().endpoint())
                            .map(e -> e.url())
                            .filter(url -> url.equals(check.endpointUrl()));
            if (agent.isEmpty() || key.isEmpty() || endpoint.isEmpty()) {
                store.forget(check.agentId());
                continue;
            }
            checked++;
            var result = challenge.run(endpoint.get(), key.get());
            Instant at = clock.instant();
            switch (result) {
                case EndpointChallenge.Result.Passed passed -> {
                    reputation.verification(id, true, key.get().base64(), endpoint.get(), null);
                    store.passed(check.agentId(), endpoint.get(), at, nextCheck(at));
                }
                case EndpointChallenge.Result.Failed failed -> {
                    String reason = failed.code().code() + ": " + failed.reason();
                    reputation.verification(id, false, key.get().base64(), endpoint.get(), reason);
                    Duration retry =
                            recheckInterval.compareTo(RETRY_AFTER_FAILURE) < 0
                                    ? recheckInterval
                                    : RETRY_AFTER_FAILURE;
                    int failures =
                            store.failed(check.agentId(), failed.code().code(), at, at.plus(retry));
                    if (failures >= FAILURES_TO_UNVERIFY) {
                        moderation.clearEndpointVerification(
                                id, failures + " re-checks in a row failed; last: " + reason);
                        publicViewChanged.accept(id);
                        store.forget(check.agentId());
                        LOG.log(
                                System.Logger.Level.INFO,
                                "agent {0} is no longer verified: {1}",
                                id,
                                reason);
                    }
                }
            }
        }
        return checked;
    }

    /** The interval, moved by up to a tenth either way so that re-checks do not bunch up. */
    private Instant nextCheck(Instant now) {
        long interval = recheckInterval.toMillis();
        long jitter = interval / 10;
        long offset = jitter == 0 ? 0 : random.nextLong(-jitter, jitter + 1);
        return now.plusMillis(interval + offset);
    }
}
