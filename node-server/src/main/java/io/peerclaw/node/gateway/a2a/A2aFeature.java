package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.http.PublicBase;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.shared.json.Json;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The A2A front door, served at the root: {@code /a2a/{agent_id}} with its cards under {@code
 * /a2a/{agent_id}/.well-known/}, and the node's own agent at {@code /a2a} with its card at {@code
 * /.well-known/agent-card.json}.
 */
public final class A2aFeature implements Feature {
    private final A2aHttpService http;

    private A2aFeature(A2aHttpService http) {
        this.http = http;
    }

    /**
     * @param publicListing the directory's listing for in-process callers: query parameters of
     *     {@code GET /api/v1/agents} in, the page's JSON out
     */
    public static A2aFeature create(
            Gateway gateway,
            Authenticator authenticator,
            Function<Map<String, String>, byte[]> publicListing,
            PublicBase publicBase,
            InstantSource clock) {
        var calls = new A2aCalls(gateway, finder(publicListing), clock);
        return new A2aFeature(new A2aHttpService(gateway, calls, authenticator, publicBase));
    }

    @Override
    public List<Mount> routes() {
        return Mount.under("", http);
    }

    /** The directory's listing, read back into what {@code discover_agents} answers. */
    static AgentFinder finder(Function<Map<String, String>, byte[]> publicListing) {
        return (words, protocol, capability, limit) -> {
            var query = new HashMap<String, String>();
            words.ifPresent(w -> query.put("search", w));
            protocol.ifPresent(p -> query.put("protocol", p));
            capability.ifPresent(c -> query.put("capability", c));
            query.put("page_size", Integer.toString(limit));
            JsonNode page = Json.tree(publicListing.apply(query));
            var found = new ArrayList<FoundAgent>();
            for (JsonNode agent : page.path("agents")) {
                var protocols = new ArrayList<String>();
                agent.path("protocols").forEach(p -> protocols.add(p.asText()));
                found.add(
                        new FoundAgent(
                                agent.path("id").asText(),
                                agent.path("name").asText(),
                                agent.path("description").asText(""),
                                List.copyOf(protocols),
                                agent.path("reputation_score").asDouble(),
                                agent.path("verified").asBoolean()));
            }
            return found;
        };
    }
}
