package io.peerclaw.node.uptime;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.registry.AgentChangeListener;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.storage.Database;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Uptime probing wired up: the schedule's sweep on the node's upkeep scheduler, the probes on
 * virtual threads (at most {@code probe.concurrency} at once), the re-check route and the health
 * profiles read.
 *
 * <p>The sweep never blocks the upkeep thread: it wakes a dispatcher on a virtual thread, which
 * claims due agents in batches no larger than the free permits and starts one virtual thread per
 * probe as permits free, until nothing is due; so a node probes as fast as {@code
 * probe.concurrency} and the endpoints' answers allow, not one batch per sweep. Once an hour (and
 * at start) agents missing from the schedule are added and old hourly counts deleted, off the
 * upkeep thread too.
 */
public final class UptimeFeature implements Feature {
    private static final System.Logger LOG = System.getLogger(UptimeFeature.class.getName());

    /** How often the schedule is read for due agents. */
    static final Duration SWEEP = Duration.ofSeconds(1);

    /** Due agents taken in one statement at most. */
    private static final int MAX_BATCH = 100;

    private final UptimeProbes probes;
    private final NodeConfig.Probe settings;
    private final InstantSource clock;
    private final Semaphore permits;
    private final Authenticator authenticator;
    private final ExecutorService running;
    private final AtomicLong housekeptHour = new AtomicLong(Long.MIN_VALUE);
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private ScheduledFuture<?> sweeping;

    private UptimeFeature(
            UptimeProbes probes,
            NodeConfig.Probe settings,
            InstantSource clock,
            Authenticator authenticator,
            ExecutorService running) {
        this.probes = probes;
        this.settings = settings;
        this.clock = clock;
        this.authenticator = authenticator;
        this.running = running;
        this.permits = new Semaphore(settings.concurrency());
    }

    /**
     * Starts the scheduled probes on {@code upkeep}, unless {@code probe.enabled} is false.
     *
     * @param probing runs the probes, one task each (virtual threads: they wait on endpoints)
     */
    public static UptimeFeature create(
            Database database,
            AgentReads agents,
            OwnedAgents owned,
            ReputationEngine reputation,
            OutboundHttp outbound,
            NodeConfig.Probe settings,
            InstantSource clock,
            RandomGenerator random,
            Authenticator authenticator,
            ScheduledExecutorService upkeep,
            ExecutorService probing) {
        var probes =
                new UptimeProbes(
                        new ProbeStore(database),
                        new LivenessCheck(outbound),
                        agents,
                        owned,
                        reputation,
                        settings,
                        clock,
                        random);
        var feature = new UptimeFeature(probes, settings, clock, authenticator, probing);
        feature.start(upkeep);
        return feature;
    }

    /** What profiles show: the last probe and the 24 h uptime. */
    public HealthReadings health() {
        return probes;
    }

    /** Give this to the registry: new and changed agents enter the schedule. */
    public AgentChangeListener registryListener() {
        return probes.registryListener();
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(Mount.API, new UptimeHttpService(probes, authenticator));
    }

    private void start(ScheduledExecutorService scheduler) {
        if (!settings.enabled()) {
            LOG.log(System.Logger.Level.INFO, "uptime probes are off (probe.enabled: false)");
            return;
        }
        long period = SWEEP.toMillis();
        sweeping =
                scheduler.scheduleWithFixedDelay(
                        this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops sweeping. Probes in flight end when the root interrupts the probing executor, after
     * every feature has closed.
     */
    @Override
    public void close() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }

    /**
     * One sweep; runs on the upkeep thread and must stay quick: it only starts the dispatcher
     * unless it is still at work.
     */
    void sweep() {
        try {
            housekeepHourly();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "uptime housekeeping failed: " + e.getMessage());
        }
        if (dispatching.compareAndSet(false, true)) {
            try {
                running.execute(this::dispatch);
            } catch (RuntimeException e) {
                dispatching.set(false);
                LOG.log(System.Logger.Level.WARNING, "uptime sweep failed: " + e.getMessage());
            }
        }
    }

    /**
     * Takes due agents in batches no larger than the free permits and starts a probe for each as a
     * permit frees, until nothing is due. Runs on a virtual thread, which may wait.
     */
    private void dispatch() {
        try {
            while (true) {
                int batch = Math.clamp(permits.availablePermits(), 1, MAX_BATCH);
                var due = probes.claimDue(batch);
                if (due.isEmpty()) {
                    return;
                }
                for (var agent : due) {
                    permits.acquire();
                    running.execute(
                            () -> {
                                try {
                                    probes.probeScheduled(agent);
                                } catch (RuntimeException e) {
                                    LOG.log(
                                            System.Logger.Level.WARNING,
                                            "probe of " + agent + " failed: " + e.getMessage());
                                } finally {
                                    permits.release();
                                }
                            });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the node is stopping
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "uptime dispatch failed: " + e.getMessage());
        } finally {
            dispatching.set(false);
        }
    }

    private void housekeepHourly() {
        long hour = UptimeProbes.epochHour(clock.instant());
        long last = housekeptHour.get();
        if (last == hour || !housekeptHour.compareAndSet(last, hour)) {
            return;
        }
        running.execute(
                () -> {
                    try {
                        int added = probes.scheduleMissing();
                        int pruned = probes.prune();
                        LOG.log(
                                System.Logger.Level.DEBUG,
                                "uptime schedule: {0} agents added, {1} old hours deleted",
                                added,
                                pruned);
                    } catch (RuntimeException e) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "uptime housekeeping failed: " + e.getMessage());
                    }
                });
    }
}
