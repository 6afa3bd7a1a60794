package io.peerclaw.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SkillNamesTest {

    @ParameterizedTest(name = "id {0}, name {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "echo          | Echo              | echo",
                "get_weather   | Weather           | get_weather",
                "''            | Summarise Text    | summarise-text",
                "''            | Crème brûlée!     | creme-brulee",
                "''            | '  --A__b--  '    | a__b",
                "''            | '!!!'             | skill",
                "''            | ''                | skill",
                "''            | 日本語             | skill",
            })
    void theIdWinsElseASlugOfTheName(String id, String name, String expected) {
        assertThat(SkillNames.of(id, name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"64", "65", "200"})
    void slugsAreAtMost64Characters(int length) {
        String slug = SkillNames.slug("a".repeat(length));
        assertThat(slug).hasSize(Math.min(length, 64)).matches("[a-z0-9_-]+");
    }

    @ParameterizedTest
    @CsvSource({"'Hello World, again'", "'x -- y'", "'A.B.C'"})
    void slugsUseOnlyTheAllowedCharacters(String name) {
        assertThat(SkillNames.slug(name))
                .matches("[a-z0-9_-]+")
                .doesNotStartWith("-")
                .doesNotEndWith("-");
    }
}
