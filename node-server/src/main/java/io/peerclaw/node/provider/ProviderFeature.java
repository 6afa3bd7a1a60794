package io.peerclaw.node.provider;

import io.helidon.webserver.http.HttpService;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.directory.Categories;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentRegistry;
import io.peerclaw.node.storage.Database;
import java.security.SecureRandom;
import java.time.InstantSource;

/** The provider console: its use cases and routes. */
public final class ProviderFeature {
    private final ProviderConsole console;
    private final ProviderStore store;
    private final InstantSource clock;

    private ProviderFeature(ProviderConsole console, ProviderStore store, InstantSource clock) {
        this.console = console;
        this.store = store;
        this.clock = clock;
    }

    public static ProviderFeature create(
            Database database,
            AgentRegistry registry,
            Categories categories,
            AuditLog audit,
            InstantSource clock,
            SecureRandom random,
            io.peerclaw.node.gateway.InvocationLog invocations) {
        var store = new ProviderStore(database);
        return new ProviderFeature(
                new ProviderConsole(registry, store, categories, audit, clock, random, invocations),
                store,
                clock);
    }

    /** Whether a user may call a private agent: an approved, unexpired access request. */
    public boolean granted(io.peerclaw.shared.model.AgentId agent, String userId) {
        return store.granted(agent.value(), userId, clock.instant());
    }

    public HttpService http(Authenticator authenticator) {
        return new ProviderHttpService(console, authenticator);
    }
}
