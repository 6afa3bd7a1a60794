package io.peerclaw.node.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cards in both generations, from a registered agent and its skills. */
class AgentCardsTest {
    private static final String URL =
            "https://node.example.com/a2a/kzdvvj2umnduyauf35o36k6kw462mujv";

    private static AgentCard card(
            Map<String, String> metadata,
            List<AgentCard.Skill> skills,
            List<AgentCard.Tool> tools) {
        return new AgentCard(
                "kzdvvj2umnduyauf35o36k6kw462mujv",
                "Weather",
                "forecasts",
                "2.1.0",
                null,
                List.of(),
                skills,
                tools,
                null,
                List.of("mcp"),
                null,
                metadata,
                null,
                null,
                "online",
                "public",
                null,
                null);
    }

    private static AgentTarget target(AgentCard card) {
        return new AgentTarget(new AgentId(card.id()), "mcp", "http://127.0.0.1/mcp", card);
    }

    private static final List<AgentCards.CardSkill> SKILLS =
            List.of(
                    AgentCards.CardSkill.of(
                            new Skill(
                                    "forecast",
                                    "Forecast",
                                    "days ahead",
                                    List.of("weather"),
                                    Json.mapper().createObjectNode(),
                                    null)));

    @Test
    void theOneDotZeroCardIsWhatTheJsClientParses() {
        var facts = AgentCards.of(target(card(Map.of(), List.of(), List.of())), SKILLS, URL, false);

        assertThat(AgentCards.v1(facts).toString())
                .isEqualTo(
                        "{\"name\":\"Weather\",\"description\":\"forecasts\","
                                + "\"supportedInterfaces\":["
                                + "{\"url\":\""
                                + URL
                                + "\",\"protocolBinding\":\"JSONRPC\",\"protocolVersion\":\"1.0\"},"
                                + "{\"url\":\""
                                + URL
                                + "\",\"protocolBinding\":\"JSONRPC\",\"protocolVersion\":\"0.3\"}],"
                                + "\"version\":\"2.1.0\","
                                + "\"capabilities\":{\"streaming\":true,\"pushNotifications\":false,\"extendedAgentCard\":false},"
                                + "\"securitySchemes\":{\"bearer\":{\"httpAuthSecurityScheme\":{\"scheme\":\"Bearer\",\"description\":\"a"
                                + " PeerClaw access token or API key (pck_…), or an agent key with"
                                + " X-PeerClaw-Agent-ID\"}}},"
                                + "\"securityRequirements\":[{\"schemes\":{\"bearer\":{\"list\":[]}}}],"
                                + "\"defaultInputModes\":[\"text/plain\",\"application/json\"],"
                                + "\"defaultOutputModes\":[\"text/plain\",\"application/json\"],\"skills\":[{\"id\":\"forecast\",\"name\":\"Forecast\",\"description\":\"days"
                                + " ahead\",\"tags\":[\"peerclaw\",\"weather\"]}]}");
    }

    @Test
    void theHybridCardIsZeroDotThreeShapedWithTheOneDotZeroInterfaces() {
        var facts = AgentCards.of(target(card(Map.of(), List.of(), List.of())), SKILLS, URL, true);

        var hybrid = AgentCards.hybrid(facts);

        assertThat(hybrid.get("protocolVersion").asText()).isEqualTo("0.3.0");
        assertThat(hybrid.get("url").asText()).isEqualTo(URL);
        assertThat(hybrid.get("preferredTransport").asText()).isEqualTo("JSONRPC");
        assertThat(hybrid.at("/additionalInterfaces/0/url").asText()).isEqualTo(URL);
        assertThat(hybrid.get("supportedInterfaces")).hasSize(2);
        assertThat(hybrid.at("/securitySchemes/bearer").toString())
                .isEqualTo("{\"type\":\"http\",\"scheme\":\"bearer\"}");
        // Open to anonymous callers: nothing is required.
        assertThat(hybrid.has("security")).isFalse();
        assertThat(hybrid.get("supportsAuthenticatedExtendedCard").asBoolean()).isFalse();
    }

