package io.peerclaw.node.registry;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.shared.crypto.CardSignatures;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signed agent cards end to end on H2: the node verifies an A2A card signature by the registered
 * key, serves it with the card and shows {@code card_signed} in the directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedCardsIT {
    TestNode node;

    @BeforeAll
    void startNode() {
        node = TestNode.start(TestNode.Engine.H2, Map.of());
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** The agent's card as its SDK would sign it: read as the card type, then signed. */
    static AgentCard signed(TestAgent agent, Map<String, Object> card) {
        return CardSignatures.sign(Json.convert(card, AgentCard.class), agent.key());
    }

    Http.Response register(TestAgent agent, Object card) {
        return Http.send(agent.signed("POST", "/api/v1/agents", card));
    }

    Http.Response profile(TestAgent agent) {
        return Http.get(node.uri("/api/v1/directory/" + agent.id()));
    }

    @Test
    void aSignedCardIsVerifiedShownAsSignedAndServedWithItsSignature() {
        var agent = node.newAgent();
        var card = signed(agent, agent.card("signed-one"));
        var created = register(agent, card);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/signatures/0/protected").asText())
                .isEqualTo(card.signatures().getFirst().protectedHeader());

        // The card as served carries the signature, and it verifies on exactly that card.
        var read = Http.send(agent.signed("GET", "/api/v1/agents/" + agent.id(), null));
        var served = Json.read(read.raw().body(), AgentCard.class);
        assertThat(served.signatures()).isEqualTo(card.signatures());
        assertThat(CardSignatures.verify(served, agent.key().publicKey()))
                .singleElement()
                .isEqualTo(new CardSignatures.Valid(CardSignatures.keyId(agent.key().publicKey())));

        var shown = profile(agent);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json().get("card_signed").asBoolean()).isTrue();
        assertThat(shown.json().has("signatures")).isFalse(); // the profile is not the card
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> listed(agent) != null && listed(agent).get("card_signed").asBoolean());
    }

    @Test
    void othersGetTheSignatureWhenTheyGetTheWholeCard() {
        var agent = node.newAgent();
        var plain = agent.card("public-signed");
        plain.remove("auth"); // nothing withheld from others
        var card = signed(agent, plain);
        assertThat(register(agent, card).status()).isEqualTo(201);

        var other = node.newAgent();
        assertThat(register(other, other.card("reader")).status()).isEqualTo(201);
        var asOther = Http.send(other.signed("GET", "/api/v1/agents/" + agent.id(), null));
        var served = Json.read(asOther.raw().body(), AgentCard.class);
        assertThat(CardSignatures.verify(served, agent.key().publicKey()))
                .singleElement()
                .isInstanceOf(CardSignatures.Valid.class);

        // A card whose auth.params others may not see reaches them without the signature,
        // which could not verify on what is left.
        var secretive = node.newAgent();
        assertThat(register(secretive, signed(secretive, secretive.card("secretive"))).status())
                .isEqualTo(201);
        var redacted = Http.send(other.signed("GET", "/api/v1/agents/" + secretive.id(), null));
        assertThat(redacted.json().has("signatures")).isFalse();
        assertThat(redacted.json().at("/auth/params").isMissingNode()).isTrue();
        assertThat(profile(secretive).json().get("card_signed").asBoolean()).isTrue();
    }

    @Test
    void aSignatureThatDoesNotVerifyIsA400ProblemAndNothingIsStored() {
        var agent = node.newAgent();
        var card = signed(agent, agent.card("forged"));
        String tampered = Json.text(card).replace("\"forged\"", "\"forged-later\"");
        var refused = register(agent, tampered);
        assertProblem(refused, 400, "invalid_card_signature");
        assertThat(refused.json().get("title").asText()).isEqualTo("Invalid card signature");
        assertThat(refused.json().get("detail").asText())
                .startsWith("signatures[0] does not verify with the agent's key");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("signatures[0]");

        var reader = node.newAgent();
        assertThat(register(reader, reader.card("reader")).status()).isEqualTo(201);
        var read = Http.send(reader.signed("GET", "/api/v1/agents/" + agent.id(), null));
        assertThat(read.status()).isEqualTo(404);
        assertThat(profile(agent).status()).isEqualTo(404);
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedAndTheStoredCardStays() {
        var agent = node.newAgent();
        assertThat(register(agent, agent.card("stays")).status()).isEqualTo(201);
        var impostor = node.newAgent();
        var card = signed(impostor, agent.card("replaced"));
        assertProblem(register(agent, card), 400, "invalid_card_signature");
        var read = Http.send(agent.signed("GET", "/api/v1/agents/" + agent.id(), null));
        assertThat(read.json().get("name").asText()).isEqualTo("stays");
        assertThat(read.json().has("signatures")).isFalse();
    }

    @Test
    void anUnsignedCardIsShownAsNotSigned() {
        var agent = node.newAgent();
        assertThat(register(agent, agent.card("unsigned")).status()).isEqualTo(201);
        var shown = profile(agent);
        assertThat(shown.json().get("card_signed").asBoolean()).isFalse();
        var read = Http.send(agent.signed("GET", "/api/v1/agents/" + agent.id(), null));
        assertThat(read.json().has("signatures")).isFalse();
    }

    @Test
    void heartbeatMetadataThatBreaksTheSignatureDropsIt() {
        var agent = node.newAgent();
        assertThat(register(agent, signed(agent, agent.card("beating"))).status()).isEqualTo(201);
        var beat =
                Http.send(
                        agent.signed(
                                "POST",
                                "/api/v1/agents/" + agent.id() + "/heartbeat",
                                Map.of("metadata", Map.of("load", "0.7"))));
        assertThat(beat.status()).as(beat.toString()).isEqualTo(200);
        var read = Http.send(agent.signed("GET", "/api/v1/agents/" + agent.id(), null));
        assertThat(read.json().has("signatures")).isFalse();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> !profile(agent).json().get("card_signed").asBoolean());
    }

    private com.fasterxml.jackson.databind.JsonNode listed(TestAgent agent) {
        var page = Http.get(node.uri("/api/v1/directory?page_size=100&sort=registered_at"));
        for (var shown : page.json().get("agents")) {
            if (shown.get("id").asText().equals(agent.id().value())) {
                return shown;
            }
        }
        return null;
    }
}
