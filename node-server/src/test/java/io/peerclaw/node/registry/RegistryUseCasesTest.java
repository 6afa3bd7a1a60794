package io.peerclaw.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.identity.SignedRequest;
import io.peerclaw.node.net.AddressPolicy;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Heartbeat;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry's use cases against real SQL on both engines. */
class RegistryUseCasesTest {
    static final NodeConfig.Registry CONFIG =
            new NodeConfig.Registry(
                    Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5));

    record Setup(TestDatabase db, AgentRowStore store, RegistryFeature registry, MutableClock clock)
            implements AutoCloseable {
        static Setup on(TestNode.Engine engine) {
            var db = TestDatabase.fresh(engine);
            var clock = MutableClock.atSystemTime();
            var audit =
                    AuditLog.create(
                            new NodeConfig.AuditLog(true, Optional.empty()),
                            db.database(),
                            clock,
                            OutputStream.nullOutputStream());
            var store = new AgentRowStore(db.database());
            var registry =
                    RegistryFeature.assemble(
                            store, AddressPolicy.strict(), audit, clock, CONFIG, owner -> {});
            return new Setup(db, store, registry, clock);
        }

        AgentId register(TestAgent agent) {
            var card = Json.convert(agent.card("unit"), AgentCard.class);
            registry.registrations()
                    .register(new SignedRequest(agent.id(), agent.key().publicKey()), card);
            return agent.id();
        }

        @Override
        public void close() {
            db.close();
        }
    }

    static TestAgent agent() {
        return new TestAgent(URI.create("http://unused"));
    }

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void aHeartbeatThatChangesNothingIsBufferedAndWrittenInTheNextBatch(TestNode.Engine engine) {
        try (var setup = Setup.on(engine)) {
            AgentId id = setup.register(agent());
            var stored = setup.store().find(id.value()).orElseThrow().lastHeartbeat();
            setup.clock().advance(Duration.ofSeconds(10));

            setup.registry().heartbeats().heartbeat(id, new Heartbeat.Request(null, null));
            assertThat(setup.store().find(id.value()).orElseThrow().lastHeartbeat())
                    .isEqualTo(stored);
            var seen = setup.registry().reads().findStored(id).orElseThrow().lastHeartbeat();
            assertThat(seen).isEqualTo(stored.plusSeconds(10));

            setup.registry().heartbeats().flush();
            assertThat(setup.store().find(id.value()).orElseThrow().lastHeartbeat())
                    .isEqualTo(stored.plusSeconds(10));
        }
    }

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void aHeartbeatThatChangesStatusIsWrittenAtOnce(TestNode.Engine engine) {
        try (var setup = Setup.on(engine)) {
            AgentId id = setup.register(agent());
            setup.registry().heartbeats().heartbeat(id, new Heartbeat.Request("busy", null));
            assertThat(setup.store().find(id.value()).orElseThrow().status()).isEqualTo("busy");
        }
    }

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void concurrentFirstRegistrationsOfOneKeyCreateOneAgent(TestNode.Engine engine)
            throws Exception {
        try (var setup = Setup.on(engine);
                var pool = Executors.newFixedThreadPool(8)) {
            var agent = agent();
            var card = Json.convert(agent.card("racer"), AgentCard.class);
            var start = new CountDownLatch(1);
            var results = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < 8; i++) {
                Callable<Boolean> task =
                        () -> {
                            start.await();
                            return setup.registry()
                                    .registrations()
                                    .register(
                                            new SignedRequest(agent.id(), agent.key().publicKey()),
                                            card)
                                    .created();
                        };
                results.add(pool.submit(task));
            }
            start.countDown();
            int created = 0;
            for (var result : results) {
                created += result.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(setup.registry().registrations().count()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void theSweepSparesAgentsWithABufferedHeartbeat(TestNode.Engine engine) {
        try (var setup = Setup.on(engine)) {
            AgentId silent = setup.register(agent());
            AgentId beating = setup.register(agent());
            setup.clock().advance(Duration.ofMinutes(6));
            setup.registry().heartbeats().heartbeat(beating, null);
            assertThat(setup.registry().heartbeats().markSilentAgentsOffline()).isEqualTo(1);
            assertThat(setup.store().find(silent.value()).orElseThrow().status())
                    .isEqualTo("offline");
            assertThat(setup.store().find(beating.value()).orElseThrow().status())
                    .isEqualTo("online");
            assertThat(Map.of("count", setup.registry().registrations().count()))
                    .containsEntry("count", 2L);
        }
    }
}
