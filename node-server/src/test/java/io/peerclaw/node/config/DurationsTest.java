package io.peerclaw.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "15m, PT15M",
        "168h, PT168H",
        "1h30m, PT1H30M",
        "250ms, PT0.25S",
        "1.5s, PT1.5S",
        "PT10S, PT10S",
        "0, PT0S",
        "90s, PT1M30S"
    })
    void parsesGoAndIsoDurations(String text, String expected) {
        assertThat(Durations.parse(text)).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15", "fifteen minutes", "15 m", "1h-3m", "", "m", "9999999999999999h"})
    void refusesAnythingElse(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"PT15M, 15m", "PT1H30M, 1h30m", "PT0.25S, 250ms", "PT168H, 168h", "PT1.5S, 1.5s"})
    void formatsTheShortestSpelling(String duration, String expected) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
    }
}
