package io.peerclaw.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.protocol.api.Admin;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The owner's and admin's view of an agent is the card with the node's facts after it, in one
 * object, the same bytes alone as inside a page.
 */
class ManagedAgentJsonTest {
    final Instant at = Instant.parse("2026-03-01T10:00:00.123Z");
    final AgentCard card =
            Json.convert(new TestAgent(URI.create("http://unused")).card("json"), AgentCard.class)
                    .withMetadata(Map.of("load", "0.5", "sdk_version", "1.0"))
                    .withServerFields("agent-id", "online", "public", at, at);
    final Stewardship suspended = new Stewardship("owner-1", true, false, true, 0.75, at, "spam");

    @Test
    void theCardComesFirstThenTheNodesFactsInOrder() {
        var facts = new LinkedHashMap<String, Object>();
        facts.put("registration", "registered");
        facts.put("owner_user_id", "owner-1");
        facts.put("playground_enabled", true);
        facts.put("public_endpoint", false);
        facts.put("verified", true);
        facts.put("reputation_score", 0.75);
        facts.put("suspended", true);
        facts.put("suspended_at", at);
        facts.put("suspended_reason", "spam");

        assertThat(new String(ManagedAgentJson.bytes(new ManagedAgent(card, suspended, false))))
                .isEqualTo(new String(Json.bytesWith(card, facts)));
    }

    @Test
    void unsetFactsAreLeftOut() {
        var tree =
                Json.tree(
                        ManagedAgentJson.bytes(
                                new ManagedAgent(card, Stewardship.NEW.withOwner("o"), true)));
        assertThat(tree.get("registration").asText()).isEqualTo("pending");
        assertThat(tree.get("suspended").asBoolean()).isFalse();
        assertThat(tree.has("suspended_at")).isFalse();
        assertThat(tree.has("suspended_reason")).isFalse();
        assertThat(tree.get("id").asText()).isEqualTo("agent-id");
    }

    @Test
    void aPageHoldsTheSameBytesAsABody() {
        var agent = new ManagedAgent(card, suspended, false);
        String page =
                new String(
                        Json.bytes(
                                new Admin.AgentPage(List.of(ManagedAgentJson.view(agent)), null)));
        assertThat(page)
                .isEqualTo("{\"agents\":[" + new String(ManagedAgentJson.bytes(agent)) + "]}");
    }
}
