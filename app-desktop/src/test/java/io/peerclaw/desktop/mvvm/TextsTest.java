package io.peerclaw.desktop.mvvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void eventNamesReadAsWords() {
        assertThat(Texts.event("account.created")).isEqualTo("Account created");
        assertThat(Texts.event("agent_registered")).isEqualTo("Agent registered");
        assertThat(Texts.event("account.login_failed")).isEqualTo("Account login failed");
        assertThat(Texts.event("")).isEmpty();
    }

    @Test
    void recentTimesAreRelativeAndOlderOnesLocal() {
        assertThat(Texts.time(NOW.minusSeconds(20), NOW)).isEqualTo("just now");
        assertThat(Texts.time(NOW.minus(Duration.ofMinutes(3)), NOW)).isEqualTo("3 min ago");
        assertThat(Texts.time(NOW.minus(Duration.ofHours(5)), NOW)).isEqualTo("5 h ago");
        Instant old = NOW.minus(Duration.ofDays(3));
        assertThat(Texts.time(old, NOW))
                .isEqualTo(Texts.exact(old).substring(0, "yyyy-MM-dd HH:mm".length()));
        assertThat(Texts.time(null, NOW)).isEqualTo("–");
    }

    @Test
    void urlsAndPathsMayBreakOnlyAfterASeparator() {
        String z = String.valueOf(Texts.ZERO_WIDTH_SPACE);
        assertThat(Texts.breakable("http://127.0.0.1:8080/api"))
                .isEqualTo(
                        "http:" + z + "/" + z + "/" + z + "127." + z + "0." + z + "0." + z + "1:"
                                + z + "8080/" + z + "api");
        assertThat(Texts.breakable("/home/ann/data").replace(z, "")).isEqualTo("/home/ann/data");
        assertThat(Texts.breakable("weatherbot")).isEqualTo("weatherbot");
        assertThat(Texts.breakable(null)).isEmpty();
    }
}
