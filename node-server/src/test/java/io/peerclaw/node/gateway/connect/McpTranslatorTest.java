package io.peerclaw.node.gateway.connect;

import static io.peerclaw.node.gateway.connect.A2aTranslatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Skill;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class McpTranslatorTest {

    /** MCP content block and the neutral part it is. */
    static Stream<Arguments> content() {
        return Stream.of(
                Arguments.of("{\"type\":\"text\",\"text\":\"hi\"}", new Part.Text("hi")),
                Arguments.of(
                        "{\"type\":\"image\",\"data\":\"iVBO\",\"mimeType\":\"image/png\"}",
                        new Part.FileBytes("iVBO", "image/png", null)),
                Arguments.of(
                        "{\"type\":\"audio\",\"data\":\"UklG\",\"mimeType\":\"audio/wav\"}",
                        new Part.FileBytes("UklG", "audio/wav", null)),
                Arguments.of(
                        "{\"type\":\"resource_link\",\"uri\":\"https://x/a.pdf\",\"name\":\"a.pdf\",\"mimeType\":\"application/pdf\"}",
                        new Part.FileUrl("https://x/a.pdf", "application/pdf", "a.pdf")),
                Arguments.of(
                        "{\"type\":\"resource\",\"resource\":{\"uri\":\"mem://a\",\"mimeType\":\"application/zip\",\"blob\":\"UEsD\"}}",
                        new Part.FileBytes("UEsD", "application/zip", "mem://a")));
    }

    @ParameterizedTest
    @MethodSource("content")
    void translatesContentBothWays(String block, Part part) {
        assertThat(McpTranslator.part(json(block))).isEqualTo(part);
        assertThat(McpTranslator.content(part)).isEqualTo(json(block));
    }

    @Test
    void readsEmbeddedTextAndWritesDataAsText() {
        assertThat(
                        McpTranslator.part(
                                json(
                                        "{\"type\":\"resource\",\"resource\":{\"uri\":\"mem://r\",\"text\":\"readme\"}}")))
                .isEqualTo(new Part.Text("readme"));
        assertThat(McpTranslator.content(new Part.Data(json("{\"a\":1}"))))
                .isEqualTo(json("{\"type\":\"text\",\"text\":\"{\\\"a\\\":1}\"}"));
        assertThatThrownBy(() -> McpTranslator.part(json("{\"type\":\"video\"}")))
                .isInstanceOf(BadWire.class);
        assertThatThrownBy(() -> McpTranslator.part(json("{\"type\":\"image\"}")))
                .isInstanceOf(BadWire.class);
    }

    @Test
    void readsATool() {
        Skill skill =
                McpTranslator.skill(
                        json(
                                """
                                {"name":"weather","description":"forecast","annotations":{"title":"Weather"},
                                 "inputSchema":{"type":"object","properties":{"city":{"type":"string"}}},
                                 "outputSchema":{"type":"object"}}
                                """));

        assertThat(skill.name()).isEqualTo("weather");
        assertThat(skill.title()).isEqualTo("Weather");
        assertThat(skill.description()).isEqualTo("forecast");
        assertThat(skill.tags()).isEmpty();
        assertThat(skill.inputSchema().path("properties").has("city")).isTrue();
        assertThat(skill.outputSchema()).isEqualTo(json("{\"type\":\"object\"}"));
        assertThat(McpTranslator.skill(json("{\"name\":\"bare\"}")).inputSchema())
                .isEqualTo(json("{\"type\":\"object\"}"));
        assertThatThrownBy(() -> McpTranslator.skill(json("{\"title\":\"x\"}")))
                .isInstanceOf(BadWire.class);
    }

    /** Input schema, message parts (text or a JSON object), and the arguments or the error. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]} | hi |"
                        + " {\"text\":\"hi\"}",
                "{\"properties\":{\"q\":{\"type\":\"string\"},\"n\":{\"type\":\"number\"}},\"required\":[\"q\"]}"
                    + " | hi | {\"q\":\"hi\"}",
                "{\"properties\":{\"q\":{\"type\":\"string\"}}} | hi | {\"q\":\"hi\"}",
                "{\"properties\":{}} | hi | {}",
                "{} | hi | {}",
                "{\"properties\":{\"a\":{\"type\":\"string\"}}} | {\"a\":\"x\",\"b\":2} |"
                        + " {\"a\":\"x\",\"b\":2}",
                "{\"properties\":{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"number\"}},\"required\":[\"city\",\"days\"]}"
                    + " | Oslo | BAD_ARGUMENTS: city, days",
                "{\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}}} | hi |"
                        + " BAD_ARGUMENTS: a, b",
                "{\"properties\":{\"n\":{\"type\":\"number\"}},\"required\":[\"n\"]} | 5 |"
                        + " BAD_ARGUMENTS: n"
            })
    void fitsTheMessageIntoTheToolsArguments(String schema, String message, String expected) {
        var tool = new Skill("t", null, null, List.of(), json(schema), null);
        List<Part> parts =
                message.startsWith("{")
                        ? List.of(new Part.Text("ignored"), new Part.Data(json(message)))
                        : List.of(new Part.Text(message));

        var arguments = McpTranslator.arguments(parts, tool);

        if (expected.startsWith("BAD_ARGUMENTS")) {
            assertThat(arguments).isInstanceOf(McpTranslator.Arguments.Misfit.class);
            CallError error = ((McpTranslator.Arguments.Misfit) arguments).error();
            assertThat(error.kind()).isEqualTo(Kind.BAD_ARGUMENTS);
            assertThat(error.message()).contains(expected.substring("BAD_ARGUMENTS: ".length()));
        } else {
            assertThat(arguments)
                    .isEqualTo(
                            new McpTranslator.Arguments.Fit(
                                    (com.fasterxml.jackson.databind.node.ObjectNode)
                                            json(expected)));
        }
    }

    @Test
    void aResultIsOneArtifactWithStructuredContentAsData() {
        var result =
                McpTranslator.result(
                        json(
                                """
                                {"content":[{"type":"text","text":"20 degrees"}],
                                 "structuredContent":{"celsius":20}}
                                """),
                        "weather",
                        "a1");

        assertThat(result)
                .isEqualTo(
                        CallResult.completed(
                                List.of(
                                        new Artifact(
                                                "a1",
                                                "weather",
                                                List.of(
                                                        new Part.Text("20 degrees"),
                                                        new Part.Data(json("{\"celsius\":20}"))))),
                                null));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "the city is unknown | AGENT_ERROR | the city is unknown",
                "MCP error -32602: Tool nope not found | UNKNOWN_TOOL | Tool nope not found",
                "MCP error -32602: Input validation error: expected number | BAD_ARGUMENTS | Input"
                        + " validation error: expected number",
                "MCP error -32603: boom | AGENT_ERROR | MCP error -32603: boom"
            })
    void anErrorResultFailsWithTheToolsWords(String text, Kind kind, String message) {
        var result =
                McpTranslator.result(
                        json(
                                "{\"isError\":true,\"content\":[{\"type\":\"text\",\"text\":\""
                                        + text
                                        + "\"}]}"),
                        "t",
                        "a");

        assertThat(result.state()).isEqualTo(CallState.FAILED);
        assertThat(result.artifacts()).isEmpty();
        assertThat(result.statusMessage()).containsExactly(new Part.Text(text));
        assertThat(result.error()).isEqualTo(new CallError(kind, message));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "-32602 | Unknown tool: x | UNKNOWN_TOOL",
                "-32602 | Tool x not found | UNKNOWN_TOOL",
                "-32602 | Invalid arguments | BAD_ARGUMENTS",
                "-32603 | Internal error | AGENT_ERROR",
                "-32601 | Method not found | AGENT_ERROR"
            })
    void mapsJsonRpcErrors(int code, String message, Kind kind) {
        assertThat(McpTranslator.error(code, message).kind()).isEqualTo(kind);
    }

    @Test
    void refusesResultsThatAreNotMcp() {
        assertThatThrownBy(() -> McpTranslator.result(json("[]"), "t", "a"))
                .isInstanceOf(BadWire.class);
        assertThatThrownBy(() -> McpTranslator.result(json("{\"content\":\"text\"}"), "t", "a"))
                .isInstanceOf(BadWire.class);
    }
}
