package io.peerclaw.node.gateway;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.model.AgentId;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The protocol gateway's core, built once per node; front doors receive {@link #gateway()}. */
public final class GatewayFeature implements Feature {
    private static final System.Logger LOG = System.getLogger(GatewayFeature.class.getName());

    private final Gateway gateway;

    /** Agents whose recent calls were last reported above zero. */
    private volatile java.util.Set<String> popular = java.util.Set.of();

    private GatewayFeature(Gateway gateway) {
        this.gateway = gateway;
    }

    public static GatewayFeature create(
            Database database,
            AgentReads registry,
            AccessGrants grants,
            AgentContacts contacts,
            ReputationEngine reputation,
            AgentConnector connector,
            AuditLog audit,
            InstantSource clock,
            NodeConfig.Gateway settings,
            ScheduledExecutorService upkeep,
            ScheduledExecutorService persister,
            java.util.function.ObjLongConsumer<AgentId> recentCalls) {
        var access = new CallAccess(registry, grants, contacts);
        var store = new GatewayStore(database);
        var limits =
                new CallLimits(
                        settings.anonymousPerHour(), settings.userPerHour(), System::nanoTime);
        var runner =
                new CallRunner(
                        limits, connector, store, reputation, audit, clock, settings, persister);
        var gateway = new Gateway(access, runner, connector, store, audit, clock, settings);
        var feature = new GatewayFeature(gateway);
        feature.startUpkeep(upkeep, recentCalls);
        return feature;
    }

    public Gateway gateway() {
        return gateway;
    }

    /**
     * Cleans up expired tasks and old invocations every ten minutes, and tells the directory each
     * agent's calls of the last seven days (its popularity order).
     */
    private void startUpkeep(
            ScheduledExecutorService scheduler, java.util.function.ObjLongConsumer<AgentId> calls) {
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        var counts = gateway.recentCalls();
                        for (String gone : popular) {
                            if (!counts.containsKey(gone)) {
                                calls.accept(new AgentId(gone), 0);
                            }
                        }
                        counts.forEach((agent, n) -> calls.accept(new AgentId(agent), n));
                        popular = java.util.Set.copyOf(counts.keySet());
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "call counts not updated", e);
                    }
                },
                10,
                600,
                TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        int removed = gateway.cleanUp();
                        if (removed > 0) {
                            LOG.log(
                                    System.Logger.Level.DEBUG,
                                    "removed {0} expired tasks and invocations",
                                    removed);
                        }
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "gateway clean-up failed", e);
                    }
                },
                1,
                10,
                TimeUnit.MINUTES);
    }

    /** Writes what calls left behind and stops running calls. */
    @Override
    public void close() {
        gateway.close();
    }
}
