package io.peerclaw.node.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolArgumentsTest {
    private static final JsonNode SCHEMA =
            json(
                    """
                    {"type":"object","additionalProperties":false,"required":["city","days"],
                     "properties":{"city":{"type":"string"},"days":{"type":"integer"},
                     "metric":{"type":"boolean"},"tags":{"type":"array"}}}
                    """);

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMessageWithItsConversationIsRead() {
        UUID context = UUID.randomUUID();
        UUID task = UUID.randomUUID();

        var message =
                ToolArguments.message(
                        "echo",
                        json(
                                "{\"message\":\"hi\",\"contextId\":\""
                                        + context
                                        + "\",\"taskId\":\""
                                        + task
                                        + "\"}"));

        assertThat(message.text()).isEqualTo("hi");
        assertThat(message.contextId()).contains(context);
        assertThat(message.taskId()).contains(task);
        assertThat(
                        ToolArguments.message(
                                        "echo", json("{\"message\":\"hi\",\"contextId\":\"\"}"))
                                .contextId())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    {}                                         | message is required
                    {"message":null}                           | message is required
                    {"message":7}                              | message must be a string
                    {"message":"  "}                           | message must not be empty
                    {"message":"hi","contextId":"abc"}         | contextId must be a UUID string
                    {"message":"hi","taskId":5}                | taskId must be a UUID string
                    {"message":"hi","text":"hi"}               | unexpected field text
                    """)
    void aMessageThatDoesNotFitSaysWhy(String arguments, String problem) {
        assertThatThrownBy(() -> ToolArguments.message("echo", json(arguments)))
                .isInstanceOf(ToolArguments.Invalid.class)
                .hasMessageStartingWith("Invalid arguments for tool echo: ")
                .hasMessageContaining(problem);
    }

    @Test
    void argumentsThatFitTheSchemaPass() {
        ToolArguments.check("weather", SCHEMA, json("{\"city\":\"Oslo\",\"days\":2}"));
        ToolArguments.check(
                "weather",
                SCHEMA,
                json("{\"city\":\"Oslo\",\"days\":2.0,\"metric\":true,\"tags\":[]}"));
        ToolArguments.check("free", json("{\"type\":\"object\"}"), json("{\"anything\":1}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    {"days":2}                                  | city is required
                    {"city":"Oslo","days":"two"}                | days must be an integer
                    {"city":"Oslo","days":2.5}                  | days must be an integer
                    {"city":1,"days":2}                         | city must be a string
                    {"city":"Oslo","days":2,"metric":"yes"}     | metric must be a boolean
                    {"city":"Oslo","days":2,"tags":"a"}         | tags must be an array
                    {"city":"Oslo","days":2,"extra":1}          | unexpected field extra
                    """)
    void argumentsThatDoNotFitSayWhy(String arguments, String problem) {
        assertThatThrownBy(() -> ToolArguments.check("weather", SCHEMA, json(arguments)))
                .isInstanceOf(ToolArguments.Invalid.class)
                .hasMessageContaining(problem);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> ToolArguments.check("weather", SCHEMA, json("{}")))
                .hasMessage(
                        "Invalid arguments for tool weather: city is required; days is required");
    }
}
