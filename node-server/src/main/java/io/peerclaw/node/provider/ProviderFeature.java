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
    private final AccessGrants grants;

    private ProviderFeature(ProviderConsole console, AccessGrants grants) {
        this.console = console;
        this.grants = grants;
    }

    /** Whether a user may call a private agent: an approved, unexpired access request. */
    @FunctionalInterface
    public interface AccessGrants {
        boolean granted(io.peerclaw.shared.model.AgentId agent, String userId);
    }

    public static ProviderFeature create(
            Database database,
            AgentRegistry registry,
            Categories categories,
            AuditLog audit,
            InstantSource clock,
            SecureRandom random) {
        var store = new ProviderStore(database);
        return new ProviderFeature(
                new ProviderConsole(registry, store, categories, audit, clock, random),
                (agent, user) -> store.granted(agent.value(), user, clock.instant()));
    }

    public AccessGrants accessGrants() {
        return grants;
    }

    public HttpService http(Authenticator authenticator) {
        return new ProviderHttpService(console, authenticator);
    }
}
