package io.peerclaw.node.provider;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.directory.Categories;
import io.peerclaw.node.gateway.InvocationLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.AttemptLimiter;
import io.peerclaw.node.http.TimeBuckets;
import io.peerclaw.node.identity.SignedRequest;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.ManagedAgent;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.node.registry.PendingCards;
import io.peerclaw.node.registry.Registrations;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import io.peerclaw.shared.protocol.api.Provider.AccessDecision;
import io.peerclaw.shared.protocol.api.Provider.AccessRequest;
import io.peerclaw.shared.protocol.api.Provider.AgentUpdate;
import io.peerclaw.shared.protocol.api.Provider.Analytics;
import io.peerclaw.shared.protocol.api.Provider.ClaimToken;
import io.peerclaw.shared.protocol.api.Provider.Dashboard;
import io.peerclaw.shared.protocol.api.Provider.TimePoint;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** The provider console's use cases; every one is scoped to the signed-in owner. */
public final class ProviderConsole {
    static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final Duration CLAIM_TTL = Duration.ofMinutes(30);
    static final int LIVE_CLAIM_TOKENS = 3;

    private final Registrations registrations;
    private final PendingCards pendingCards;
    private final OwnedAgents ownedAgents;
    private final AgentReads agents;
    private final ProviderStore store;
    private final Categories categories;
    private final AuditLog audit;
    private final InstantSource clock;
    private final SecureRandom random;

    /** Wrong claim codes per client address: the codes are short enough to be worth guessing. */
    private final AttemptLimiter claimFailures;

    private final InvocationLog invocations;

    ProviderConsole(
            Registrations registrations,
            PendingCards pendingCards,
            OwnedAgents ownedAgents,
            AgentReads agents,
            ProviderStore store,
            Categories categories,
            AuditLog audit,
            InstantSource clock,
            SecureRandom random,
            InvocationLog invocations) {
        this.invocations = invocations;
        this.registrations = registrations;
        this.pendingCards = pendingCards;
        this.ownedAgents = ownedAgents;
        this.agents = agents;
        this.store = store;
        this.categories = categories;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.claimFailures =
                new AttemptLimiter(10, Duration.ofMinutes(15), Duration.ofMinutes(15), clock);
    }

    // ------------------------------------------------------------------ agents

    ManagedAgent submit(String owner, AgentCard card) {
        return pendingCards.submit(owner, card);
    }

    ManagedAgent.Page agents(String owner, String pageToken, int size) {
        return ownedAgents.owned(owner, pageToken, size);
    }

    List<ManagedAgent> pendingAgents(String owner) {
        return pendingCards.pendingOf(owner);
    }

    ManagedAgent agent(String owner, AgentId id) {
        return ownedAgents
                .ownedAgent(id, owner)
                .orElseThrow(() -> ApiException.notFound("you have no agent " + id));
    }

