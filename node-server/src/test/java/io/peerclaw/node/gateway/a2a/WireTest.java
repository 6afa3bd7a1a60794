package io.peerclaw.node.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.FrontDoor;
import io.peerclaw.node.gateway.HistoryMessage;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Translations between A2A's JSON (1.0 and 0.3) and the gateway's neutral envelope. */
class WireTest {
    private static final UUID TASK = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID CONTEXT = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final Instant AT = Instant.parse("2026-11-26T10:15:30.123456Z");

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Wire wire(String version) {
        return Wire.of(version.equals("1.0") ? A2aVersion.V1_0 : A2aVersion.V0_3);
    }

    // ------------------------------------------------------------------ parts in

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    1.0 | {"text":"hi"}                                                            | Text[text=hi]
                    1.0 | {"text":"hi","mediaType":"text/plain","filename":""}                     | Text[text=hi]
                    1.0 | {"data":{"city":"Oslo"},"mediaType":"application/json"}                  | Data[value={"city":"Oslo"}]
                    1.0 | {"data":[1,2]}                                                           | Data[value=[1,2]]
                    1.0 | {"url":"https://e.com/a.png","mediaType":"image/png","filename":"a.png"} | FileUrl[url=https://e.com/a.png, mediaType=image/png, name=a.png]
                    1.0 | {"raw":"aGk=","mediaType":"text/plain"}                                  | FileBytes[base64=aGk=, mediaType=text/plain, name=null]
                    0.3 | {"kind":"text","text":"hi"}                                              | Text[text=hi]
                    0.3 | {"kind":"data","data":{"city":"Oslo"}}                                   | Data[value={"city":"Oslo"}]
                    0.3 | {"kind":"file","file":{"uri":"https://e.com/a.png","mimeType":"image/png","name":"a.png"}} | FileUrl[url=https://e.com/a.png, mediaType=image/png, name=a.png]
                    0.3 | {"kind":"file","file":{"bytes":"aGk=","mimeType":"text/plain"}}          | FileBytes[base64=aGk=, mediaType=text/plain, name=null]
                    """)
    void partsComeInAsNeutralParts(String version, String part, String expected) {
        assertThat(wire(version).part(json(part), "p").toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    1.0 | {}                                   | p must have exactly one of text, raw, url and data
                    1.0 | {"text":"a","data":{}}               | p must have exactly one of text, raw, url and data
                    1.0 | {"text":5}                           | p.text must be a string
                    1.0 | {"raw":"not base64!"}                | p.raw is not base64
                    1.0 | {"url":""}                           | p.url must not be empty
                    1.0 | {"text":"a","metadata":"x"}          | p.metadata must be an object
                    0.3 | {"text":"a"}                         | p.kind is required (text, file or data)
                    0.3 | {"kind":"image"}                     | p.kind must be text, file or data
                    0.3 | {"kind":"text"}                      | p.text is required
                    0.3 | {"kind":"data"}                      | p.data is required
                    0.3 | {"kind":"file"}                      | p.file is required
                    0.3 | {"kind":"file","file":{}}            | p.file must have exactly one of uri and bytes
                    0.3 | {"kind":"file","file":{"uri":"u","bytes":"aGk="}} | p.file must have exactly one of uri and bytes
                    """)
    void badPartsAreInvalidParams(String version, String part, String detail) {
        assertThatThrownBy(() -> wire(version).part(json(part), "p"))
                .isInstanceOfSatisfying(
                        A2aException.class,
                        e -> {
                            assertThat(e.error().code()).isEqualTo(-32602);
                            assertThat(e.error().message()).isEqualTo("Invalid params: " + detail);
                        });
    }

    // ------------------------------------------------------------------ parts out

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    1.0 | text  | {"text":"hi","mediaType":"text/plain"}
                    1.0 | data  | {"data":{"a":1},"mediaType":"application/json"}
                    1.0 | list  | {"data":[1],"mediaType":"application/json"}
                    1.0 | url   | {"url":"https://e.com/a.png","mediaType":"image/png","filename":"a.png"}
                    1.0 | bytes | {"raw":"aGk="}
                    0.3 | text  | {"kind":"text","text":"hi"}
                    0.3 | data  | {"kind":"data","data":{"a":1}}
                    0.3 | list  | {"kind":"data","data":{"value":[1]}}
                    0.3 | url   | {"kind":"file","file":{"uri":"https://e.com/a.png","mimeType":"image/png","name":"a.png"}}
                    0.3 | bytes | {"kind":"file","file":{"bytes":"aGk="}}
                    """)
    void neutralPartsGoOutInEachGenerationsShape(String version, String kind, String expected) {
        Part part =
                switch (kind) {
                    case "text" -> new Part.Text("hi");
                    case "data" -> new Part.Data(json("{\"a\":1}"));
                    case "list" -> new Part.Data(json("[1]"));
                    case "url" -> new Part.FileUrl("https://e.com/a.png", "image/png", "a.png");
                    default -> new Part.FileBytes("aGk=", null, null);
                };

        assertThat(wire(version).part(part).toString()).isEqualTo(expected);
    }

    // ------------------------------------------------------------------ states

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SUBMITTED, TASK_STATE_SUBMITTED, submitted",
        "WORKING, TASK_STATE_WORKING, working",
        "INPUT_REQUIRED, TASK_STATE_INPUT_REQUIRED, input-required",
        "AUTH_REQUIRED, TASK_STATE_AUTH_REQUIRED, auth-required",
        "COMPLETED, TASK_STATE_COMPLETED, completed",
        "FAILED, TASK_STATE_FAILED, failed",
        "CANCELED, TASK_STATE_CANCELED, canceled",
        "REJECTED, TASK_STATE_REJECTED, rejected"
    })
    void statesAreNamedPerGeneration(CallState state, String v1, String v03) {
        assertThat(WireV1.INSTANCE.state(state)).isEqualTo(v1);
        assertThat(WireV03.INSTANCE.state(state)).isEqualTo(v03);
        assertThat(WireV1.parseState(v1)).contains(state);
    }

    @Test
    void onlyTaskStateNamesAreStates() {
        assertThat(WireV1.parseState("completed")).isEmpty();
        assertThat(WireV1.parseState("TASK_STATE_UNSPECIFIED")).isEmpty();
        assertThat(WireV1.parseState("TASK_STATE_DONE")).isEmpty();
    }

    // ------------------------------------------------------------------ messages in

    @Test
    void aOneDotZeroMessageComesInWithItsIdsAndSkill() {
        var message =
                WireV1.INSTANCE.message(
                        json(
                                """
                                {"message":{"messageId":"m1","role":"ROLE_USER","contextId":"c1","taskId":"",
                                 "parts":[{"text":"hi"},{"data":{"city":"Oslo"}}],"metadata":{"skill":"weather"}},
                                 "configuration":{}}\
                                """));

        assertThat(message.messageId()).isEqualTo("m1");
        assertThat(message.contextId()).contains("c1");
        assertThat(message.taskId()).isEmpty();
        assertThat(message.parts()).hasSize(2);
        assertThat(message.skill()).contains("weather");
    }

    @Test
    void aZeroDotThreeMessageNamesItsToolInTheRequestMetadata() {
        var message =
                WireV03.INSTANCE.message(
                        json(
                                """
                                {"message":{"kind":"message","messageId":"m1","role":"user","taskId":"t1",
                                 "parts":[{"kind":"text","text":"hi"}]},"metadata":{"tool":"echo"}}\
                                """));

        assertThat(message.taskId()).contains("t1");
        assertThat(message.skill()).contains("echo");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    {}                                                                    | message is required
                    {"message":"hi"}                                                      | message is required
                    {"message":{"role":"ROLE_USER","parts":[{"text":"x"}]}}               | message.messageId is required
                    {"message":{"messageId":"","role":"ROLE_USER","parts":[{"text":"x"}]}} | message.messageId is required
                    {"message":{"messageId":"m","parts":[{"text":"x"}]}}                  | message.role is required
                    {"message":{"messageId":"m","role":"user","parts":[{"text":"x"}]}}    | message.role must be ROLE_USER
                    {"message":{"messageId":"m","role":"ROLE_USER"}}                      | message.parts is required
                    {"message":{"messageId":"m","role":"ROLE_USER","parts":[]}}           | message.parts must not be empty
                    {"message":{"messageId":"m","role":"ROLE_USER","parts":["x"]}}        | message.parts[0] must be an object
                    {"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}],"metadata":{"skill":7}}} | metadata.skill must be a string
                    """)
    void badMessagesAreInvalidParams(String params, String detail) {
        assertThatThrownBy(() -> WireV1.INSTANCE.message(json(params)).skill())
                .isInstanceOfSatisfying(
                        A2aException.class,
                        e ->
                                assertThat(e.error().message())
                                        .isEqualTo("Invalid params: " + detail));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    1.0 | {}                          | false
                    1.0 | {"returnImmediately":false} | false
                    1.0 | {"returnImmediately":true}  | true
                    0.3 | {}                          | false
                    0.3 | {"blocking":true}           | false
                    0.3 | {"blocking":false}          | true
                    """)
    void blockingIsTheDefaultInBothGenerations(String version, String config, boolean now) {
        assertThat(wire(version).returnImmediately(json(config))).isEqualTo(now);
    }

    @Test
    void historyLengthIsAllWhenAbsentAndNeverNegative() {
        assertThat(Wire.historyLength(json("{}"), "h")).isEmpty();
        assertThat(Wire.historyLength(json("{\"historyLength\":0}"), "h")).hasValue(0);
        assertThatThrownBy(() -> Wire.historyLength(json("{\"historyLength\":-1}"), "h"))
                .isInstanceOf(A2aException.class);
        assertThatThrownBy(() -> Wire.historyLength(json("{\"historyLength\":\"2\"}"), "h"))
                .isInstanceOf(A2aException.class);
    }

    // ------------------------------------------------------------------ tasks out

    private static Task task(CallState state, List<Part> statusMessage) {
        return new Task(
                TASK,
                new AgentId("kzdvvj2umnduyauf35o36k6kw462mujv"),
                "user:u",
                CONTEXT,
                FrontDoor.A2A,
                state,
                List.of(
                        new HistoryMessage(false, "m1", List.of(new Part.Text("ask"))),
                        new HistoryMessage(true, "m2", List.of(new Part.Text("name?"))),
                        new HistoryMessage(false, "m3", List.of(new Part.Text("Ada")))),
                List.of(new Artifact("a1", "answer", List.of(new Part.Text("hello Ada")))),
                statusMessage,
                null,
                null,
                AT,
                AT);
    }

    @Test
    void aOneDotZeroTaskHasItsStatusArtifactsAndHistory() {
        var json =
                WireV1.INSTANCE.task(
                        task(CallState.COMPLETED, List.of()), OptionalInt.empty(), true);

        assertThat(json.toString())
                .isEqualTo(
                        "{\"id\":\"11111111-1111-4111-8111-111111111111\","
                            + "\"contextId\":\"22222222-2222-4222-8222-222222222222\","
                            + "\"status\":{\"state\":\"TASK_STATE_COMPLETED\","
                            + "\"timestamp\":\"2026-11-26T10:15:30.123Z\"},"
                            + "\"artifacts\":[{\"artifactId\":\"a1\",\"name\":\"answer\",\"parts\":[{\"text\":\"hello"
                            + " Ada\",\"mediaType\":\"text/plain\"}]}],\"history\":["
                            + "{\"messageId\":\"m1\",\"contextId\":\"22222222-2222-4222-8222-222222222222\",\"taskId\":\"11111111-1111-4111-8111-111111111111\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"ask\",\"mediaType\":\"text/plain\"}]},"
                            + "{\"messageId\":\"m2\",\"contextId\":\"22222222-2222-4222-8222-222222222222\",\"taskId\":\"11111111-1111-4111-8111-111111111111\",\"role\":\"ROLE_AGENT\",\"parts\":[{\"text\":\"name?\",\"mediaType\":\"text/plain\"}]},"
                            + "{\"messageId\":\"m3\",\"contextId\":\"22222222-2222-4222-8222-222222222222\",\"taskId\":\"11111111-1111-4111-8111-111111111111\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"Ada\",\"mediaType\":\"text/plain\"}]}]}");
    }

    @Test
    void aZeroDotThreeTaskNamesTheKindOfEveryObject() {
        var json =
                WireV03.INSTANCE.task(
                        task(CallState.INPUT_REQUIRED, List.of(new Part.Text("name?"))),
                        OptionalInt.of(1),
                        true);

        assertThat(json.get("kind").asText()).isEqualTo("task");
        assertThat(json.at("/status/state").asText()).isEqualTo("input-required");
        assertThat(json.at("/status/message/kind").asText()).isEqualTo("message");
        assertThat(json.at("/status/message/role").asText()).isEqualTo("agent");
        assertThat(json.at("/status/message/parts/0/kind").asText()).isEqualTo("text");
        assertThat(json.at("/artifacts/0/parts/0").toString())
                .isEqualTo("{\"kind\":\"text\",\"text\":\"hello Ada\"}");
        assertThat(json.get("history")).hasSize(1);
        assertThat(json.at("/history/0/messageId").asText()).isEqualTo("m3");
        assertThat(json.at("/history/0/role").asText()).isEqualTo("user");
    }

    @Test
    void historyLengthZeroAndListingsWithoutArtifactsLeaveThemOut() {
        var json =
                WireV1.INSTANCE.task(
                        task(CallState.COMPLETED, List.of()), OptionalInt.of(0), false);

        assertThat(json.has("history")).isFalse();
        assertThat(json.has("artifacts")).isFalse();
    }

    @Test
    void aFailuresWordsAreTheStatusMessageWithAStableId() {
        var failed = task(CallState.FAILED, List.of(new Part.Text("agent unreachable")));

        var first = WireV1.INSTANCE.task(failed, OptionalInt.empty(), true);
        var again = WireV1.INSTANCE.task(failed, OptionalInt.empty(), true);

        assertThat(first.at("/status/state").asText()).isEqualTo("TASK_STATE_FAILED");
        assertThat(first.at("/status/message/role").asText()).isEqualTo("ROLE_AGENT");
        assertThat(first.at("/status/message/parts/0/text").asText())
                .isEqualTo("agent unreachable");
        assertThat(first.at("/status/message/messageId").asText())
                .isEqualTo(again.at("/status/message/messageId").asText());
    }

    // ------------------------------------------------------------------ results and events

    @Test
    void resultsAreWrappedInOneDotZeroAndBareInZeroDotThree() {
        var v1 =
                WireV1.INSTANCE.task(
                        task(CallState.COMPLETED, List.of()), OptionalInt.empty(), true);
        var v03 =
                WireV03.INSTANCE.task(
                        task(CallState.COMPLETED, List.of()), OptionalInt.empty(), true);

        assertThat(WireV1.INSTANCE.sendResult(v1).get("task")).isEqualTo(v1);
        assertThat(WireV03.INSTANCE.sendResult(v03)).isEqualTo(v03);
        var message =
                WireV1.INSTANCE.message("m", true, List.of(new Part.Text("x")), null, CONTEXT);
        assertThat(WireV1.INSTANCE.sendResultMessage(message).get("message")).isEqualTo(message);
        assertThat(WireV1.INSTANCE.streamMessage(message).get("message")).isEqualTo(message);
    }

    @Test
    void statusUpdatesSayFinalOnlyInZeroDotThree() {
        var v1 =
                WireV1.INSTANCE.statusUpdate(
                        TASK, CONTEXT, CallState.COMPLETED, List.of(), AT, true);
        var v03 =
                WireV03.INSTANCE.statusUpdate(
                        TASK, CONTEXT, CallState.COMPLETED, List.of(), AT, true);
        var v03Working =
                WireV03.INSTANCE.statusUpdate(
                        TASK, CONTEXT, CallState.WORKING, List.of(), AT, false);

        assertThat(v1.toString())
                .isEqualTo(
                        "{\"statusUpdate\":{\"taskId\":\"11111111-1111-4111-8111-111111111111\","
                                + "\"contextId\":\"22222222-2222-4222-8222-222222222222\","
                                + "\"status\":{\"state\":\"TASK_STATE_COMPLETED\","
                                + "\"timestamp\":\"2026-11-26T10:15:30.123Z\"}}}");
        assertThat(v03.toString())
                .isEqualTo(
                        "{\"kind\":\"status-update\",\"taskId\":\"11111111-1111-4111-8111-111111111111\","
                            + "\"contextId\":\"22222222-2222-4222-8222-222222222222\","
                            + "\"status\":{\"state\":\"completed\","
                            + "\"timestamp\":\"2026-11-26T10:15:30.123Z\"},\"final\":true}");
        assertThat(v03Working.get("final").asBoolean()).isFalse();
    }

    @Test
    void artifactUpdatesCarryTheirChunkFlags() {
        var artifact = new Artifact("a1", "answer", List.of(new Part.Text("two ")));

        var v1 = WireV1.INSTANCE.artifactUpdate(TASK, CONTEXT, artifact, true, false);
        var v1Plain = WireV1.INSTANCE.artifactUpdate(TASK, CONTEXT, artifact, false, false);
        var v03 = WireV03.INSTANCE.artifactUpdate(TASK, CONTEXT, artifact, true, true);

        assertThat(v1.at("/artifactUpdate/append").asBoolean()).isTrue();
        assertThat(v1.at("/artifactUpdate/artifact/parts/0/text").asText()).isEqualTo("two ");
        // ProtoJSON leaves defaults out.
        assertThat(v1Plain.get("artifactUpdate").has("append")).isFalse();
        assertThat(v1Plain.get("artifactUpdate").has("lastChunk")).isFalse();
        assertThat(v03.get("kind").asText()).isEqualTo("artifact-update");
        assertThat(v03.get("append").asBoolean()).isTrue();
        assertThat(v03.get("lastChunk").asBoolean()).isTrue();
    }

    @Test
    void timestampsHaveMillisecondsAndAZ() {
        assertThat(Wire.timestamp(Instant.parse("2026-01-02T03:04:05Z")))
                .isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(Wire.timestamp(AT)).isEqualTo("2026-11-26T10:15:30.123Z");
    }
}
