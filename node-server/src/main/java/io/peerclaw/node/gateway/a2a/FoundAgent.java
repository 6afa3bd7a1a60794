package io.peerclaw.node.gateway.a2a;

import java.util.List;

/** One agent of a directory search, as {@code discover_agents} answers it. */
record FoundAgent(
        String id,
        String name,
        String description,
        List<String> protocols,
        double reputation,
        boolean verified) {
    FoundAgent {
        protocols = List.copyOf(protocols);
    }
}
