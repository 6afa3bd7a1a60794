package io.peerclaw.node.admin;

import io.helidon.webserver.http.HttpService;
import io.peerclaw.node.accounts.Accounts;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.directory.Categories;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentRegistry;
import io.peerclaw.node.reviews.Reviews;
import java.time.InstantSource;

/** The admin area's routes, over the other features. */
public final class AdminFeature {
    private final Administration admin;
    private final Reviews reviews;
    private final AuditLog audit;

    private AdminFeature(Administration admin, Reviews reviews, AuditLog audit) {
        this.admin = admin;
        this.reviews = reviews;
        this.audit = audit;
    }

    public static AdminFeature create(
            Accounts accounts,
            AgentRegistry registry,
            Reviews reviews,
            Categories categories,
            io.peerclaw.node.gateway.InvocationLog invocations,
            AuditLog audit,
            InstantSource clock) {
        return new AdminFeature(
                new Administration(
                        accounts, registry, reviews, categories, invocations, audit, clock),
                reviews,
                audit);
    }

    public HttpService http(Authenticator authenticator) {
        return new AdminHttpService(admin, reviews, audit, authenticator);
    }
}
