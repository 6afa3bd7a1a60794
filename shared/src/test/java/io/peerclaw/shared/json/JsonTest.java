package io.peerclaw.shared.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.protocol.api.Heartbeat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesSnakeCaseAndUtcTimestamps() {
        String json = Json.text(new Heartbeat.Response(Instant.parse("2026-11-25T10:00:00Z")));
        assertThat(json).isEqualTo("{\"next_deadline\":\"2026-11-25T10:00:00Z\"}");
    }

    @Test
    void readsNestedSnakeCaseFields() {
        var card =
                Json.read(
                        "{\"name\":\"a\",\"public_key\":\"k\",\"endpoint\":{\"url\":\"http://x\"},"
                                + "\"peerclaw\":{\"nat_type\":\"none\",\"public_endpoint\":true}}",
                        AgentCard.class);
        assertThat(card.publicKey()).isEqualTo("k");
        assertThat(card.peerclaw().natType()).isEqualTo("none");
        assertThat(card.peerclaw().publicEndpoint()).isTrue();
    }

    @Test
    void namesTheSignaturesProtectedHeaderAsA2aDoes() {
        String json =
                "{\"name\":\"a\",\"signatures\":[{\"protected\":\"eyJ9\",\"signature\":\"c2ln\","
                        + "\"header\":{\"x\":1}}]}";
        var card = Json.read(json, AgentCard.class);
        assertThat(card.signatures())
                .containsExactly(new AgentCard.Signature("eyJ9", "c2ln", java.util.Map.of("x", 1)));
        assertThat(Json.text(card)).isEqualTo(json);
        assertThatThrownBy(
                        () ->
                                Json.readStrict(
                                        "{\"signatures\":[{\"protected_header\":\"x\"}]}"
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                        AgentCard.class))
                .isInstanceOf(JsonReadException.class);
    }

    @Test
    void namesTheFieldOfATypeMismatch() {
        assertThatThrownBy(() -> Json.read("{\"capabilities\":[\"a\",{\"b\":1}]}", AgentCard.class))
                .isInstanceOfSatisfying(
                        JsonReadException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("capabilities[1]");
                            assertThat(e.getMessage()).isEqualTo("must be text");
                        });
    }

    record Login(String email, String password, int attempts) {}

    @Test
    void namesEveryMemberOfTheWrongTypeInDocumentOrder() {
        byte[] body =
                "{\"email\":42,\"password\":true,\"attempts\":4.5,\"colour\":\"red\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.readStrict(body, Login.class))
                .isInstanceOfSatisfying(
                        JsonReadException.class,
                        e -> {
                            assertThat(e.mismatches())
                                    .containsExactly(
                                            new JsonReadException.Mismatch("email", "must be text"),
                                            new JsonReadException.Mismatch(
                                                    "password", "must be text"),
                                            new JsonReadException.Mismatch(
                                                    "attempts", "must be a whole number"),
                                            new JsonReadException.Mismatch(
                                                    "colour", "is not a field this request takes"));
                            assertThat(e.field()).isEqualTo("email");
                        });
    }

    @Test
    void namesEveryBadMemberOfNestedObjectsAndArrays() {
        String card =
                "{\"name\":5,\"capabilities\":[\"a\",{\"b\":1},3],"
                        + "\"endpoint\":{\"url\":\"http://x\",\"port\":\"80\"},"
                        + "\"peerclaw\":{\"public_endpoint\":\"yes\"}}";
        assertThatThrownBy(() -> Json.read(card, AgentCard.class))
                .isInstanceOfSatisfying(
                        JsonReadException.class,
                        e ->
                                assertThat(e.mismatches())
                                        .extracting(JsonReadException.Mismatch::field)
                                        .containsExactly(
                                                "name",
                                                "capabilities[1]",
                                                "capabilities[2]",
                                                "endpoint.port",
                                                "peerclaw.public_endpoint"));
    }

    @Test
    void refusesMalformedJsonDuplicateKeysAndTrailingGarbage() {
        assertThatThrownBy(() -> Json.read("{\"name\":", AgentCard.class))
                .isInstanceOf(JsonReadException.class)
                .hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> Json.read("{\"name\":\"a\",\"name\":\"b\"}", AgentCard.class))
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> Json.read("{\"name\":\"a\"} x", AgentCard.class))
                .isInstanceOf(JsonReadException.class);
    }

    @Test
    void saysWhatTheDocumentShouldHaveBeen() {
        assertThatThrownBy(() -> Json.read("[1,2]", AgentCard.class))
                .isInstanceOfSatisfying(
                        JsonReadException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("$");
                            assertThat(e.getMessage()).isEqualTo("must be an object");
                        });
    }

    @Test
    void doesNotCoerceNumbersIntoStrings() {
        assertThatThrownBy(() -> Json.read("{\"name\":12}", AgentCard.class))
                .isInstanceOfSatisfying(
                        JsonReadException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }
}
