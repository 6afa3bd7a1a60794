package io.peerclaw.node.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.gateway.JsonRpc;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class McpMessagesTest {

    private static McpMessages.Message parse(String json) {
        return McpMessages.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRequestKeepsItsIdAsGiven() {
        var numeric = parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
        var text =
                parse(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"tools/list\",\"params\":{\"cursor\":\"x\"}}");

        assertThat(numeric).isInstanceOf(McpMessages.Message.Request.class);
        var request = (McpMessages.Message.Request) numeric;
        assertThat(request.id().isIntegralNumber()).isTrue();
        assertThat(request.id().asInt()).isEqualTo(7);
        assertThat(request.params().isObject()).isTrue();
        var second = (McpMessages.Message.Request) text;
        assertThat(second.id().asText()).isEqualTo("a-1");
        assertThat(second.params().get("cursor").asText()).isEqualTo("x");
    }

    @Test
    void aMessageWithoutIdIsANotification() {
        var message = parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        assertThat(message).isInstanceOf(McpMessages.Message.Notification.class);
        assertThat(((McpMessages.Message.Notification) message).method())
                .isEqualTo("notifications/initialized");
    }

    @Test
    void resultsAndErrorsFromTheClientAreResponses() {
        assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"))
                .isInstanceOf(McpMessages.Message.Response.class);
        assertThat(
                        parse(
                                "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"error\":{\"code\":-1,\"message\":\"no\"}}"))
                .isInstanceOf(McpMessages.Message.Response.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    not JSON                 | {"jsonrpc":                                             | -32700
                    plain text               | hello                                                   | -32700
                    a batch                  | [{"jsonrpc":"2.0","id":1,"method":"ping"}]              | -32600
                    an empty batch           | []                                                      | -32600
                    a number                 | 42                                                      | -32600
                    no version               | {"id":1,"method":"ping"}                                | -32600
                    version 1                | {"jsonrpc":"1.0","id":1,"method":"ping"}                | -32600
                    a null id                | {"jsonrpc":"2.0","id":null,"method":"ping"}             | -32600
                    an object id             | {"jsonrpc":"2.0","id":{},"method":"ping"}               | -32600
                    a fractional id          | {"jsonrpc":"2.0","id":1.5,"method":"ping"}              | -32600
                    a numeric method         | {"jsonrpc":"2.0","id":1,"method":3}                     | -32600
                    an empty method          | {"jsonrpc":"2.0","id":1,"method":""}                    | -32600
                    array params             | {"jsonrpc":"2.0","id":1,"method":"ping","params":[1]}   | -32600
                    neither kind             | {"jsonrpc":"2.0","id":1}                                | -32600
                    """)
    void whatIsNotOneMessageIsRefused(String what, String json, int code) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void anEmptyBodyIsAnInvalidRequest() {
        assertThatThrownBy(() -> McpMessages.parse(new byte[0]))
                .isInstanceOfSatisfying(
                        McpError.class,
                        e -> assertThat(e.code()).isEqualTo(McpError.INVALID_REQUEST));
    }

    @Test
    void errorAnswersCarryTheRequestIdWhenThereIsOne() {
        assertThat(
                        JsonRpc.idOf(
                                        "{\"jsonrpc\":\"2.0\",\"id\":\"q\",\"method\":1}"
                                                .getBytes(StandardCharsets.UTF_8))
                                .asText())
                .isEqualTo("q");
        assertThat(JsonRpc.idOf("garbage".getBytes(StandardCharsets.UTF_8)).isNull()).isTrue();
        assertThat(JsonRpc.idOf("[1]".getBytes(StandardCharsets.UTF_8)).isNull()).isTrue();

        var error = JsonRpc.error(JsonRpc.idOf(new byte[0]), -32600, "bad", null);
        assertThat(error.get("id").isNull()).isTrue();
        assertThat(error.get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(error.get("jsonrpc").asText()).isEqualTo("2.0");
    }

    @Test
    void versionsAreNegotiatedAsTheSpecificationSays() {
        assertThat(McpVersions.negotiate("2025-11-25")).isEqualTo("2025-11-25");
        assertThat(McpVersions.negotiate("2025-06-18")).isEqualTo("2025-06-18");
        assertThat(McpVersions.negotiate("2025-03-26")).isEqualTo("2025-03-26");
        // Older transports and unknown revisions get our latest; the client decides.
        assertThat(McpVersions.negotiate("2024-11-05")).isEqualTo("2025-11-25");
        assertThat(McpVersions.negotiate("2099-01-01")).isEqualTo("2025-11-25");
        assertThat(McpVersions.negotiate(null)).isEqualTo("2025-11-25");
        assertThat(McpVersions.supported("1999-01-01")).isFalse();
    }
}
