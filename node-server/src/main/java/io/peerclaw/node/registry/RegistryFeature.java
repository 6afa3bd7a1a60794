package io.peerclaw.node.registry;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.KeyDirectory;
import io.peerclaw.node.net.AddressPolicy;
import io.peerclaw.node.storage.Database;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The agent registry: its use cases, its routes and its liveness upkeep. Built before {@code
 * identity}, which checks signatures against the keys registered here, so its routes take the
 * authenticator when the root asks for them.
 */
public final class RegistryFeature implements Feature {
    private static final System.Logger LOG = System.getLogger(RegistryFeature.class.getName());

    private final AgentRegistry registry;
    private final NodeConfig.Registry config;
    private ScheduledFuture<?> upkeep;

    private RegistryFeature(AgentRegistry registry, NodeConfig.Registry config) {
        this.registry = registry;
        this.config = config;
    }

    public static RegistryFeature create(
            Database database,
            AuditLog audit,
            InstantSource clock,
            NodeConfig.Registry config,
            AddressPolicy addresses,
            AgentOwners owners,
            ScheduledExecutorService upkeep) {
        var registry =
                new AgentRegistry(
                        new AgentStore(database),
                        new CardValidator(addresses),
                        audit,
                        clock,
                        config,
                        owners);
        var feature = new RegistryFeature(registry, config);
        feature.startUpkeep(upkeep);
        return feature;
    }

    public AgentRegistry registry() {
        return registry;
    }

    /** The registry as the identity feature's source of registered keys. */
    public KeyDirectory keyDirectory() {
        return registry;
    }

    /** Tells a listener about every committed registration change (for read sides). */
    public void onChange(AgentChangeListener listener) {
        registry.addChangeListener(listener);
    }

    public void onLiveness(LivenessListener listener) {
        registry.addLivenessListener(listener);
    }

    /**
     * @param readsNeedCredentials {@code auth.required}: listing and discovery need a caller
     */
    public List<Mount> routes(Authenticator authenticator, boolean readsNeedCredentials) {
        return Mount.under(
                Mount.API, new RegistryHttpService(registry, authenticator, readsNeedCredentials));
    }

    /** Flushes buffered heartbeats and marks silent agents offline, every flush interval. */
    private void startUpkeep(ScheduledExecutorService scheduler) {
        long period = config.heartbeatFlushInterval().toMillis();
        upkeep =
                scheduler.scheduleWithFixedDelay(
                        this::upkeep, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stops the upkeep and writes what is still buffered. */
    @Override
    public void close() {
        if (upkeep != null) {
            upkeep.cancel(false);
        }
        try {
            registry.flushHeartbeats();
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not write the last heartbeats: " + e.getMessage());
        }
    }

    private void upkeep() {
        try {
            registry.markSilentAgentsOffline();
            registry.dropLapsedPending();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "registry upkeep failed: " + e.getMessage());
        }
    }
}
