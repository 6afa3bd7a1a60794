package io.peerclaw.node.reputation;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.registry.AgentChangeListener;
import io.peerclaw.node.registry.LivenessListener;
import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.model.AgentId;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The trust engine wired to what it observes: registrations and liveness from the registry;
 * reviews, verification and routed calls call {@link #engine()} directly. Idle drift is written on
 * the node's upkeep scheduler.
 */
public final class ReputationFeature implements Feature {
    private static final System.Logger LOG = System.getLogger(ReputationFeature.class.getName());

    private final ReputationEngine engine;
    private final NodeConfig.Reputation settings;
    private ScheduledFuture<?> decay;

    private ReputationFeature(ReputationEngine engine, NodeConfig.Reputation settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /** The engine, with its idle drift written on {@code upkeep}. */
    public static ReputationFeature create(
            Database database,
            NodeConfig.Reputation settings,
            InstantSource clock,
            ScheduledExecutorService upkeep) {
        var feature =
                new ReputationFeature(
                        new ReputationEngine(new ReputationStore(database), settings, clock),
                        settings);
        feature.startUpkeep(upkeep);
        return feature;
    }

    public ReputationEngine engine() {
        return engine;
    }

    /** A new agent earns its one registration event. */
    public AgentChangeListener registryListener() {
        return (id, change) -> {
            if (change == AgentChangeListener.Change.REGISTERED) {
                engine.registered(id);
            }
        };
    }

    /** Heartbeats are up samples and falling silent a down sample, one each per period. */
    public LivenessListener livenessListener() {
        return new LivenessListener() {
            @Override
            public void heartbeat(AgentId agent) {
                engine.uptimeSample(agent, true, "heartbeat");
            }

            @Override
            public void wentSilent(List<AgentId> agents) {
                for (AgentId agent : agents) {
                    engine.uptimeSample(agent, false, "heartbeat missed");
                }
            }
        };
    }

    private void startUpkeep(ScheduledExecutorService scheduler) {
        long period = settings.decayInterval().toMillis();
        decay =
                scheduler.scheduleWithFixedDelay(
                        this::decay, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (decay != null) {
            decay.cancel(false);
        }
    }

    private void decay() {
        try {
            engine.decayIdleScores();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "idle score drift failed: " + e.getMessage());
        }
    }
}
