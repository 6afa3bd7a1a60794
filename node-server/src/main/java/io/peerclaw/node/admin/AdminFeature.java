package io.peerclaw.node.admin;

import io.peerclaw.node.accounts.UserAdministration;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.SettingsFile;
import io.peerclaw.node.directory.Categories;
import io.peerclaw.node.gateway.InvocationLog;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentModeration;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.reviews.Reviews;
import java.time.InstantSource;
import java.util.List;

/**
 * The admin area over the other features, the console's routes (node facts, logs, settings,
 * restart, reputation, the live activity feed) and {@code /setup}.
 */
public final class AdminFeature implements Feature {
    private final AdminHttpService admin;
    private final ConsoleHttpService console;
    private final SetupHttpService setup;

    private AdminFeature(
            AdminHttpService admin, ConsoleHttpService console, SetupHttpService setup) {
        this.admin = admin;
        this.console = console;
        this.setup = setup;
    }

    /** What the console's routes read and do beyond the other features' use cases. */
    public record Console(
            NodeControl node, NodeLogs logs, SettingsFile settings, ReputationEngine reputation) {}

    public static AdminFeature create(
            UserAdministration accounts,
            AgentReads agents,
            OwnedAgents ownedAgents,
            AgentModeration moderation,
            Reviews reviews,
            Categories categories,
            InvocationLog invocations,
            AuditLog audit,
            InstantSource clock,
            Authenticator authenticator,
            Console console) {
        var administration =
                new Administration(
                        accounts,
                        agents,
                        ownedAgents,
                        moderation,
                        reviews,
                        categories,
                        invocations,
                        audit,
                        clock);
        var names = new Names(accounts, agents, reviews);
        return new AdminFeature(
                new AdminHttpService(administration, reviews, audit, authenticator, names),
                new ConsoleHttpService(
                        console.node(),
                        console.logs(),
                        console.settings(),
                        console.reputation(),
                        audit,
                        authenticator,
                        clock,
                        names),
                new SetupHttpService(accounts));
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(Mount.API, admin, console, setup);
    }

    /** Ends the live streams (activity) so that the server can stop without waiting on them. */
    public void endLiveStreams() {
        console.stop();
    }

    @Override
    public void close() {
        endLiveStreams();
    }
}
