package io.peerclaw.shared.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.protocol.api.Admin;
import io.peerclaw.shared.protocol.api.Console;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin and console records keep the node's wire names, and a managed agent stays flat. */
class AdminRecordsTest {
    static final String CARD = "{\"id\":\"a1\",\"name\":\"weather\",\"protocols\":[\"a2a\"]}";

    @Test
    @SuppressWarnings("unchecked")
    void aManagedAgentIsItsCardsMembersThenTheNodesFacts() {
        var card = Json.read(CARD, AgentCard.class);
        var facts =
                new Admin.AgentFacts(
                        "registered", "u1", false, true, true, 0.5, false, null, null, null);

        String json = Json.text(new Admin.ManagedAgent(card, facts));

        assertThat(json)
                .isEqualTo(
                        CARD.substring(0, CARD.length() - 1)
                                + ",\"registration\":\"registered\",\"owner_user_id\":\"u1\","
                                + "\"playground_enabled\":false,\"public_endpoint\":true,"
                                + "\"verified\":true,\"reputation_score\":0.5,"
                                + "\"suspended\":false}");
        assertThat(json)
                .isEqualTo(
                        new String(
                                Json.bytesWith(card, Json.convert(facts, Map.class)),
                                StandardCharsets.UTF_8));
        var read = Json.read(json, Admin.ManagedAgent.class);
        assertThat(read.card()).isEqualTo(card);
        assertThat(read.facts()).isEqualTo(facts);
    }

    @Test
    void aPageOfManagedAgentsReadsBack() {
        var card = Json.read(CARD, AgentCard.class);
        var facts =
                new Admin.AgentFacts(
                        "pending",
                        "u2",
                        false,
                        false,
                        false,
                        0.5,
                        true,
                        Instant.parse("2026-11-25T10:00:00Z"),
                        "spam",
                        "owner@example.com");
        var page = new Admin.AgentPage(List.of(new Admin.ManagedAgent(card, facts)), null);

        String json = Json.text(page);

        assertThat(json)
                .doesNotContain("next_page_token")
                .contains("\"suspended_reason\":\"spam\"");
        assertThat(Json.read(json, Admin.AgentPage.class)).isEqualTo(page);
    }

    @Test
    void settingsLeaveOutWhatIsNotSaid() {
        var secret =
                new Console.Setting("db.password", "", "secret", "the password", true, null, null);
        var fixed = new Console.Setting("server.data_dir", "/d", "text", "data", null, true, null);

        assertThat(Json.text(secret))
                .isEqualTo(
                        "{\"key\":\"db.password\",\"value\":\"\",\"kind\":\"secret\","
                                + "\"description\":\"the password\",\"set\":true}");
        assertThat(Json.text(fixed)).contains("\"read_only\":true").doesNotContain("\"set\"");
    }

    @Test
    void nodeFactsUseTheConsolesNames() {
        var facts =
                new Console.NodeFacts(
                        "1.0",
                        Instant.parse("2026-11-25T10:00:00Z"),
                        5,
                        "http://x",
                        8080,
                        "/d",
                        null,
                        new Console.Database("h2", "file"));

        assertThat(Json.text(facts))
                .isEqualTo(
                        "{\"version\":\"1.0\",\"started_at\":\"2026-11-25T10:00:00Z\","
                                + "\"uptime_seconds\":5,\"url\":\"http://x\",\"port\":8080,"
                                + "\"data_dir\":\"/d\",\"database\":{\"driver\":\"h2\","
                                + "\"description\":\"file\"}}");
    }
}
