package io.peerclaw.node.gateway.a2a;

import io.peerclaw.node.directory.DirectoryPage;
import io.peerclaw.node.directory.DirectoryQuery;
import io.peerclaw.node.directory.DirectorySort;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.http.PublicBase;
import io.peerclaw.node.identity.Authenticator;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
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
     * @param publicListing the directory's listing for in-process callers
     */
    public static A2aFeature create(
            Gateway gateway,
            Authenticator authenticator,
            Function<DirectoryQuery, DirectoryPage> publicListing,
            PublicBase publicBase,
            InstantSource clock) {
        var calls = new A2aCalls(gateway, finder(publicListing), clock);
        return new A2aFeature(new A2aHttpService(gateway, calls, authenticator, publicBase));
    }

    @Override
    public List<Mount> routes() {
        return Mount.under("", http);
    }

    /** The directory's listing, best reputation first, as {@code discover_agents} answers it. */
    static AgentFinder finder(Function<DirectoryQuery, DirectoryPage> publicListing) {
        return (words, protocol, capability, limit) -> {
            var query =
                    DirectoryQuery.all(DirectorySort.REPUTATION, limit, "")
                            .withSearch(words)
                            .withProtocol(protocol)
                            .withCapability(capability);
            return publicListing.apply(query).agents().stream()
                    .map(
                            agent ->
                                    new FoundAgent(
                                            agent.id(),
                                            Objects.requireNonNullElse(agent.name(), ""),
                                            Objects.requireNonNullElse(agent.description(), ""),
                                            agent.protocols(),
                                            agent.reputationScore(),
                                            agent.verified()))
                    .toList();
        };
    }
}
