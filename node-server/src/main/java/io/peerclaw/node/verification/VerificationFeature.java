package io.peerclaw.node.verification;

import io.helidon.webserver.http.HttpService;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.registry.AgentRegistry;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.model.AgentId;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** Endpoint verification: the challenge use case and its route. */
public final class VerificationFeature {
    private final EndpointVerification verification;
    private static final System.Logger LOG = System.getLogger(VerificationFeature.class.getName());

    /** At most this many challenges per minute from one node (each waits up to 5 s). */
    static final int RECHECKS_PER_RUN = 10;

    private final AgentRegistry registry;
    private final java.util.concurrent.atomic.AtomicBoolean running =
            new java.util.concurrent.atomic.AtomicBoolean();
    private ScheduledFuture<?> recheck;

    private VerificationFeature(EndpointVerification verification, AgentRegistry registry) {
        this.verification = verification;
        this.registry = registry;
    }

    /**
     * @param publicViewChanged told when an agent's {@code verified} flag changes, so that cached
     *     directory answers drop it at once
     */
    public static VerificationFeature create(
            Database database,
            NodeConfig.Verification settings,
            AgentRegistry registry,
            ReputationEngine reputation,
            OutboundHttp http,
            RandomGenerator random,
            InstantSource clock,
            Consumer<AgentId> publicViewChanged) {
        return new VerificationFeature(
                new EndpointVerification(
                        registry,
                        reputation,
                        http,
                        new VerificationStore(database),
                        settings.recheckInterval(),
                        random,
                        clock,
                        publicViewChanged),
                registry);
    }

    /**
     * Re-checks due endpoints every minute, a few at a time. The scheduler only starts a run on a
     * virtual thread (a run may wait seconds per endpoint, and the scheduler also writes
     * heartbeats); a run still going is not started again.
     */
    public void startUpkeep(ScheduledExecutorService scheduler) {
        recheck =
                scheduler.scheduleWithFixedDelay(
                        () -> {
                            if (running.compareAndSet(false, true)) {
                                Thread.ofVirtual()
                                        .name("peerclaw-verification-recheck")
                                        .start(this::recheck);
                            }
                        },
                        1,
                        1,
                        TimeUnit.MINUTES);
    }

    public void stopUpkeep() {
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

    public HttpService http(Authenticator authenticator) {
        return new VerificationHttpService(verification, registry, authenticator);
    }
}
