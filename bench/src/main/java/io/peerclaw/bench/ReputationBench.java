package io.peerclaw.bench;

import io.peerclaw.node.config.ConfigSources;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.NodeConfigLoader;
import io.peerclaw.node.config.Secret;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.reputation.ReputationFeature;
import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.model.AgentId;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many reputation events per second the trust engine records on a real database: each event is
 * one transaction that locks the agent's row, reads, inserts the event and writes the score.
 * Measured with events spread over many agents (the usual case) and all on one agent (the worst
 * case: every update waits for the one before).
 */
final class ReputationBench {
    private static final int AGENTS = 1_000;

    private ReputationBench() {}

    static void run(String jdbcUrl, int threads, Duration duration, PrintStream out)
            throws Exception {
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        var database =
                Database.open(
                        new NodeConfig.Database(
                                postgres
                                        ? NodeConfig.Database.Driver.POSTGRES
                                        : NodeConfig.Database.Driver.H2,
                                jdbcUrl,
                                postgres ? null : "sa",
                                new Secret(""),
                                threads + 2));
        // The feature schedules its upkeep (idle drift) on this; the bench ends before it runs.
        var upkeep = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            var settings =
                    NodeConfigLoader.load(
                                    new ConfigSources(
                                            Optional.empty(),
                                            Optional.of(Files.createTempDirectory("repbench")),
                                            OptionalInt.empty(),
                                            Map.of(),
                                            // No caps: the point is the engine's own rate.
                                            Map.of(
                                                    "reputation.caps.bridge_success", "1000000",
                                                    "reputation.caps.bridge_error", "1000000")))
                            .config()
                            .reputation();
            var engine =
                    ReputationFeature.create(database, settings, InstantSource.system(), upkeep)
                            .engine();
            var agents = seed(database, AGENTS);
            measure(engine, agents, threads, Duration.ofSeconds(3), null); // warm-up
            double spread = measure(engine, agents, threads, duration, null);
            double one = measure(engine, agents, threads, duration, agents.getFirst());
            out.printf(
                    "reputation events: %.0f/s over %d agents, %.0f/s on one agent (%d threads,"
                            + " %s)%n",
                    spread, AGENTS, one, threads, postgres ? "PostgreSQL" : "H2");
        } finally {
            upkeep.shutdownNow();
            database.close();
        }
    }

    private static double measure(
            ReputationEngine engine,
            java.util.List<AgentId> agents,
            int threads,
            Duration duration,
            AgentId only)
            throws Exception {
        var stop = new AtomicBoolean();
        var done = new LongAdder();
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(
                        pool.submit(
                                () -> {
                                    int i = offset;
                                    while (!stop.get()) {
                                        var agent =
                                                only != null
                                                        ? only
                                                        : agents.get(
                                                                Math.floorMod(
                                                                        i * 7919, agents.size()));
                                        var outcome =
                                                i % 10 == 0
                                                        ? ReputationEngine.CallOutcome.ERROR
                                                        : ReputationEngine.CallOutcome.SUCCESS;
                                        if (engine.routedCall(agent, outcome, null)
                                                instanceof ReputationEngine.Outcome.Counted) {
                                            done.increment();
                                        }
                                        i += threads;
                                    }
                                    return null;
                                }));
            }
            long started = System.nanoTime();
            Thread.sleep(duration.toMillis());
            stop.set(true);
            for (var future : futures) {
                future.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return done.sum() / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private static java.util.List<AgentId> seed(Database database, int count) {
        var ids = new ArrayList<AgentId>();
        var now = Instant.now();
        var rows = new ArrayList<Object[]>();
        for (int i = 0; i < count; i++) {
            var id = AgentId.of(LoadGenerator.key(9_000_000 + i).publicKey());
            ids.add(id);
            rows.add(new Object[] {id.value(), "bench-key-" + i, "bench " + i, now, now});
        }
        database.inTransaction(
                sql ->
                        sql.batch(
                                "INSERT INTO agents (id, public_key, name, visibility, card_json,"
                                        + " registered_at, updated_at) VALUES (?, ?, ?, 'public',"
                                        + " '{}', ?, ?)",
                                rows));
        return ids;
    }
}
