package io.peerclaw.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.protocol.api.AgentList;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spliced JSON says exactly what the shared mapper would say for the same cards. */
class CardJsonTest {
    final CardJson json = new CardJson();

    static StoredAgent stored(String visibility, Instant updatedAt) {
        var agent = new TestAgent(URI.create("http://unused"));
        var card = agent.card("json \"quoted\" ünïcode");
        card.put("peerclaw", Map.of("tags", List.of("x"), "public_endpoint", true, "priority", 3));
        var content =
                Json.convert(card, AgentCard.class).withServerFields(null, null, null, null, null);
        return new StoredAgent(
                agent.id().value(),
                agent.publicKey(),
                "busy",
                visibility,
                content,
                Instant.parse("2026-01-02T03:04:05.006Z"),
                updatedAt,
                Instant.parse("2026-01-02T03:05:00Z"),
                Stewardship.NEW);
    }

    @Test
    void aCardReadsBackAsTheMapperWouldWriteIt() {
        var agent = stored("public", Instant.parse("2026-01-02T03:04:05.006Z"));
        for (boolean owner : List.of(true, false)) {
            var expected = owner ? agent.card() : agent.card().publicView();
            var written = Json.read(json.card(agent, owner), AgentCard.class);
            assertThat(written).isEqualTo(expected);
            assertThat(Json.tree(json.card(agent, owner)))
                    .isEqualTo(Json.tree(Json.bytes(expected)));
        }
    }

    @Test
    void aSignedCardKeepsItsSignaturesWhereTheyVerify() {
        var agent = stored("public", Instant.parse("2026-01-02T03:04:05.006Z"));
        var key = io.peerclaw.shared.crypto.Ed25519.fromSeed(new byte[32]);
        var signed =
                new StoredAgent(
                        agent.id(),
                        agent.publicKey(),
                        agent.status(),
                        agent.visibility(),
                        io.peerclaw.shared.crypto.CardSignatures.sign(agent.content(), key),
                        agent.registeredAt(),
                        agent.updatedAt(),
                        agent.lastHeartbeat(),
                        agent.stewardship());
        var asOwner = Json.read(json.card(signed, true), AgentCard.class);
        assertThat(Json.tree(json.card(signed, true)))
                .isEqualTo(Json.tree(Json.bytes(signed.card())));
        assertThat(io.peerclaw.shared.crypto.CardSignatures.verify(asOwner, key.publicKey()))
                .singleElement()
                .isInstanceOf(io.peerclaw.shared.crypto.CardSignatures.Valid.class);
        // others do not see auth.params, so they do not get signatures that cover them
        assertThat(Json.read(json.card(signed, false), AgentCard.class).signatures()).isNull();
    }

    @Test
    void aPageReadsBackAsTheMapperWouldWriteIt() {
        var a = stored("public", Instant.now());
        var b = stored("private", Instant.now());
        byte[] page = json.list("agents", List.of(a, b), agent -> agent == b, "tok");
        var expected = new AgentList(List.of(a.card().publicView(), b.card()), "tok");
        assertThat(Json.tree(page)).isEqualTo(Json.tree(Json.bytes(expected)));
        assertThat(Json.tree(json.list("agents", List.of(), x -> false, null)).toString())
                .isEqualTo("{\"agents\":[]}");
    }

    @Test
    void aNewVersionOfACardIsRenderedAfresh() {
        var old = stored("public", Instant.parse("2026-01-01T00:00:00Z"));
        json.card(old, false);
        var renamedContent = old.content().withMetadata(Map.of("changed", "yes"));
        var renamed =
                new StoredAgent(
                        old.id(),
                        old.publicKey(),
                        old.status(),
                        old.visibility(),
                        renamedContent,
                        old.registeredAt(),
                        Instant.parse("2026-01-01T00:00:01Z"),
                        old.lastHeartbeat(),
                        old.stewardship());
        assertThat(new String(json.card(renamed, false), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"changed\":\"yes\"");
    }
}
