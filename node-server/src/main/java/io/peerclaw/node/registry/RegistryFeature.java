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
 * The agent registry: it assembles the registry's parts (registrations, reads, pending cards, owned
 * agents, moderation, heartbeats, the key lookup), hands other features the use cases they need,
 * serves the routes and runs the liveness upkeep. Built before {@code identity}, which checks
 * signatures against the keys registered here, so its routes take the authenticator when the root
 * asks for them.
 */
public final class RegistryFeature implements Feature {
    private static final System.Logger LOG = System.getLogger(RegistryFeature.class.getName());

    private final NodeConfig.Registry config;
    private final AgentChanges changes = new AgentChanges();
    private final RegisteredKeys keys;
    private final Heartbeats heartbeats;
    private final Registrations registrations;
    private final AgentReads reads;
    private final PendingCards pendingCards;
    private final OwnedAgents ownedAgents;
    private final AgentModeration moderation;
    private ScheduledFuture<?> upkeep;

    private RegistryFeature(
            AgentRowStore rows,
            AddressPolicy addresses,
            AuditLog audit,
            InstantSource clock,
            NodeConfig.Registry config,
            AgentOwners owners) {
        this.config = config;
        var validator = new CardValidator(addresses);
        keys = new RegisteredKeys(new RegisteredKeyStore(rows.database()));
        heartbeats =
                new Heartbeats(new LivenessStore(rows), keys, validator, changes, clock, config);
        registrations =
                new Registrations(
                        new RegistrationStore(rows),
                        validator,
                        keys,
                        heartbeats,
                        changes,
                        owners,
                        audit,
                        clock);
        reads = new AgentReads(new AgentReadStore(rows), heartbeats, clock);
        pendingCards =
                new PendingCards(
                        new PendingStore(rows),
                        validator,
                        keys,
                        heartbeats,
                        changes,
                        owners,
                        audit,
                        clock);
        ownedAgents =
                new OwnedAgents(
                        new OwnershipStore(rows),
                        validator,
                        keys,
                        pendingCards,
                        registrations,
                        heartbeats,
                        changes,
                        audit,
                        clock);
        moderation =
                new AgentModeration(
                        new ModerationStore(rows),
                        registrations,
                        heartbeats,
                        changes,
                        audit,
                        clock);
    }

    public static RegistryFeature create(
            Database database,
            AuditLog audit,
            InstantSource clock,
            NodeConfig.Registry config,
            AddressPolicy addresses,
            AgentOwners owners,
            ScheduledExecutorService upkeep) {
        var feature =
                assemble(new AgentRowStore(database), addresses, audit, clock, config, owners);
        feature.startUpkeep(upkeep);
        return feature;
    }

    /** The parts wired together, without the upkeep (which tests drive by hand). */
    static RegistryFeature assemble(
            AgentRowStore rows,
            AddressPolicy addresses,
            AuditLog audit,
            InstantSource clock,
            NodeConfig.Registry config,
            AgentOwners owners) {
        return new RegistryFeature(rows, addresses, audit, clock, config, owners);
    }

    /** Agents registering, updating and leaving; the agent count. */
    public Registrations registrations() {
        return registrations;
    }

    /** One agent, the public listing, the callable page. */
    public AgentReads reads() {
        return reads;
    }

    /**
     * Cards providers post for keys they do not hold, and their confirmation (the identity
     * feature's {@link io.peerclaw.node.identity.PendingRegistrations}).
     */
    public PendingCards pendingCards() {
        return pendingCards;
    }

    /** What owners do with their agents. */
    public OwnedAgents ownedAgents() {
        return ownedAgents;
    }

    /** Admin moderation and the verified flag. */
    public AgentModeration moderation() {
        return moderation;
    }

    /** The registry as the identity feature's source of registered keys. */
    public KeyDirectory keyDirectory() {
        return keys;
    }

    Heartbeats heartbeats() {
        return heartbeats;
    }

    /** Tells a listener about every committed registration change (for read sides). */
    public void onChange(AgentChangeListener listener) {
        changes.addChangeListener(listener);
    }

    public void onLiveness(LivenessListener listener) {
        changes.addLivenessListener(listener);
    }

    /**
     * @param readsNeedCredentials {@code auth.required}: listing and discovery need a caller
     */
    public List<Mount> routes(Authenticator authenticator, boolean readsNeedCredentials) {
        return Mount.under(
                Mount.API,
                new RegistryHttpService(
                        registrations, reads, heartbeats, authenticator, readsNeedCredentials));
    }

    /** Flushes buffered heartbeats and marks silent agents offline, every flush interval. */
    private void startUpkeep(ScheduledExecutorService scheduler) {
        long period = config.heartbeatFlushInterval().toMillis();
        upkeep =
                scheduler.scheduleWithFixedDelay(
                        this::upkeep, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stops the upkeep and writes what is still buffered; later heartbeats are written at once. */
    @Override
    public void close() {
        if (upkeep != null) {
            upkeep.cancel(false);
        }
        try {
            heartbeats.stop();
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not write the last heartbeats: " + e.getMessage());
        }
    }

    private void upkeep() {
        try {
            heartbeats.markSilentAgentsOffline();
            pendingCards.dropLapsed();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "registry upkeep failed: " + e.getMessage());
        }
    }
}
