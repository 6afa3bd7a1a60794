package io.peerclaw.node.verification;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.KeyDirectory;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.registry.AgentModeration;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.model.AgentId;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** Endpoint verification: the challenge use case and its route. */
public final class VerificationFeature implements Feature {
    private final EndpointVerification verification;
    private static final System.Logger LOG = System.getLogger(VerificationFeature.class.getName());

    /** At most this many challenges per minute from one node (each waits up to 5 s). */
    static final int RECHECKS_PER_RUN = 10;

    private final OwnedAgents owned;
    private final Authenticator authenticator;
    private final ExecutorService background;
    private final java.util.concurrent.atomic.AtomicBoolean running =
            new java.util.concurrent.atomic.AtomicBoolean();
    private ScheduledFuture<?> recheck;

    private VerificationFeature(
            EndpointVerification verification,
            OwnedAgents owned,
            Authenticator authenticator,
            ExecutorService background) {
        this.verification = verification;
        this.owned = owned;
        this.authenticator = authenticator;
        this.background = background;
    }

    /**
     * @param publicViewChanged told when an agent's {@code verified} flag changes, so that cached
     *     directory answers drop it at once
     * @param upkeep starts a re-check run every minute
     * @param background runs the re-checks, which wait on endpoints
     */
    public static VerificationFeature create(
            Database database,
            NodeConfig.Verification settings,
            AgentReads agents,
            OwnedAgents owned,
            AgentModeration moderation,
            KeyDirectory keys,
            ReputationEngine reputation,
            OutboundHttp http,
            RandomGenerator random,
            InstantSource clock,
            Consumer<AgentId> publicViewChanged,
            Authenticator authenticator,
            ScheduledExecutorService upkeep,
            ExecutorService background) {
        var feature =
                new VerificationFeature(
                        new EndpointVerification(
                                agents,
                                keys,
                                moderation,
                                reputation,
                                http,
                                new VerificationStore(database),
                                settings.recheckInterval(),
                                random,
                                clock,
                                publicViewChanged),
                        owned,
                        authenticator,
                        background);
        feature.startUpkeep(upkeep);
        return feature;
    }

    /**
     * Re-checks due endpoints every minute, a few at a time. The scheduler only starts a run in the
     * background (a run may wait seconds per endpoint, and the scheduler also writes heartbeats); a
     * run still going is not started again.
     */
    private void startUpkeep(ScheduledExecutorService scheduler) {
        recheck =
                scheduler.scheduleWithFixedDelay(
                        () -> {
                            if (running.compareAndSet(false, true)) {
                                background.execute(this::recheck);
                            }
                        },
                        1,
                        1,
                        TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        if (recheck != null) {
            recheck.cancel(false);
        }
    }

    private void recheck() {
        try {
            verification.recheckDue(RECHECKS_PER_RUN);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "endpoint re-checks failed: " + e.getMessage());
        } finally {
            running.set(false);
        }
    }

    public EndpointVerification verification() {
        return verification;
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(
                Mount.API, new VerificationHttpService(verification, owned, authenticator));
    }
}
