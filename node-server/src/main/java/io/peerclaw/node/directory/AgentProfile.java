package io.peerclaw.node.directory;

import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.uptime.AgentHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A listed agent's public profile, as {@code GET /api/v1/directory/{id}} answers it: the public
 * shape plus its reviews' summary, what moved its reputation lately, and what the uptime probes
 * found.
 *
 * @param reputation the score's explanation; empty while no event counted
 */
public record AgentProfile(
        DirectoryEntry agent,
        ReviewSummary reviewSummary,
        Optional<ReputationEngine.Explanation> reputation,
        AgentHealth health) {

    /** {@code distribution[0]} counts 1-star reviews, {@code distribution[4]} 5-star ones. */
    public record ReviewSummary(double averageRating, long totalReviews, List<Long> distribution) {}

    /**
     * The members the profile's JSON adds after the public shape's, in wire order: {@code
     * review_summary}, {@code reputation_events} (how many counted) and {@code
     * reputation_breakdown} while there is an explanation, and {@code health} ({@code
     * last_probe_at}, {@code last_probe_ok}, {@code uptime_24h}, each absent until known).
     */
    public Map<String, Object> members() {
        var out = new LinkedHashMap<String, Object>();
        out.put("review_summary", reviewSummary);
        reputation.ifPresent(
                explanation -> {
                    out.put("reputation_events", explanation.events());
                    out.put("reputation_breakdown", explanation);
                });
        var probes = new LinkedHashMap<String, Object>();
        probes.put("last_probe_at", health.lastProbeAt());
        probes.put("last_probe_ok", health.lastProbeOk());
        probes.put("uptime_24h", health.uptime24h());
        out.put("health", probes);
        return out;
    }
}