    ManagedAgent update(String owner, AgentId id, AgentUpdate update) {
        var change =
                new OwnedAgents.OwnerChange(
                        card -> merge(card, update),
                        Optional.ofNullable(update.visibility()),
                        Optional.ofNullable(update.playgroundEnabled()),
                        Optional.ofNullable(update.publicEndpoint()));
        if (update.categories() != null) {
            // Checked before anything changes, so a bad slug leaves the agent as it was.
            agent(owner, id);
            var known = categories.list().stream().map(Categories.Category::slug).toList();
            var errors = new ArrayList<FieldError>();
            for (int i = 0; i < update.categories().size(); i++) {
                if (!known.contains(update.categories().get(i))) {
                    errors.add(new FieldError("categories[" + i + "]", "is not a known category"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
        }
        var updated = ownedAgents.updateOwned(id, owner, change);
        if (update.categories() != null) {
            categories.setAgentCategories(id, update.categories());
        }
        return updated;
    }

    void delete(String owner, AgentId id) {
        ownedAgents.deleteOwned(id, owner);
    }

    Dashboard dashboard(String owner) {
        var summary = ownedAgents.ownerSummary(owner);
        return new Dashboard(
                summary.agents(),
                summary.up(),
                summary.verified(),
                summary.suspended(),
                summary.pending(),
                summary.reputation(),
                store.pendingRequestsOfOwner(owner),
                invocations.callsToAgentsOf(owner));
    }

    /** Calls of one agent per bucket since a time, with its success rate and mean latency. */
    Analytics analytics(String owner, AgentId id, Optional<Instant> since, int bucketMinutes) {
        agent(owner, id);
        var starts = TimeBuckets.since(since, bucketMinutes, clock.instant());
        Instant from = starts.getFirst();
        var counts = new java.util.HashMap<Instant, Long>();
        for (var point : invocations.series(Optional.of(id.value()), from, bucketMinutes)) {
            counts.put(point.timestamp(), point.totalCalls());
        }
        var series =
                starts.stream()
                        .map(start -> new TimePoint(start, counts.getOrDefault(start, 0L)))
                        .toList();
        var stats = invocations.stats(Optional.of(id.value()), from);
        double successRate =
                stats.totalCalls() == 0 ? 0 : 100.0 * stats.successCalls() / stats.totalCalls();
        return new Analytics(
                id.value(),
                from,
                bucketMinutes,
                stats.totalCalls(),
                successRate,
                stats.avgDurationMs(),
                series);
    }

    // ------------------------------------------------------------------ claim tokens

    ClaimToken createClaimToken(String owner) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(CLAIM_TTL);
        for (int attempt = 0; attempt < 5; attempt++) {
            String code = newCode();
            if (store.codeExists(code)) {
                continue;
            }
            if (!store.insertClaimToken(
                    LIVE_CLAIM_TOKENS, UUID.randomUUID().toString(), code, owner, now, expires)) {
                throw ApiException.conflict(
                        "you may hold at most "
                                + LIVE_CLAIM_TOKENS
                                + " unused claim tokens; use one or wait for one to expire");
            }
            audit.record(AuditEvent.CLAIM_TOKEN_CREATED, null, owner, AuditLog.details());
            return new ClaimToken(code, "pending", null, now, expires);
        }
        throw new IllegalStateException("could not find an unused claim code");
    }

    List<ClaimToken> claimTokens(String owner) {
        return store.claimTokens(owner, clock.instant());
    }

    /**
     * Registers the signing agent into the account the token was made for. The token is taken first
     * so that no two agents can use it, and given back if the registration fails.
     */
    Registrations.Registration claim(
            SignedRequest proof, String token, AgentCard card, String clientAddress) {
        OptionalLong locked = claimFailures.lockedFor(clientAddress);
        if (locked.isPresent()) {
            throw ApiException.rateLimited(locked.getAsLong());
        }
        var errors = new ArrayList<FieldError>();
        if (token == null || token.isBlank()) {
            errors.add(new FieldError("token", "is required"));
        }
        if (card == null) {
            errors.add(new FieldError("card", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String code = token.strip().toUpperCase(java.util.Locale.ROOT);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<String> owner = store.takeClaimToken(code, proof.agentId().value(), now);
        if (owner.isEmpty()) {
            OptionalLong lockout = claimFailures.record(clientAddress);
            if (lockout.isPresent()) {
                throw ApiException.rateLimited(lockout.getAsLong());
            }
            throw ApiException.invalid("token", "is unknown, used or expired");
        }
        try {
            var registration = registrations.register(proof, card, owner.get());
            audit.record(
                    AuditEvent.CLAIM_TOKEN_REDEEMED,
                    proof.agentId().value(),
                    owner.get(),
                    AuditLog.details());
            return registration;
        } catch (RuntimeException e) {
            store.returnClaimToken(code);
            throw e;
        }
    }

    private String newCode() {
        var code = new StringBuilder("PCW-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    // ------------------------------------------------------------------ access requests

    AccessRequest requestAccess(String userId, AgentId id, String message) {
        String text = message == null ? "" : message.strip();
        if (text.length() > 1000) {
            throw ApiException.invalid("message", "must be at most 1000 characters");
        }
        var agent =
                agents.managedAgent(id)
                        .filter(a -> !a.stewardship().suspended())
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + id));
        if (agent.stewardship().ownedBy(userId)) {
            throw ApiException.conflict("this is your own agent; you need no access to it");
        }
        if (agent.stewardship().ownerUserId() == null) {
            throw ApiException.conflict(
                    "agent " + id + " has no owner on this node to answer an access request");
        }
        return store.upsertRequest(
                        UUID.randomUUID().toString(),
                        id.value(),
                        userId,
                        text,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .orElseThrow(
                        () -> ApiException.conflict("your access to agent " + id + " is approved"));
    }

    List<AccessRequest> accessRequests(String owner, AgentId id, Optional<String> status) {
        agent(owner, id);
        status.filter(s -> !List.of("pending", "approved", "rejected").contains(s))
                .ifPresent(
                        s -> {
                            throw ApiException.invalid(
                                    "status", "must be pending, approved or rejected");
                        });
        return store.requestsFor(id.value(), status);
    }

    AccessRequest decide(String owner, AgentId id, String requestId, AccessDecision decision) {
        agent(owner, id);
        var errors = new ArrayList<FieldError>();
        if (decision.status() == null
                || !List.of("approved", "rejected").contains(decision.status())) {
            errors.add(new FieldError("status", "must be approved or rejected"));
        }
        String reason = decision.reason() == null ? "" : decision.reason().strip();
        if (reason.length() > 1000) {
            errors.add(new FieldError("reason", "must be at most 1000 characters"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (decision.expiresAt() != null && !decision.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expires_at", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        var decided =
                store.decide(
                                id.value(),
                                requestId,
                                decision.status(),
                                reason,
                                decision.status().equals("approved") ? decision.expiresAt() : null,
                                now)
                        .orElseThrow(
                                () ->
                                        ApiException.notFound(
                                                "agent "
                                                        + id
                                                        + " has no access request "
                                                        + requestId));
        audit.record(
                AuditEvent.ACCESS_DECIDED,
                id.value(),
                owner,
                AuditLog.details("request_id", requestId, "status", decision.status()));
        return decided;
    }

    // ------------------------------------------------------------------ helpers

    /** The card with every field the update carries replaced. */
    static AgentCard merge(AgentCard card, AgentUpdate update) {
        return new AgentCard(
                card.id(),
                update.name() != null ? update.name() : card.name(),
                update.description() != null ? update.description() : card.description(),
                update.version() != null ? update.version() : card.version(),
                card.publicKey(),
                update.capabilities() != null ? update.capabilities() : card.capabilities(),
                update.skills() != null ? update.skills() : card.skills(),
                update.tools() != null ? update.tools() : card.tools(),
                update.endpoint() != null ? update.endpoint() : card.endpoint(),
                update.protocols() != null ? update.protocols() : card.protocols(),
                update.auth() != null ? update.auth() : card.auth(),
                update.metadata() != null ? update.metadata() : card.metadata(),
                update.peerclaw() != null ? update.peerclaw() : card.peerclaw(),
                card.signatures(),
                card.status(),
                card.visibility(),
                card.registeredAt(),
                card.lastHeartbeat());
    }
}
