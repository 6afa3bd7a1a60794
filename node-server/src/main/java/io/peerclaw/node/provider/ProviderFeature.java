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

    private ProviderFeature(ProviderConsole console) {
        this.console = console;
    }

    public static ProviderFeature create(
            Database database,
            AgentRegistry registry,
            Categories categories,
            AuditLog audit,
            InstantSource clock,
            SecureRandom random) {
        return new ProviderFeature(
                new ProviderConsole(
                        registry, new ProviderStore(database), categories, audit, clock, random));
    }

    public HttpService http(Authenticator authenticator) {
        return new ProviderHttpService(console, authenticator);
    }
}
