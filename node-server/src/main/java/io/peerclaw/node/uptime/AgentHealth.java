package io.peerclaw.node.uptime;

import java.time.Instant;

/**
 * What the probes found of an agent, for its public profile.
 *
 * @param lastProbeAt when the last probe ended; null before the first
 * @param lastProbeOk whether it found the agent up; null before the first
 * @param uptime24h the share of the last 24 hours' scheduled probes that found the agent up, in
 *     percent with one decimal; null when there was none
 */
public record AgentHealth(Instant lastProbeAt, Boolean lastProbeOk, Double uptime24h) {
    public static final AgentHealth UNKNOWN = new AgentHealth(null, null, null);
}
