package io.peerclaw.node.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.peerclaw.node.gateway.JsonRpc;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON-RPC envelopes, versions, method names, error shapes and ids. */
class A2aRequestsTest {

    @Test
    void aRequestKeepsItsIdMethodAndParams() {
        var request =
                A2aRequests.read(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"GetTask\",\"params\":{\"id\":\"t\"}}"
                                .getBytes(StandardCharsets.UTF_8));

        assertThat(request.id().asText()).isEqualTo("s1");
        assertThat(request.method()).isEqualTo("GetTask");
        assertThat(request.params().get("id").asText()).isEqualTo("t");
    }

    @Test
    void absentParamsAreAnEmptyObject() {
        var request =
                A2aRequests.read(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"GetTask\"}"
                                .getBytes(StandardCharsets.UTF_8));

        assertThat(request.id().isNull()).isTrue();
        assertThat(request.params().isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    {                                                   | -32700 | null
                    {"a":1,"a":2}                                       | -32700 | null
                    {"jsonrpc":"2.0","id":1,"method":"x"} trailing      | -32700 | null
                    "text"                                              | -32600 | null
                    [1]                                                 | -32600 | null
                    {"jsonrpc":"2.0","method":"GetTask"}                | -32600 | null
                    {"jsonrpc":2.0,"id":4,"method":"GetTask"}           | -32600 | 4
                    {"jsonrpc":"2.0","id":true,"method":"GetTask"}      | -32600 | null
                    {"jsonrpc":"2.0","id":5,"method":""}                | -32600 | 5
                    {"jsonrpc":"2.0","id":5,"method":7}                 | -32600 | 5
                    {"jsonrpc":"2.0","id":"x","method":"GetTask","params":"p"} | -32602 | x
                    """)
    void malformedRequestsNameTheirError(String body, int code, String id) {
        assertThatThrownBy(() -> A2aRequests.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        A2aRequests.Malformed.class,
                        e -> {
                            assertThat(e.error().code()).isEqualTo(code);
                            assertThat(e.id().asText()).isEqualTo(id);
                        });
    }

    @Test
    void errorsCarryErrorInfoOnlyInOneDotZero() {
        var error = A2aError.taskNotFound("t9");

        assertThat(JsonRpc.error(IntNode.valueOf(3), error.json(A2aVersion.V1_0)).toString())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32001,\"message\":\"Task"
                            + " not found:"
                            + " t9\",\"data\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                            + "\"reason\":\"TASK_NOT_FOUND\",\"domain\":\"a2a-protocol.org\"}]}}");
        assertThat(JsonRpc.error(NullNode.instance, error.json(A2aVersion.V0_3)).toString())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"Task"
                            + " not found: t9\"}}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "-32700, PARSE_ERROR",
        "-32600, INVALID_REQUEST",
        "-32601, METHOD_NOT_FOUND",
        "-32602, INVALID_PARAMS",
        "-32603, INTERNAL_ERROR",
        "-32001, TASK_NOT_FOUND",
        "-32002, TASK_NOT_CANCELABLE",
        "-32003, PUSH_NOTIFICATION_NOT_SUPPORTED",
        "-32004, UNSUPPORTED_OPERATION",
        "-32005, CONTENT_TYPE_NOT_SUPPORTED",
        "-32007, EXTENDED_AGENT_CARD_NOT_CONFIGURED",
        "-32009, VERSION_NOT_SUPPORTED"
    })
    void everyErrorHasItsCodeAndReason(int code, String reason) {
        var all =
                java.util.List.of(
                        A2aError.parse("x"),
                        A2aError.invalidRequest("x"),
                        A2aError.methodNotFound("x"),
                        A2aError.invalidParams("x"),
                        A2aError.internal("x"),
                        A2aError.taskNotFound("x"),
                        A2aError.taskNotCancelable("x", "completed"),
                        A2aError.pushNotificationNotSupported(),
                        A2aError.unsupportedOperation("x"),
                        A2aError.contentTypeNotSupported("text/plain"),
                        A2aError.extendedCardNotConfigured(),
                        A2aError.versionNotSupported("2.0"));

        assertThat(all)
                .filteredOn(e -> e.code() == code)
                .extracting(A2aError::reason)
                .containsExactly(reason);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(
            value = {
                "'', V0_3",
                "0.3, V0_3",
                "0.3.0, V0_3",
                "1.0, V1_0",
                "1.0.1, V1_0",
                "' 1.0 ', V1_0"
            },
            nullValues = "none")
    void versionsAreReadFromTheHeader(String header, A2aVersion version) {
        assertThat(A2aVersion.requested(header)).contains(version);
    }

    @Test
    void anAbsentVersionIsZeroDotThreeAndOthersAreUnsupported() {
        assertThat(A2aVersion.requested(null)).contains(A2aVersion.V0_3);
        assertThat(A2aVersion.requested("2.0")).isEmpty();
        assertThat(A2aVersion.requested("1")).isEmpty();
        assertThat(A2aVersion.requested("1.0x")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SendMessage, SEND_MESSAGE, V1_0",
        "message/send, SEND_MESSAGE, V0_3",
        "SendStreamingMessage, SEND_STREAMING_MESSAGE, V1_0",
        "message/stream, SEND_STREAMING_MESSAGE, V0_3",
        "GetTask, GET_TASK, V1_0",
        "tasks/get, GET_TASK, V0_3",
        "ListTasks, LIST_TASKS, V1_0",
        "CancelTask, CANCEL_TASK, V1_0",
        "tasks/cancel, CANCEL_TASK, V0_3",
        "SubscribeToTask, SUBSCRIBE_TO_TASK, V1_0",
        "tasks/resubscribe, SUBSCRIBE_TO_TASK, V0_3",
        "CreateTaskPushNotificationConfig, CREATE_PUSH_CONFIG, V1_0",
        "tasks/pushNotificationConfig/set, CREATE_PUSH_CONFIG, V0_3",
        "GetTaskPushNotificationConfig, GET_PUSH_CONFIG, V1_0",
        "tasks/pushNotificationConfig/get, GET_PUSH_CONFIG, V0_3",
        "ListTaskPushNotificationConfigs, LIST_PUSH_CONFIGS, V1_0",
        "tasks/pushNotificationConfig/list, LIST_PUSH_CONFIGS, V0_3",
        "DeleteTaskPushNotificationConfig, DELETE_PUSH_CONFIG, V1_0",
        "tasks/pushNotificationConfig/delete, DELETE_PUSH_CONFIG, V0_3",
        "GetExtendedAgentCard, GET_EXTENDED_CARD, V1_0",
        "agent/getAuthenticatedExtendedCard, GET_EXTENDED_CARD, V0_3"
    })
    void methodNamesSayTheirGeneration(String name, A2aMethod method, A2aVersion wire) {
        assertThat(A2aMethod.named(name)).contains(new A2aMethod.Named(method, wire));
    }

    @Test
    void unknownMethodNamesAreNotMethods() {
        assertThat(A2aMethod.named("tasks/list")).isEmpty();
        assertThat(A2aMethod.named("sendMessage")).isEmpty();
        assertThat(A2aMethod.named("tasks/send")).isEmpty();
    }

    @Test
    void contextIdsAreUuidsKeptOrDerived() {
        UUID given = UUID.randomUUID();

        assertThat(A2aCalls.contextId(Optional.of(given.toString()))).isEqualTo(given);
        assertThat(A2aCalls.contextId(Optional.of("my-chat")))
                .isEqualTo(A2aCalls.contextId(Optional.of("my-chat")))
                .isNotEqualTo(A2aCalls.contextId(Optional.of("other-chat")));
        assertThat(A2aCalls.contextId(Optional.empty()))
                .isNotEqualTo(A2aCalls.contextId(Optional.empty()));
    }

    @Test
    void onlyCanonicalUuidsAreTaskIds() {
        assertThat(A2aCalls.uuid("11111111-1111-4111-8111-111111111111")).isPresent();
        assertThat(A2aCalls.uuid("1-1-1-1-1")).isEmpty();
        assertThat(A2aCalls.uuid("nope")).isEmpty();
    }
}
