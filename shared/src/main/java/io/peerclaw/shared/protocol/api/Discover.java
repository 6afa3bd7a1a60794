package io.peerclaw.shared.protocol.api;

import io.peerclaw.shared.model.AgentCard;
import java.util.List;

/** {@code POST /api/v1/discover}. */
public final class Discover {
    private Discover() {}

    /** Agents that have every listed capability and speak the protocol, if one is given. */
    public record Request(List<String> capabilities, String protocol, Integer maxResults) {}

    public record Response(List<AgentCard> agents) {}
}
