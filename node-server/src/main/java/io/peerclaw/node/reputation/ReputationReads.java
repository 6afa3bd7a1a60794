package io.peerclaw.node.reputation;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Console;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The trust engine's read side: explanations, histories, the node-wide events and summary. */
final class ReputationReads {
    private final ReputationStore store;
    private final NodeConfig.Reputation settings;

    ReputationReads(ReputationStore store, NodeConfig.Reputation settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The agent's score and event count with what moved it in the last 30 days. */
    Optional<ReputationEngine.Explanation> explain(AgentId agent, Instant now) {
        return store.standing(agent.value())
                .map(
                        standing -> {
                            var recent =
                                    store
                                            .effects(
                                                    agent.value(),
                                                    now.minus(ReputationEngine.RECENT))
                                            .stream()
                                            .map(
                                                    e ->
                                                            new ReputationEngine.Contribution(
                                                                    e.eventType(),
                                                                    e.count(),
                                                                    ReputationEngine.round(
                                                                            e.change())))
                                            .toList();
                            return new ReputationEngine.Explanation(
                                    ReputationEngine.round(standing.score()),
                                    standing.eventCount(),
                                    (int) ReputationEngine.RECENT.toDays(),
                                    recent);
                        });
    }

    /** Newest first; {@code pageToken} continues a previous page. */
    Console.ReputationHistory history(AgentId agent, String pageToken, int limit) {
        Optional<Long> before = decodeToken(pageToken);
        var rows = store.history(agent.value(), before, limit + 1);
        boolean more = rows.size() > limit;
        var page = more ? rows.subList(0, limit) : rows;
        var events =
                page.stream()
                        .map(
                                e ->
                                        new Console.HistoryEvent(
                                                e.id(),
                                                e.agentId(),
                                                e.eventType(),
                                                e.weight(),
                                                ReputationEngine.round(e.scoreAfter()),
                                                ReputationEngine.round(e.delta()),
                                                e.voided(),
                                                e.metadata(),
                                                e.createdAt()))
                        .toList();
        return new Console.ReputationHistory(events, more ? encodeToken(page.getLast().id()) : "");
    }

    /** The node's newest reputation events, all agents, newest first. */
    List<ReputationEngine.NodeEvent> recentEvents(int limit) {
        return store.recentEvents(limit).stream()
                .map(
                        e ->
                                new ReputationEngine.NodeEvent(
                                        e.agentId(),
                                        e.agentName(),
                                        e.eventType(),
                                        ReputationEngine.round(e.delta()),
                                        ReputationEngine.round(e.scoreAfter()),
                                        e.createdAt()))
                .toList();
    }

    /**
     * The ten best and ten worst agents, how scores spread, and the formula's constants. An agent
     * is in one list only: with fewer than twenty agents the worst are those the best left out.
     */
    ReputationEngine.Summary summary() {
        var weights = new java.util.TreeMap<String, Double>();
        settings.rules().forEach((type, rule) -> weights.put(type, rule.weight()));
        var best = ranked(true);
        var inBest =
                best.stream()
                        .map(ReputationEngine.RankedAgent::agentId)
                        .collect(java.util.stream.Collectors.toSet());
        var worst = ranked(false).stream().filter(a -> !inBest.contains(a.agentId())).toList();
        return new ReputationEngine.Summary(
                best,
                worst,
                java.util.Arrays.stream(store.distribution()).boxed().toList(),
                new ReputationEngine.Constants(
                        settings.alpha(),
                        settings.trustedThreshold(),
                        io.peerclaw.node.config.Durations.format(settings.decayHalfLife()),
                        weights));
    }

    private List<ReputationEngine.RankedAgent> ranked(boolean best) {
        return store.ranked(best, 10).stream()
                .map(
                        r ->
                                new ReputationEngine.RankedAgent(
                                        r.agentId(),
                                        r.name(),
                                        ReputationEngine.round(r.score()),
                                        r.verified()))
                .toList();
    }

    private static Optional<Long> decodeToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            String text =
                    new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (!text.startsWith("e:")) {
                throw new ReputationEngine.BadPageToken();
            }
            long id = Long.parseLong(text.substring(2));
            if (id <= 0) {
                throw new ReputationEngine.BadPageToken();
            }
            return Optional.of(id);
        } catch (IllegalArgumentException e) {
            throw new ReputationEngine.BadPageToken();
        }
    }

    private static String encodeToken(long id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("e:" + id).getBytes(StandardCharsets.US_ASCII));
    }
}
