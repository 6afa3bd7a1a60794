package io.peerclaw.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.identity.SignedRequest;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The listing of agents a caller may call: reach, order and offsets, on both engines. */
class CallableListingTest {

    /** Agents of two owners and of nobody, public and private, open and closed, one suspended. */
    record World(String alice, String bob) {}

    static World world(RegistryUseCasesTest.Setup setup) {
        String alice = user(setup);
        String bob = user(setup);
        var names = new ArrayList<String>();
        // name, owner, visibility, playground, suspended
        register(setup, "m-alice-private", alice, "private", false, false, names);
        register(setup, "c-alice-public", alice, "public", false, false, names);
        register(setup, "x-alice-suspended", alice, "public", true, true, names);
        register(setup, "b-bob-private", bob, "private", false, false, names);
        register(setup, "k-bob-granted", bob, "private", false, false, names);
        register(setup, "f-bob-public", bob, "public", false, false, names);
        register(setup, "d-bob-open", bob, "public", true, false, names);
        register(setup, "a-nobody-open", null, "public", true, false, names);
        register(setup, "z-nobody-public", null, "public", false, false, names);
        return new World(alice, bob);
    }

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void anonymousCallersReachOpenPublicAgentsByName(TestNode.Engine engine) {
        try (var setup = RegistryUseCasesTest.Setup.on(engine)) {
            world(setup);
            var page =
                    setup.registry()
                            .reads()
                            .callablePage(new AgentReads.Reach(null, null, null, true), 0, 100);

            assertThat(names(page)).containsExactly("a-nobody-open", "d-bob-open");
        }
    }

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void usersReachTheirOwnAgentsFirstThenPublicAndGrantedOnes(TestNode.Engine engine) {
        try (var setup = RegistryUseCasesTest.Setup.on(engine)) {
            var world = world(setup);
            grant(setup, "k-bob-granted", world.alice(), "approved", null);
            grant(setup, "b-bob-private", world.alice(), "pending", null);
            var page =
                    setup.registry()
                            .reads()
                            .callablePage(
                                    new AgentReads.Reach(world.alice(), null, world.alice(), false),
                                    0,
                                    100);

            assertThat(names(page))
                    .containsExactly(
                            "c-alice-public",
                            "m-alice-private",
                            "a-nobody-open",
                            "d-bob-open",
                            "f-bob-public",
                            "k-bob-granted",
                            "z-nobody-public");
        }
    }

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void anExpiredGrantOpensNothing(TestNode.Engine engine) {
        try (var setup = RegistryUseCasesTest.Setup.on(engine)) {
            var world = world(setup);
            grant(
                    setup,
                    "k-bob-granted",
                    world.alice(),
                    "approved",
                    setup.clock().instant().minus(Duration.ofMinutes(1)));
            var page =
                    setup.registry()
                            .reads()
                            .callablePage(
                                    new AgentReads.Reach(world.alice(), null, world.alice(), false),
                                    0,
                                    100);

            assertThat(names(page)).doesNotContain("k-bob-granted", "b-bob-private");
        }
    }

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void agentsReachTheirOwnersAgentsAndThemselvesFirst(TestNode.Engine engine) {
        try (var setup = RegistryUseCasesTest.Setup.on(engine)) {
            var world = world(setup);
            var loner = new ArrayList<String>();
            register(setup, "y-unowned-private", null, "private", false, false, loner);
            var page =
                    setup.registry()
                            .reads()
                            .callablePage(
                                    new AgentReads.Reach(
                                            world.bob(), loner.getFirst(), null, false),
                                    0,
                                    100);

            assertThat(names(page))
                    .containsExactly(
                            "b-bob-private",
                            "d-bob-open",
                            "f-bob-public",
                            "k-bob-granted",
                            "y-unowned-private",
                            "a-nobody-open",
                            "c-alice-public",
                            "z-nobody-public");
        }
    }

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void offsetsCountAcrossBothSections(TestNode.Engine engine) {
        try (var setup = RegistryUseCasesTest.Setup.on(engine)) {
            var world = world(setup);
            var reach = new AgentReads.Reach(world.alice(), null, world.alice(), false);
            var whole = names(setup.registry().reads().callablePage(reach, 0, 100));
            var walked = new ArrayList<String>();
            for (int offset = 0; offset < whole.size() + 3; offset += 3) {
                walked.addAll(names(setup.registry().reads().callablePage(reach, offset, 3)));
            }

            assertThat(walked).isEqualTo(whole);
            assertThat(names(setup.registry().reads().callablePage(reach, 1, 2)))
                    .containsExactly("m-alice-private", "a-nobody-open");
            assertThat(setup.registry().reads().callablePage(reach, 50, 10)).isEmpty();
        }
    }

    private static List<String> names(List<ManagedAgent> page) {
        return page.stream().map(m -> m.card().name()).toList();
    }

    private static String user(RegistryUseCasesTest.Setup setup) {
        String id = UUID.randomUUID().toString();
        Instant now = setup.clock().instant();
        setup.db()
                .database()
                .inTransaction(
                        sql ->
                                sql.update(
                                        "INSERT INTO users (id, email, password_hash,"
                                                + " display_name, role, email_verified, created_at,"
                                                + " updated_at) VALUES (?, ?, 'x', 'x', 'user',"
                                                + " TRUE, ?, ?)",
                                        id,
                                        id + "@example.org",
                                        now,
                                        now));
        return id;
    }

    private static void register(
            RegistryUseCasesTest.Setup setup,
            String name,
            String owner,
            String visibility,
            boolean playground,
            boolean suspended,
            List<String> ids) {
        var agent = new TestAgent(URI.create("http://unused"));
        var card = agent.card(name);
        card.put("visibility", visibility);
        setup.registry()
                .registrations()
                .register(
                        new SignedRequest(agent.id(), agent.key().publicKey()),
                        Json.convert(card, AgentCard.class),
                        owner);
        if (playground) {
            if (owner == null) {
                setup.db()
                        .database()
                        .inTransaction(
                                sql ->
                                        sql.update(
                                                "UPDATE agents SET playground_enabled = TRUE"
                                                        + " WHERE id = ?",
                                                agent.id().value()));
            } else {
                setup.registry()
                        .ownedAgents()
                        .updateOwned(
                                agent.id(),
                                owner,
                                new OwnedAgents.OwnerChange(
                                        UnaryOperator.identity(),
                                        Optional.empty(),
                                        Optional.of(true),
                                        Optional.empty()));
            }
        }
        if (suspended) {
            setup.registry().moderation().setSuspended(agent.id(), "test", null);
        }
        ids.add(agent.id().value());
    }

    private static void grant(
            RegistryUseCasesTest.Setup setup,
            String agentName,
            String user,
            String status,
            Instant expiresAt) {
        Instant now = setup.clock().instant();
        setup.db()
                .database()
                .inTransaction(
                        sql ->
                                sql.update(
                                        "INSERT INTO access_requests (id, agent_id, user_id,"
                                                + " status, expires_at, created_at, updated_at)"
                                                + " SELECT ?, id, ?, ?, ?, ?, ? FROM agents WHERE"
                                                + " name = ?",
                                        UUID.randomUUID().toString(),
                                        user,
                                        status,
                                        expiresAt,
                                        now,
                                        now,
                                        agentName));
    }
}