    @Test
    void theProviderComesFromTheRegisteredMetadataWhenBothPartsAreThere() {
        var facts =
                AgentCards.of(
                        target(
                                card(
                                        Map.of(
                                                "provider_organization", "Acme",
                                                "provider_url", "https://acme.example"),
                                        List.of(),
                                        List.of())),
                        SKILLS,
                        URL,
                        true);
        var half =
                AgentCards.of(
                        target(card(Map.of("provider_organization", "Acme"), List.of(), List.of())),
                        SKILLS,
                        URL,
                        true);

        assertThat(AgentCards.v1(facts).get("provider").toString())
                .isEqualTo("{\"organization\":\"Acme\",\"url\":\"https://acme.example\"}");
        assertThat(AgentCards.v1(half).has("provider")).isFalse();
    }

    @Test
    void declaredSkillsComeFromTheCardsSkillsElseItsTools() {
        var withSkills =
                card(
                        Map.of(),
                        List.of(
                                new AgentCard.Skill(
                                        null, "Daily Forecast", "", null, null, null, null)),
                        List.of(new AgentCard.Tool("ignored", "not used", Map.of())));
        var withTools =
                card(
                        Map.of(),
                        List.of(),
                        List.of(new AgentCard.Tool("lookup", "looks up", Map.of())));

        assertThat(AgentCards.declaredSkills(withSkills))
                .containsExactly(
                        new AgentCards.CardSkill(
                                "daily-forecast", "Daily Forecast", "Daily Forecast", List.of()));
        assertThat(AgentCards.declaredSkills(withTools))
                .containsExactly(
                        new AgentCards.CardSkill("lookup", "lookup", "looks up", List.of()));
    }

    @Test
    void everySkillIsTaggedPeerclawOnce() {
        var skill = new AgentCards.CardSkill("s", null, null, List.of("peerclaw", "x"));

        assertThat(skill.tags()).containsExactly("peerclaw", "x");
        assertThat(skill.name()).isEqualTo("s");
        assertThat(skill.description()).isEqualTo("s");
    }

    @Test
    void theNodesCardOffersCredentialsWithoutRequiringThem() {
        var card = AgentCards.v1(AgentCards.node("https://node.example.com/a2a"));

        assertThat(card.get("name").asText()).isEqualTo("PeerClaw Node");
        assertThat(card.has("securitySchemes")).isTrue();
        assertThat(card.has("securityRequirements")).isFalse();
        assertThat(card.get("skills").findValuesAsText("id"))
                .containsExactly("discover_agents", "forward_message");
        assertThat(AgentCards.provider(null)).isEqualTo(Optional.empty());
    }

    @Test
    void discoveryAnswersWithASummaryAndTheAgentsAsData() {
        var parts =
                A2aCalls.discovered(
                        List.of(
                                new FoundAgent(
                                        "a1", "Weather", "forecasts", List.of("mcp"), 0.8, true),
                                new FoundAgent(
                                        "a2", "Tides", "", List.of("a2a", "acp"), 0.5, false)),
                        Optional.of("sea"));
        var none = A2aCalls.discovered(List.of(), Optional.empty());

        assertThat(parts.getFirst().toString())
                .isEqualTo("Text[text=Found 2 agents for 'sea': Weather (a1), Tides (a2).]");
        assertThat(((io.peerclaw.node.gateway.Part.Data) parts.get(1)).value().toString())
                .isEqualTo(
                        "{\"agents\":[{\"id\":\"a1\",\"name\":\"Weather\",\"description\":\"forecasts\","
                            + "\"protocols\":[\"mcp\"],\"reputation\":0.8,\"verified\":true},"
                            + "{\"id\":\"a2\",\"name\":\"Tides\",\"description\":\"\","
                            + "\"protocols\":[\"a2a\",\"acp\"],\"reputation\":0.5,\"verified\":false}]}");
        assertThat(none.getFirst().toString()).isEqualTo("Text[text=No agents found.]");
    }
}
