package io.peerclaw.shared.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An agent's liveness as reported by its heartbeats or concluded from their absence. */
public enum AgentStatus {
    ONLINE,
    BUSY,
    DEGRADED,
    OFFLINE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(text)).findFirst();
    }
}
