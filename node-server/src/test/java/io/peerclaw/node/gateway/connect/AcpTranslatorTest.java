package io.peerclaw.node.gateway.connect;

import static io.peerclaw.node.gateway.connect.A2aTranslatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AcpTranslatorTest {

    static Stream<Arguments> parts() {
        return Stream.of(
                Arguments.of(
                        new Part.Text("hi"),
                        "{\"content_type\":\"text/plain\",\"content\":\"hi\"}"),
                Arguments.of(
                        new Part.Data(json("{\"a\":1}")),
                        "{\"content_type\":\"application/json\",\"content\":\"{\\\"a\\\":1}\"}"),
                Arguments.of(
                        new Part.FileUrl("https://x/a.png", "image/png", "a.png"),
                        "{\"content_type\":\"image/png\",\"content_url\":\"https://x/a.png\",\"name\":\"a.png\"}"),
                Arguments.of(
                        new Part.FileBytes("aGk=", "application/pdf", null),
                        "{\"content_type\":\"application/pdf\",\"content\":\"aGk=\",\"content_encoding\":\"base64\"}"));
    }

    @ParameterizedTest
    @MethodSource("parts")
    void translatesPartsBothWays(Part part, String wire) {
        assertThat(AcpTranslator.part(part)).isEqualTo(json(wire));
        assertThat(AcpTranslator.part(json(wire))).isEqualTo(part);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"content\":\"no type\"} | TEXT | no type",
                "{\"content_type\":\"text/markdown\",\"content\":\"# h\"} | TEXT | # h",
                "{\"content_type\":\"application/ld+json\",\"content\":\"{}\"} | DATA | {}",
                "{\"content_type\":\"application/json\",\"content\":\"not json\"} | TEXT | not"
                        + " json",
                "{\"content_type\":\"image/png\",\"content\":\"iVBO\",\"content_encoding\":\"base64\",\"name\":\"p\"}"
                    + " | BYTES | iVBO"
            })
    void readsPartsByTheirContentType(String wire, String kind, String content) {
        Part part = AcpTranslator.part(json(wire));

        switch (kind) {
            case "TEXT" -> assertThat(part).isEqualTo(new Part.Text(content));
            case "DATA" -> assertThat(part).isEqualTo(new Part.Data(json(content)));
            default -> assertThat(part).isEqualTo(new Part.FileBytes(content, "image/png", "p"));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "created,     SUBMITTED,      created",
        "in-progress, WORKING,        in-progress",
        "awaiting,    INPUT_REQUIRED, awaiting",
        "completed,   COMPLETED,      completed",
        "failed,      FAILED,         failed",
        "cancelled,   CANCELED,       cancelled",
        "cancelling,  WORKING,        in-progress"
    })
    void translatesStatusesBothWays(String status, CallState state, String back) {
        assertThat(AcpTranslator.state(status)).contains(state);
        assertThat(AcpTranslator.status(state)).isEqualTo(back);
    }

    @Test
    void mapsTheOtherNeutralStates() {
        assertThat(AcpTranslator.status(CallState.AUTH_REQUIRED)).isEqualTo("awaiting");
        assertThat(AcpTranslator.status(CallState.REJECTED)).isEqualTo("failed");
        assertThat(AcpTranslator.state("done")).isEmpty();
    }

    @Test
    void aCompletedRunsOutputBecomesArtifactsWithNamedPartsApart() {
        var result =
                AcpTranslator.result(
                        json(
                                """
                                {"run_id":"r1","agent_name":"echo","status":"completed","output":[
                                  {"role":"agent","parts":[
                                    {"content_type":"text/plain","content":"one "},
                                    {"content_type":"text/plain","content":"3 words","name":"summary"},
                                    {"content_type":"text/plain","content":"two"}]},
                                  {"role":"agent","parts":[{"content_type":"text/plain","content":"more"}]}]}
                                """));

        assertThat(result)
                .isEqualTo(
                        new CallResult(
                                CallState.COMPLETED,
                                List.of(
                                        new Artifact(
                                                "r1/0",
                                                null,
                                                List.of(
                                                        new Part.Text("one "),
                                                        new Part.Text("two"))),
                                        new Artifact(
                                                "r1/0/summary",
                                                "summary",
                                                List.of(new Part.Text("3 words"))),
                                        new Artifact("r1/1", null, List.of(new Part.Text("more")))),
                                List.of(),
                                "r1",
                                null));
    }

    @Test
    void anAwaitingRunAsksAndAFailedRunSaysWhy() {
        var awaiting =
                AcpTranslator.result(
                        json(
                                """
                                {"run_id":"r2","status":"awaiting","output":[],"await_request":{"type":"message",
                                 "message":{"role":"agent","parts":[{"content_type":"text/plain","content":"name?"}]}}}
                                """));
        var failed =
                AcpTranslator.result(
                        json(
                                """
                                {"run_id":"r3","status":"failed","output":[],
                                 "error":{"code":"server_error","message":"it broke"}}
                                """));

        assertThat(awaiting.state()).isEqualTo(CallState.INPUT_REQUIRED);
        assertThat(awaiting.statusMessage()).containsExactly(new Part.Text("name?"));
        assertThat(awaiting.remoteTaskId()).isEqualTo("r2");
        assertThat(failed.state()).isEqualTo(CallState.FAILED);
        assertThat(failed.error()).isEqualTo(new CallError(Kind.AGENT_ERROR, "it broke"));
        assertThatThrownBy(() -> AcpTranslator.result(json("{\"status\":\"completed\"}")))
                .isInstanceOf(BadWire.class);
        assertThatThrownBy(
                        () -> AcpTranslator.result(json("{\"run_id\":\"r\",\"status\":\"done\"}")))
                .isInstanceOf(BadWire.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "404 | {\"code\":\"not_found\",\"message\":\"Agent x not found\"} | false |"
                        + " UNKNOWN_TOOL",
                "404 | {\"code\":\"not_found\",\"message\":\"Run x not found\"} | true |"
                        + " UNKNOWN_TASK",
                "404 | | true | UNKNOWN_TASK",
                "422 | {\"code\":\"invalid_input\",\"message\":\"bad\"} | false | BAD_ARGUMENTS",
                "403 | {\"code\":\"invalid_input\",\"message\":\"not awaiting\"} | true |"
                        + " BAD_ARGUMENTS",
                "500 | {\"code\":\"server_error\",\"message\":\"boom\"} | false | AGENT_ERROR",
                "502 | | false | BAD_RESPONSE"
            })
    void mapsErrorAnswers(int status, String body, boolean resuming, Kind kind) {
        assertThat(AcpTranslator.error(status, body == null ? null : json(body), resuming).kind())
                .isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({
        "Weather Bot,  weather-bot",
        "get_weather,  get-weather",
        "Ünïcode Agent!, unicode-agent",
        "'--x--',      x",
        "'',           agent"
    })
    void spellsAgentNamesAsRfc1123Labels(String name, String label) {
        assertThat(AcpTranslator.agentName(name)).isEqualTo(label);
        assertThat(AcpTranslator.agentName("a".repeat(70))).hasSize(63);
    }

    @Test
    void aStreamReportsPartsAsTheyComeAndEndsWithTheRun() {
        var events = new ArrayList<CallEvent>();
        var stream = new AcpStream(events::add);
        String run = "{\"run_id\":\"r\",\"status\":\"%s\",\"output\":%s}";

        stream.apply(
                json("{\"type\":\"run.created\",\"run\":" + run.formatted("created", "[]") + "}"));
        stream.apply(
                json(
                        "{\"type\":\"message.created\",\"message\":{\"role\":\"agent\",\"parts\":[]}}"));
        stream.apply(
                json(
                        "{\"type\":\"message.part\",\"part\":{\"content_type\":\"text/plain\",\"content\":\"one"
                            + " \"}}"));
        stream.apply(
                json(
                        "{\"type\":\"message.part\",\"part\":{\"content_type\":\"text/plain\",\"content\":\"two\"}}"));
        stream.apply(
                json(
                        "{\"type\":\"message.part\",\"part\":{\"content_type\":\"text/plain\",\"content\":\"s\",\"name\":\"sum\"}}"));
        stream.apply(
                json(
                        "{\"type\":\"message.completed\",\"message\":{\"role\":\"agent\",\"parts\":[{\"content_type\":\"text/plain\",\"content\":\"one"
                            + " two\"},{\"content_type\":\"text/plain\",\"content\":\"s\",\"name\":\"sum\"}]}}"));
        boolean settled =
                stream.apply(
                        json(
                                "{\"type\":\"run.completed\",\"run\":"
                                        + run.formatted("completed", "[]")
                                        + "}"));

        assertThat(settled).isTrue();
        assertThat(events)
                .containsExactly(
                        new CallEvent.StatusChanged(CallState.SUBMITTED, List.of()),
                        new CallEvent.ArtifactChunk(
                                new Artifact("r/0", null, List.of(new Part.Text("one "))),
                                false,
                                false),
                        new CallEvent.ArtifactChunk(
                                new Artifact("r/0", null, List.of(new Part.Text("two"))),
                                true,
                                false),
                        new CallEvent.ArtifactChunk(
                                new Artifact("r/0/sum", "sum", List.of(new Part.Text("s"))),
                                false,
                                true),
                        new CallEvent.StatusChanged(CallState.COMPLETED, List.of()));
        // The final run left its output out: the streamed messages are the output.
        assertThat(stream.result().artifacts())
                .containsExactly(
                        new Artifact("r/0", null, List.of(new Part.Text("one two"))),
                        new Artifact("r/0/sum", "sum", List.of(new Part.Text("s"))));
    }

    @Test
    void anErrorEventEndsTheStream() {
        var stream = new AcpStream(_ -> {});

        boolean stop =
                stream.apply(
                        json(
                                "{\"type\":\"error\",\"error\":{\"code\":\"server_error\",\"message\":\"oops\"}}"));

        assertThat(stop).isTrue();
        assertThat(stream.result().error()).isEqualTo(new CallError(Kind.AGENT_ERROR, "oops"));
    }
}
