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
    private final Accounts accounts;
    private final java.util.List<ConsoleHttpService> consoles =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private AdminFeature(Administration admin, Reviews reviews, AuditLog audit, Accounts accounts) {
        this.admin = admin;
        this.reviews = reviews;
        this.audit = audit;
        this.accounts = accounts;
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
                audit,
                accounts);
    }

    public HttpService http(Authenticator authenticator) {
        return new AdminHttpService(admin, reviews, audit, authenticator);
    }

    /** The console's routes: node facts, logs, settings, restart, reputation, activity. */
    public HttpService consoleHttp(
            Authenticator authenticator,
            NodeControl node,
            NodeLogs logs,
            io.peerclaw.node.config.SettingsFile settings,
            io.peerclaw.node.reputation.ReputationEngine reputation,
            InstantSource clock) {
        var console =
                new ConsoleHttpService(
                        node, logs, settings, reputation, audit, authenticator, clock);
        consoles.add(console);
        return console;
    }

    /** {@code /setup}: the first admin of an empty node, from this machine only. */
    public HttpService setupHttp() {
        return new SetupHttpService(accounts);
    }

    /** Ends the live streams (activity) so that the server can stop without waiting on them. */
    public void stop() {
        consoles.forEach(ConsoleHttpService::stop);
    }
}
