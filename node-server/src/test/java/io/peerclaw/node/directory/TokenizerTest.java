package io.peerclaw.node.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.shared.model.AgentCard;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    @Test
    void foldsCaseAccentsAndCompatibilityForms() {
        assertThat(Tokenizer.words("Café ZÜRICH ﬁle Ｗｅａｔｈｅｒ"))
                .containsExactly("cafe", "zurich", "file", "weather");
    }

    @Test
    void splitsOnEverythingButLettersAndDigits() {
        assertThat(Tokenizer.words("cap-17, text_to_speech/v2 (beta)!"))
                .containsExactly("cap", "17", "text", "to", "speech", "v2", "beta");
        assertThat(Tokenizer.words("東京 天気")).containsExactly("東京", "天気");
        assertThat(Tokenizer.words("  ")).isEmpty();
        assertThat(Tokenizer.words(null)).isEmpty();
    }

    @Test
    void cutsLongWords() {
        assertThat(Tokenizer.words("a".repeat(100)).getFirst()).hasSize(Tokenizer.MAX_TERM_LENGTH);
    }

    @Test
    void documentsIndexNameDescriptionCapabilitiesSkillsAndTagsOnly() {
        var card =
                new AgentCard(
                        null,
                        "Weather Bot",
                        "Forecasts rain",
                        "1.0",
                        "KEY",
                        List.of("forecast"),
                        List.of(
                                new AgentCard.Skill(
                                        "s1",
                                        "Radar",
                                        "storm maps",
                                        List.of("meteo"),
                                        null,
                                        null,
                                        null)),
                        List.of(new AgentCard.Tool("secrettool", "hidden", null)),
                        new AgentCard.Endpoint("https://private.example.com", null, null, null),
                        List.of("mcp"),
                        new AgentCard.Auth("bearer", java.util.Map.of("token", "hush")),
                        java.util.Map.of("owner", "someone"),
                        new AgentCard.PeerClawExtension(
                                null, null, null, List.of("nordic"), null, null, null, null, null),
                        null,
                        null,
                        null,
                        null,
                        null);
        assertThat(Tokenizer.documentTerms(card))
                .containsExactlyInAnyOrder(
                        "weather",
                        "bot",
                        "forecasts",
                        "rain",
                        "forecast",
                        "radar",
                        "storm",
                        "maps",
                        "meteo",
                        "nordic");
    }

    @Test
    void queriesAreAndedWithThePrefixLast() {
        var query = SearchQuery.parse("Weather  FORE");
        assertThat(query.exact()).containsExactly("weather");
        assertThat(query.prefix()).isEqualTo("fore");
        assertThat(SearchQuery.parse("rain rain").exact()).isEmpty();
        assertThat(SearchQuery.upperBound("fore")).isEqualTo("forf");
        assertThat(SearchQuery.upperBound("z9")).isEqualTo("z:");
    }

    @Test
    void badQueriesNameTheSearchParameter() {
        for (String text : List.of("!!!", "a b c d e f g h i", "x".repeat(201))) {
            assertThatThrownBy(() -> SearchQuery.parse(text))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.errors().getFirst().field()).isEqualTo("search"));
        }
    }
}
