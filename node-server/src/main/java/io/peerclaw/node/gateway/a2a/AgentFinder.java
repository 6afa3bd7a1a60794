package io.peerclaw.node.gateway.a2a;

import java.util.List;
import java.util.Optional;

/** The public directory's search, as the node's own agent uses it. */
@FunctionalInterface
interface AgentFinder {
    /**
     * Listed agents matching every given condition, best reputation first.
     *
     * @param words full-text search, or empty for all
     * @throws io.peerclaw.node.http.ApiException 400 naming a condition that is not valid
     */
    List<FoundAgent> find(
            Optional<String> words,
            Optional<String> protocol,
            Optional<String> capability,
            int limit);
}
