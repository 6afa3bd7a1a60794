package io.peerclaw.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The owner's and admin's view is the same JSON whether it is a body or a member of one. */
class ManagedAgentJsonTest {
    final Instant at = Instant.parse("2026-03-01T10:00:00.123Z");
    final AgentCard card =
            Json.convert(new TestAgent(URI.create("http://unused")).card("json"), AgentCard.class)
                    .withMetadata(Map.of("load", "0.5", "sdk_version", "1.0"))
                    .withServerFields("agent-id", "online", "public", at, at);

    @Test
    void aNestedViewWritesTheSameBytesAsABody() {
        var suspended = new Stewardship("owner-1", true, false, true, 0.75, at, "spam");
        for (var agent :
                new ManagedAgent[] {
                    new ManagedAgent(card, Stewardship.NEW, false),
                    new ManagedAgent(card, suspended, false),
                    new ManagedAgent(card, Stewardship.NEW.withOwner("owner-2"), true)
                }) {
            assertThat(new String(Json.bytes(ManagedAgentJson.tree(agent))))
                    .isEqualTo(new String(ManagedAgentJson.bytes(agent)));
        }
    }

    @Test
    void theNodesFactsFollowTheCard() {
        var tree =
                ManagedAgentJson.tree(
                        new ManagedAgent(
                                card,
                                new Stewardship("owner-1", true, false, true, 0.75, at, "spam"),
                                false));
        assertThat(tree)
                .containsEntry("id", "agent-id")
                .containsEntry("registration", "registered")
                .containsEntry("owner_user_id", "owner-1")
                .containsEntry("playground_enabled", true)
                .containsEntry("public_endpoint", false)
                .containsEntry("verified", true)
                .containsEntry("reputation_score", 0.75)
                .containsEntry("suspended", true)
                .containsEntry("suspended_reason", "spam");
        assertThat(new String(Json.bytes(tree)))
                .contains("\"suspended_at\":\"2026-03-01T10:00:00.123Z\"");
    }
}
