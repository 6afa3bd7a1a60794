package io.peerclaw.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import io.peerclaw.node.identity.SignedRequest;
import io.peerclaw.shared.crypto.CardSignatures;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.protocol.api.Heartbeat;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry keeps only card signatures that verify with the registered key (on H2). */
class SignedCardsTest {
    final RegistryUseCasesTest.Setup setup = RegistryUseCasesTest.Setup.on(TestNode.Engine.H2);
    final TestAgent agent = RegistryUseCasesTest.agent();

    @AfterEach
    void close() {
        setup.close();
    }

    AgentCard card(String name) {
        return Json.convert(agent.card(name), AgentCard.class);
    }

    AgentCard signed(String name) {
        return CardSignatures.sign(card(name), agent.key());
    }

    Registrations.Registration register(AgentCard card) {
        return register(card, null);
    }

    Registrations.Registration register(AgentCard card, String owner) {
        return setup.registry()
                .registrations()
                .register(new SignedRequest(agent.id(), agent.key().publicKey()), card, owner);
    }

    /**
     * The stored content. The clock moves first: the store caches parsed cards by their update
     * time, and this clock stands still otherwise.
     */
    AgentCard stored() {
        setup.clock().advance(java.time.Duration.ofMillis(1));
        return setup.store().find(agent.id().value()).orElseThrow().content();
    }

    static ApiException refusal(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void storesSignaturesThatVerifyAndServesThemWithTheCard() {
        var sent = signed("signed");
        var registration = register(sent);
        assertThat(registration.card().signatures()).isEqualTo(sent.signatures());
        assertThat(stored().signatures()).isEqualTo(sent.signatures());
        assertThat(CardSignatures.verify(registration.card(), agent.key().publicKey()))
                .singleElement()
                .isInstanceOf(CardSignatures.Valid.class);
    }

    @Test
    void anUnsignedCardStoresNoSignatures() {
        register(card("plain"));
        assertThat(stored().signatures()).isNull();
        assertThat(Json.text(stored())).doesNotContain("signatures");
    }

    @Test
    void aSignatureThatDoesNotVerifyRefusesTheRegistrationAndStoresNothing() {
        var tampered =
                Json.read(
                        Json.text(signed("signed")).replace("test agent", "evil"), AgentCard.class);
        var refusal = refusal(() -> register(tampered));
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_CARD_SIGNATURE);
        assertThat(refusal.code().status()).isEqualTo(400);
        assertThat(refusal.errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.field()).isEqualTo("signatures[0]");
                            assertThat(e.message())
                                    .isEqualTo(
                                            "does not verify with the agent's key over the"
                                                    + " canonical card");
                        });
        assertThat(refusal.getMessage())
                .startsWith("signatures[0] does not verify")
                .contains("without signatures and the node's fields (id, public_key");
        assertThat(setup.store().find(agent.id().value())).isEmpty();
    }

    @Test
    void everySignatureMustVerifyNotJustOne() {
        var other = Ed25519.generate(new SecureRandom());
        var twice = CardSignatures.sign(CardSignatures.sign(card("twice"), other), agent.key());
        var refusal = refusal(() -> register(twice));
        assertThat(refusal.errors()).extracting(e -> e.field()).containsExactly("signatures[0]");
        assertThat(setup.store().find(agent.id().value())).isEmpty();
    }

    @Test
    void refusesAnotherAlgorithmWithItsName() {
        var header = Map.<String, Object>of("alg", "none", "kid", "k", "typ", "JOSE");
        var none =
                new AgentCard.Signature(
                        io.peerclaw.shared.crypto.Encoding.base64Url(Json.bytes(header)), "", null);
        var refusal = refusal(() -> register(card("none").withSignatures(List.of(none))));
        assertThat(refusal.getMessage()).contains("alg is \"none\"");
    }

    @Test
    void saysSoWhenOnlyTheCardAsSentWasSigned() {
        var card = agent.card("repeats");
        card.put("capabilities", List.of("chat", "chat"));
        var sent = CardSignatures.sign(Json.convert(card, AgentCard.class), agent.key());
        var refusal = refusal(() -> register(sent));
        assertThat(refusal.errors().getFirst().message()).contains("repeated list entries dropped");
    }

    @Test
    void aRefusedUpdateLeavesTheStoredCardAsItWas() {
        register(signed("first"));
        var other = Ed25519.generate(new SecureRandom());
        assertThatThrownBy(() -> register(CardSignatures.sign(card("second"), other)))
                .isInstanceOf(ApiException.class);
        assertThat(stored().name()).isEqualTo("first");
        assertThat(stored().signed()).isTrue();
    }

    @Test
    void heartbeatMetadataDropsTheSignatureItBreaks() {
        register(signed("beating"));
        setup.registry().heartbeats().heartbeat(agent.id(), new Heartbeat.Request("online", null));
        assertThat(stored().signed()).isTrue();
        setup.registry()
                .heartbeats()
                .heartbeat(agent.id(), new Heartbeat.Request("busy", Map.of("load", "1")));
        assertThat(stored().signed()).isFalse();
        assertThat(stored().metadata()).containsEntry("load", "1");

        // a re-signed card brings it back
        var card = Json.convert(agent.card("beating"), AgentCard.class);
        var withLoad = card.withMetadata(Map.of("sdk_version", "0.9.0", "load", "1"));
        register(CardSignatures.sign(withLoad, agent.key()));
        assertThat(stored().signed()).isTrue();
    }

    @Test
    void anOwnersEditDropsTheSignatureButASettingKeepsIt() {
        String owner = user();
        register(signed("owned"), owner);
        setup.registry()
                .ownedAgents()
                .updateOwned(
                        agent.id(),
                        owner,
                        new OwnedAgents.OwnerChange(
                                c -> c,
                                Optional.of("private"),
                                Optional.of(true),
                                Optional.empty()));
        assertThat(stored().signed()).as("visibility is not signed").isTrue();

        var managed =
                setup.registry()
                        .ownedAgents()
                        .updateOwned(
                                agent.id(),
                                owner,
                                new OwnedAgents.OwnerChange(
                                        c -> c.withMetadata(Map.of("edited", "by owner")),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty()));
        assertThat(managed.card().signatures()).isNull();
        assertThat(stored().signed()).isFalse();
    }

    @Test
    void aPendingCardIsCheckedAgainstItsOwnKey() {
        String owner = user();
        var other = Ed25519.generate(new SecureRandom());
        var refusal =
                refusal(
                        () ->
                                setup.registry()
                                        .pendingCards()
                                        .submit(owner, CardSignatures.sign(card("p"), other)));
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_CARD_SIGNATURE);

        var pending = setup.registry().pendingCards().submit(owner, signed("p"));
        assertThat(pending.card().signed()).isTrue();
        setup.registry()
                .pendingCards()
                .confirm(new SignedRequest(agent.id(), agent.key().publicKey()));
        assertThat(stored().signed()).isTrue();
    }

    private String user() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        setup.db()
                .database()
                .inTransaction(
                        sql ->
                                sql.update(
                                        "INSERT INTO users (id, email, password_hash,"
                                                + " display_name, role, email_verified,"
                                                + " created_at, updated_at) VALUES (?, ?, ?, ?,"
                                                + " ?, ?, ?, ?)",
                                        id,
                                        id + "@example.com",
                                        "x",
                                        "Owner",
                                        "user",
                                        true,
                                        now,
                                        now));
        return id;
    }
}
