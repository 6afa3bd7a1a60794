package io.peerclaw.desktop.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.shared.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpNodeClientDetailsTest {
    @Test
    void auditDetailsReadAsWordsNotJson() {
        var details =
                Json.tree(
                        "{\"name\":\"weather\",\"protocols\":[\"a2a\",\"mcp\"],\"card_signed\":false}"
                                .getBytes(StandardCharsets.UTF_8));

        assertThat(HttpNodeClient.details(details))
                .isEqualTo("name: weather · protocols: a2a, mcp · card signed: false");
        assertThat(HttpNodeClient.details(Json.tree("{}".getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
    }
}
