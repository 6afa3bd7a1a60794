package io.peerclaw.desktop.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventDetailsTest {
    @Test
    @SuppressWarnings("unchecked")
    void auditDetailsReadAsWordsNotJson() {
        Map<String, Object> details =
                Json.read(
                        "{\"name\":\"weather\",\"protocols\":[\"a2a\",\"mcp\"],\"card_signed\":false}"
                                .getBytes(StandardCharsets.UTF_8),
                        Map.class);

        assertThat(EventDetails.words(details))
                .isEqualTo("name: weather · protocols: a2a, mcp · card signed: false");
        assertThat(EventDetails.words(Json.read("{}".getBytes(StandardCharsets.UTF_8), Map.class)))
                .isEmpty();
    }
}
