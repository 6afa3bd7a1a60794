package io.peerclaw.node.gateway.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallEvent;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class A2aTranslatorTest {

    static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Neutral part, its 1.0 form, its 0.3 form: each way round. */
    static Stream<Arguments> parts() {
        return Stream.of(
                Arguments.of(
                        new Part.Text("hi"),
                        "{\"text\":\"hi\"}",
                        "{\"kind\":\"text\",\"text\":\"hi\"}"),
                Arguments.of(
                        new Part.Data(json("{\"a\":[1,2]}")),
                        "{\"data\":{\"a\":[1,2]}}",
                        "{\"kind\":\"data\",\"data\":{\"a\":[1,2]}}"),
                Arguments.of(
                        new Part.FileUrl("https://x/y.png", "image/png", "y.png"),
                        "{\"url\":\"https://x/y.png\",\"mediaType\":\"image/png\",\"filename\":\"y.png\"}",
                        "{\"kind\":\"file\",\"file\":{\"uri\":\"https://x/y.png\",\"mimeType\":\"image/png\",\"name\":\"y.png\"}}"),
                Arguments.of(
                        new Part.FileBytes("aGk=", "text/plain", null),
                        "{\"raw\":\"aGk=\",\"mediaType\":\"text/plain\"}",
                        "{\"kind\":\"file\",\"file\":{\"bytes\":\"aGk=\",\"mimeType\":\"text/plain\"}}"),
                Arguments.of(
                        new Part.FileUrl("https://x/z", null, null),
                        "{\"url\":\"https://x/z\"}",
                        "{\"kind\":\"file\",\"file\":{\"uri\":\"https://x/z\"}}"));
    }

    @ParameterizedTest
    @MethodSource("parts")
    void translatesPartsBothWays(Part part, String v10, String v03) {
        assertThat(A2aTranslator.part(part, A2aVersion.V1_0)).isEqualTo(json(v10));
        assertThat(A2aTranslator.part(part, A2aVersion.V0_3)).isEqualTo(json(v03));
        assertThat(A2aTranslator.part(json(v10), A2aVersion.V1_0)).isEqualTo(part);
        assertThat(A2aTranslator.part(json(v03), A2aVersion.V0_3)).isEqualTo(part);
    }

    @Test
    void keepsAPartOfNoKnownShapeAsData() {
        assertThat(A2aTranslator.part(json("{\"video\":\"x\"}"), A2aVersion.V1_0))
                .isEqualTo(new Part.Data(json("{\"video\":\"x\"}")));
        assertThatThrownBy(() -> A2aTranslator.part(json("\"text\""), A2aVersion.V1_0))
                .isInstanceOf(BadWire.class);
    }

    @ParameterizedTest
    @CsvSource({
        "TASK_STATE_SUBMITTED,      submitted,      SUBMITTED",
        "TASK_STATE_WORKING,        working,        WORKING",
        "TASK_STATE_INPUT_REQUIRED, input-required, INPUT_REQUIRED",
        "TASK_STATE_AUTH_REQUIRED,  auth-required,  AUTH_REQUIRED",
        "TASK_STATE_COMPLETED,      completed,      COMPLETED",
        "TASK_STATE_FAILED,         failed,         FAILED",
        "TASK_STATE_CANCELED,       canceled,       CANCELED",
        "TASK_STATE_REJECTED,       rejected,       REJECTED",
    })
    void translatesStatesBothWays(String v10, String v03, CallState state) {
        assertThat(A2aTranslator.state(v10)).contains(state);
        assertThat(A2aTranslator.state(v03)).contains(state);
        assertThat(A2aTranslator.state(state, A2aVersion.V1_0)).isEqualTo(v10);
        assertThat(A2aTranslator.state(state, A2aVersion.V0_3)).isEqualTo(v03);
    }

    @ParameterizedTest
    @CsvSource({"TASK_STATE_UNSPECIFIED", "unknown", "done", "''"})
    void knowsNoOtherStates(String wire) {
        assertThat(A2aTranslator.state(wire)).isEmpty();
    }

    @Test
    void writesAv10MessageWithTheSkillInMetadata() {
        var request =
                new CallRequest(
                        UUID.fromString("00000000-0000-0000-0000-000000000001"),
                        UUID.fromString("00000000-0000-0000-0000-000000000002"),
                        null,
                        null,
                        List.of(new Part.Text("hi")),
                        json("{\"trace\":\"t1\"}"));
        var skill = new Skill("echo", null, null, List.of(), json("{\"type\":\"object\"}"), null);

        assertThat(A2aTranslator.sendParams(request, skill, A2aVersion.V1_0))
                .isEqualTo(
                        json(
                                """
                                {"message":{"messageId":"00000000-0000-0000-0000-000000000001",
                                 "contextId":"00000000-0000-0000-0000-000000000002","role":"ROLE_USER",
                                 "parts":[{"text":"hi"}],
                                 "metadata":{"trace":"t1","tool":"echo","skill":"echo"}},
                                 "configuration":{}}
                                """));
    }

    @Test
    void writesAv03ContinuationThatBlocks() {
        var request =
                new CallRequest(
                        UUID.fromString("00000000-0000-0000-0000-000000000001"),
                        UUID.randomUUID(),
                        "task-7",
                        null,
                        List.of(new Part.Text("Ada")),
                        null);

        assertThat(A2aTranslator.sendParams(request, null, A2aVersion.V0_3))
                .isEqualTo(
                        json(
                                """
                                {"message":{"kind":"message","messageId":"00000000-0000-0000-0000-000000000001",
                                 "taskId":"task-7","role":"user","parts":[{"kind":"text","text":"Ada"}]},
                                 "configuration":{"blocking":true}}
                                """));
    }

    static Stream<Arguments> results() {
        return Stream.of(
                Arguments.of(
                        A2aVersion.V1_0,
                        """
                        {"task":{"id":"t1","contextId":"c1","status":{"state":"TASK_STATE_COMPLETED"},
                         "artifacts":[{"artifactId":"a1","name":"answer","parts":[{"text":"done"}]}]}}
                        """,
                        new CallResult(
                                CallState.COMPLETED,
                                List.of(
                                        new Artifact(
                                                "a1", "answer", List.of(new Part.Text("done")))),
                                List.of(),
                                "t1",
                                null)),
                Arguments.of(
                        A2aVersion.V1_0,
                        """
                        {"task":{"id":"t2","status":{"state":"TASK_STATE_INPUT_REQUIRED",
                         "message":{"messageId":"m","role":"ROLE_AGENT","parts":[{"text":"name?"}]}}}}
                        """,
                        new CallResult(
                                CallState.INPUT_REQUIRED,
                                List.of(),
                                List.of(new Part.Text("name?")),
                                "t2",
                                null)),
                Arguments.of(
                        A2aVersion.V1_0,
                        """
                        {"task":{"id":"t3","status":{"state":"TASK_STATE_FAILED",
                         "message":{"messageId":"m","role":"ROLE_AGENT","parts":[{"text":"broke"}]}}}}
                        """,
                        new CallResult(
                                CallState.FAILED,
                                List.of(),
                                List.of(new Part.Text("broke")),
                                "t3",
                                new CallError(Kind.AGENT_ERROR, "broke"))),
                Arguments.of(
                        A2aVersion.V1_0,
                        """
                        {"message":{"messageId":"m9","role":"ROLE_AGENT","parts":[{"text":"hello"}]}}
                        """,
                        new CallResult(
                                CallState.COMPLETED,
                                List.of(new Artifact("m9", null, List.of(new Part.Text("hello")))),
                                List.of(),
                                null,
                                null)),
                Arguments.of(
                        A2aVersion.V0_3,
                        """
                        {"kind":"task","id":"t4","status":{"state":"rejected"}}
                        """,
                        new CallResult(
                                CallState.REJECTED,
                                List.of(),
                                List.of(),
                                "t4",
                                new CallError(Kind.AGENT_ERROR, "the agent's task rejected"))),
                Arguments.of(
                        A2aVersion.V0_3,
                        """
                        {"kind":"message","messageId":"m1","taskId":"t5","role":"agent",
                         "parts":[{"kind":"text","text":"hey"}]}
                        """,
                        new CallResult(
                                CallState.COMPLETED,
                                List.of(new Artifact("m1", null, List.of(new Part.Text("hey")))),
                                List.of(),
                                "t5",
                                null)));
    }

    @ParameterizedTest
    @MethodSource("results")
    void readsTasksAndMessages(A2aVersion version, String result, CallResult expected) {
        assertThat(A2aTranslator.result(json(result), version)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"task\":{\"status\":{\"state\":\"TASK_STATE_COMPLETED\"}}}",
                "{\"task\":{\"id\":\"t\",\"status\":{\"state\":\"DONE\"}}}",
                "{\"answer\":42}",
                "[]",
                "{\"statusUpdate\":{\"taskId\":\"t\",\"status\":{\"state\":\"TASK_STATE_WORKING\"}}}"
            })
    void refusesAnswersThatAreNotA2a(String result) {
        assertThatThrownBy(() -> A2aTranslator.result(json(result), A2aVersion.V1_0))
                .isInstanceOf(BadWire.class);
    }

    @ParameterizedTest
    @CsvSource({
        "-32001, UNKNOWN_TASK",
        "-32002, AGENT_ERROR",
        "-32602, AGENT_ERROR",
        "-32603, AGENT_ERROR"
    })
    void mapsJsonRpcErrors(int code, Kind kind) {
        assertThat(A2aTranslator.error(code, "nope"))
                .isEqualTo(new CallError(kind, "nope (" + code + ")"));
    }

    @Test
    void aStreamJoinsChunksAndReportsEachAsItComes() {
        var events = new ArrayList<CallEvent>();
        var stream = new A2aStream(A2aVersion.V1_0, events::add);

        assertThat(
                        stream.apply(
                                json(
                                        "{\"task\":{\"id\":\"t\",\"status\":{\"state\":\"TASK_STATE_SUBMITTED\"}}}")))
                .isFalse();
        stream.apply(
                json(
                        "{\"artifactUpdate\":{\"taskId\":\"t\",\"artifact\":{\"artifactId\":\"a\",\"name\":\"n\",\"parts\":[{\"text\":\"one"
                            + " \"}]}}}"));
        stream.apply(
                json(
                        "{\"artifactUpdate\":{\"taskId\":\"t\",\"append\":true,\"lastChunk\":true,\"artifact\":{\"artifactId\":\"a\",\"parts\":[{\"text\":\"two\"}]}}}"));
        assertThat(
                        stream.apply(
                                json(
                                        "{\"statusUpdate\":{\"taskId\":\"t\",\"status\":{\"state\":\"TASK_STATE_COMPLETED\"}}}")))
                .isTrue();

        assertThat(events)
                .containsExactly(
                        new CallEvent.StatusChanged(CallState.SUBMITTED, List.of()),
                        new CallEvent.ArtifactChunk(
                                new Artifact("a", "n", List.of(new Part.Text("one "))),
                                false,
                                false),
                        new CallEvent.ArtifactChunk(
                                new Artifact("a", null, List.of(new Part.Text("two"))), true, true),
                        new CallEvent.StatusChanged(CallState.COMPLETED, List.of()));
        assertThat(stream.result())
                .isEqualTo(
                        new CallResult(
                                CallState.COMPLETED,
                                List.of(
                                        new Artifact(
                                                "a",
                                                "n",
                                                List.of(
                                                        new Part.Text("one "),
                                                        new Part.Text("two")))),
                                List.of(),
                                "t",
                                null));
    }

    @Test
    void aV03StreamEndsWithItsFinalStatus() {
        var stream = new A2aStream(A2aVersion.V0_3, _ -> {});

        stream.apply(json("{\"kind\":\"task\",\"id\":\"t\",\"status\":{\"state\":\"submitted\"}}"));
        boolean settled =
                stream.apply(
                        json(
                                "{\"kind\":\"status-update\",\"taskId\":\"t\",\"status\":{\"state\":\"input-required\"},\"final\":true}"));

        assertThat(settled).isTrue();
        assertThat(stream.result().state()).isEqualTo(CallState.INPUT_REQUIRED);
        assertThat(new A2aStream(A2aVersion.V1_0, _ -> {}).result().error().kind())
                .isEqualTo(Kind.BAD_RESPONSE);
    }
}
