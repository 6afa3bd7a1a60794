package io.peerclaw.node.provider;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.directory.Categories;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.node.registry.PendingCards;
import io.peerclaw.node.registry.Registrations;
import io.peerclaw.node.storage.Database;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;

/** The provider console: its use cases and routes. */
public final class ProviderFeature implements Feature {
    private final ProviderConsole console;
    private final ProviderStore store;
    private final InstantSource clock;
    private final Authenticator authenticator;

    private ProviderFeature(
            ProviderConsole console,
            ProviderStore store,
            InstantSource clock,
            Authenticator authenticator) {
        this.console = console;
        this.store = store;
        this.clock = clock;
        this.authenticator = authenticator;
    }

    public static ProviderFeature create(
            Database database,
            Registrations registrations,
            PendingCards pendingCards,
            OwnedAgents ownedAgents,
            AgentReads agents,
            Categories categories,
            AuditLog audit,
            InstantSource clock,
            SecureRandom random,
            io.peerclaw.node.gateway.InvocationLog invocations,
            Authenticator authenticator) {
        var store = new ProviderStore(database);
        return new ProviderFeature(
                new ProviderConsole(
                        registrations,
                        pendingCards,
                        ownedAgents,
                        agents,
                        store,
                        categories,
                        audit,
                        clock,
                        random,
                        invocations),
                store,
                clock,
                authenticator);
    }

    /** Whether a user may call a private agent: an approved, unexpired access request. */
    public boolean granted(io.peerclaw.shared.model.AgentId agent, String userId) {
        return store.granted(agent.value(), userId, clock.instant());
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(Mount.API, new ProviderHttpService(console, authenticator));
    }
}
