package io.peerclaw.node.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvokeRequestTest {
    private static InvokeRequest parse(String json) {
        return InvokeRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFullRequestCarriesToolArgumentsAndSession() {
        var request =
                parse(
                        "{\"message\":\"weather?\",\"protocol\":\"mcp\",\"stream\":true,"
                                + "\"session_id\":\"s-1\",\"metadata\":{\"tool\":\"get_weather\","
                                + "\"arguments\":{\"city\":\"Oslo\"},\"trace\":\"t\"}}");
        assertThat(request.protocol()).hasValue("mcp");
        assertThat(request.stream()).isTrue();
        assertThat(request.tool()).hasValue("get_weather");
        var call = request.toCall("user:u");
        assertThat(call.skill()).isEqualTo("get_weather");
        assertThat(call.parts()).hasSize(2);
        assertThat(call.parts().get(1)).isInstanceOf(Part.Data.class);
        assertThat(call.metadata().get("trace").asText()).isEqualTo("t");
    }

    @Test
    void aUuidSessionIsTheConversationAndOtherNamesAreScopedToTheCaller() {
        String uuid = UUID.randomUUID().toString();
        assertThat(parse("{\"message\":\"x\",\"session_id\":\"" + uuid + "\"}").contextId("a"))
                .isEqualTo(UUID.fromString(uuid));
        var named = parse("{\"message\":\"x\",\"session_id\":\"chat\"}");
        assertThat(named.contextId("user:a")).isEqualTo(named.contextId("user:a"));
        assertThat(named.contextId("user:a")).isNotEqualTo(named.contextId("user:b"));
    }

    @Test
    void withoutASessionANewOneIsMade() {
        var request = parse("{\"message\":\"x\"}");
        assertThat(UUID.fromString(request.sessionId())).isNotNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                        | $",
                "[]                                        | $",
                "{}                                        | message",
                "{\"message\":\"  \"}                      | message",
                "{\"message\":7}                           | message",
                "{\"message\":\"x\",\"protocol\":\"grpc\"} | protocol",
                "{\"message\":\"x\",\"metadata\":[1]}      | metadata",
                "{\"message\":\"x\",\"metadata\":{\"tool\":3}} | metadata.tool",
                "{\"message\":\"x\",\"metadata\":{\"arguments\":\"a\"}} | metadata.arguments",
                "{\"message\":\"x\",\"stream\":\"yes\"}    | stream",
                "{\"message\":\"x\",\"session_id\":\"a b\"} | session_id",
            })
    void badBodiesNameTheField(String body, String field) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(ApiException.class)
                .satisfies(
                        e ->
                                assertThat(((ApiException) e).errors())
                                        .anySatisfy(f -> assertThat(f.field()).isEqualTo(field)));
    }
}
