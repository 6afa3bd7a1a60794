package io.peerclaw.node.gateway.acp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.FrontDoor;
import io.peerclaw.node.gateway.HistoryMessage;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.shared.model.AgentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RunJsonTest {
    static final AgentId AGENT = new AgentId("abcdefghijklmnopqrstuvwxyz234567");
    static final UUID RUN = UUID.fromString("7c1a3fb8-0000-4000-8000-000000000001");
    static final UUID SESSION = UUID.fromString("7c1a3fb8-0000-4000-8000-000000000002");
    static final Instant CREATED = Instant.parse("2026-11-25T19:24:48.697Z");
    static final Instant UPDATED = Instant.parse("2026-11-25T19:24:50Z");

    static Task task(
            CallState state,
            List<HistoryMessage> history,
            List<Artifact> artifacts,
            List<Part> status,
            CallError error) {
        return new Task(
                RUN,
                AGENT,
                "user:u",
                SESSION,
                FrontDoor.ACP,
                state,
                history,
                artifacts,
                status,
                "remote",
                error,
                CREATED,
                UPDATED);
    }

    static HistoryMessage user(String text) {
        return new HistoryMessage(
                false, UUID.randomUUID().toString(), List.of(new Part.Text(text)));
    }

    static HistoryMessage agent(String text) {
        return new HistoryMessage(true, UUID.randomUUID().toString(), List.of(new Part.Text(text)));
    }

    static Artifact answer(String... texts) {
        return new Artifact(
                "a1", "answer", List.of(texts).stream().map(t -> (Part) new Part.Text(t)).toList());
    }

    static List<String> types(List<ObjectNode> events) {
        return events.stream().map(e -> e.get("type").asText() + statusOf(e)).toList();
    }

    static String statusOf(JsonNode event) {
        return event.has("run")
                ? ""
                : event.has("part") ? ":" + event.at("/part/content").asText() : "";
    }

    @ParameterizedTest
    @CsvSource({
        "SUBMITTED, created",
        "WORKING, in-progress",
        "INPUT_REQUIRED, awaiting",
        "AUTH_REQUIRED, awaiting",
        "COMPLETED, completed",
        "FAILED, failed",
        "REJECTED, failed",
        "CANCELED, cancelled"
    })
    void statesAreRunStatuses(CallState state, String status) {
        assertThat(RunJson.status(state)).isEqualTo(status);
        assertThat(
                        RunJson.run(task(state, List.of(), List.of(), List.of(), null))
                                .get("status")
                                .asText())
                .isEqualTo(status);
    }

    @Test
    void aCompletedRunCarriesItsArtifactsAsOneAgentMessage() {
        var run =
                RunJson.run(
                        task(
                                CallState.COMPLETED,
                                List.of(user("hi")),
                                List.of(
                                        answer("one ", "two"),
                                        new Artifact("a2", null, List.of(new Part.Text("!")))),
                                List.of(),
                                null));

        assertThat(run.get("run_id").asText()).isEqualTo(RUN.toString());
        assertThat(run.get("agent_name").asText()).isEqualTo(AGENT.value());
        assertThat(run.get("session_id").asText()).isEqualTo(SESSION.toString());
        assertThat(run.get("created_at").asText()).isEqualTo("2026-11-25T19:24:48.697Z");
        assertThat(run.get("finished_at").asText()).isEqualTo("2026-11-25T19:24:50Z");
        assertThat(run.has("error")).isFalse();
        assertThat(run.has("await_request")).isFalse();
        JsonNode message = run.get("output").get(0);
        assertThat(run.get("output").size()).isEqualTo(1);
        assertThat(message.get("role").asText()).isEqualTo("agent/" + AGENT.value());
        assertThat(message.get("completed_at").asText()).isEqualTo("2026-11-25T19:24:50Z");
        assertThat(message.get("parts"))
                .extracting(p -> p.get("content").asText() + "@" + p.path("name").asText("-"))
                .containsExactly("one @answer", "two@answer", "!@-");
    }

    @Test
    void aRunAnsweredWithoutArtifactsShowsTheAgentsMessage() {
        var run =
                RunJson.run(
                        task(
                                CallState.COMPLETED,
                                List.of(),
                                List.of(),
                                List.of(new Part.Text("done")),
                                null));

        assertThat(run.at("/output/0/parts/0/content").asText()).isEqualTo("done");
    }

    @Test
    void anAwaitingRunAsksWithTheAgentsQuestion() {
        var run =
                RunJson.run(
                        task(
                                CallState.INPUT_REQUIRED,
                                List.of(user("hi"), agent("what is your name?")),
                                List.of(),
                                List.of(new Part.Text("what is your name?")),
                                null));

        assertThat(run.at("/await_request/type").asText()).isEqualTo("message");
        assertThat(run.at("/await_request/message/role").asText())
                .isEqualTo("agent/" + AGENT.value());
        assertThat(run.at("/await_request/message/parts/0/content").asText())
                .isEqualTo("what is your name?");
        assertThat(run.get("output")).isEmpty();
        assertThat(run.has("finished_at")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "UNKNOWN_TOOL, not_found",
        "UNKNOWN_TASK, not_found",
        "BAD_ARGUMENTS, invalid_input",
        "UNREACHABLE, server_error",
        "TIMEOUT, server_error",
        "BAD_RESPONSE, server_error",
        "AGENT_ERROR, server_error"
    })
    void aFailedRunSaysWhyInAcpsCodes(CallError.Kind kind, String code) {
        var run =
                RunJson.run(
                        task(
                                CallState.FAILED,
                                List.of(user("hi")),
                                List.of(),
                                List.of(new Part.Text("why")),
                                new CallError(kind, "because")));

        assertThat(run.at("/error/code").asText()).isEqualTo(code);
        assertThat(run.at("/error/message").asText()).isEqualTo("because");
        assertThat(run.at("/error/data/kind").asText())
                .isEqualTo(kind.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(run.get("output")).isEmpty();
    }

    @Test
    void aRejectedRunIsInvalidInputAndAFailureWithoutErrorUsesTheAgentsWords() {
        var rejected =
                RunJson.run(
                        task(
                                CallState.REJECTED,
                                List.of(),
                                List.of(),
                                List.of(new Part.Text("no")),
                                null));
        var failed =
                RunJson.run(
                        task(
                                CallState.FAILED,
                                List.of(),
                                List.of(),
                                List.of(new Part.Text("it broke")),
                                null));

        assertThat(rejected.at("/error/code").asText()).isEqualTo("invalid_input");
        assertThat(failed.at("/error/code").asText()).isEqualTo("server_error");
        assertThat(failed.at("/error/message").asText()).isEqualTo("it broke");
    }

    @Test
    void theEventsOfACompletedRunFollowAcpsOrder() {
        var events =
                RunJson.events(
                        task(
                                CallState.COMPLETED,
                                List.of(user("hi")),
                                List.of(answer("one ", "two")),
                                List.of(),
                                null));

        assertThat(types(events))
                .containsExactly(
                        "run.created",
                        "run.in-progress",
                        "message.created",
                        "message.part:one ",
                        "message.part:two",
                        "message.completed",
                        "run.completed");
        assertThat(events.getFirst().at("/run/output")).isEmpty();
        assertThat(events.getFirst().at("/run/status").asText()).isEqualTo("created");
        assertThat(events.get(5).at("/message/parts")).hasSize(2);
        assertThat(events.getLast().at("/run/output/0/parts")).hasSize(2);
    }

    @Test
    void theEventsOfAResumedRunShowEachWait() {
        var events =
                RunJson.events(
                        task(
                                CallState.COMPLETED,
                                List.of(
                                        user("hi"),
                                        agent("name?"),
                                        user("Ada"),
                                        agent("age?"),
                                        user("36")),
                                List.of(answer("hello Ada")),
                                List.of(),
                                null));

        assertThat(types(events))
                .containsExactly(
                        "run.created",
                        "run.in-progress",
                        "run.awaiting",
                        "run.in-progress",
                        "run.awaiting",
                        "run.in-progress",
                        "message.created",
                        "message.part:hello Ada",
                        "message.completed",
                        "run.completed");
        assertThat(events.get(2).at("/run/await_request/message/parts/0/content").asText())
                .isEqualTo("name?");
        assertThat(events.get(4).at("/run/await_request/message/parts/0/content").asText())
                .isEqualTo("age?");
    }

    @Test
    void aRunThatAwaitsNowEndsWithItsCurrentQuestion() {
        var events =
                RunJson.events(
                        task(
                                CallState.INPUT_REQUIRED,
                                List.of(user("hi"), agent("name?")),
                                List.of(),
                                List.of(new Part.Text("name?")),
                                null));

        assertThat(types(events)).containsExactly("run.created", "run.in-progress", "run.awaiting");
        assertThat(events.getLast().at("/run/await_request/message/parts/0/content").asText())
                .isEqualTo("name?");
    }

    @Test
    void aRunCancelledWhileAwaitingEndsCancelledWithoutWorkingAgain() {
        var events =
                RunJson.events(
                        task(
                                CallState.CANCELED,
                                List.of(user("hi"), agent("name?")),
                                List.of(),
                                List.of(),
                                null));

        assertThat(types(events))
                .containsExactly("run.created", "run.in-progress", "run.awaiting", "run.cancelled");
    }

    @Test
    void aRunStillWorkingShowsWhatItProducedSoFar() {
        var events =
                RunJson.events(
                        task(
                                CallState.WORKING,
                                List.of(user("hi")),
                                List.of(answer("one ")),
                                List.of(),
                                null));

        assertThat(types(events))
                .containsExactly(
                        "run.created", "run.in-progress", "message.created", "message.part:one ");
    }

    @Test
    void aFailedRunsEventsEndWithTheFailure() {
        var events =
                RunJson.events(
                        task(
                                CallState.FAILED,
                                List.of(user("hi")),
                                List.of(),
                                List.of(new Part.Text("down")),
                                new CallError(CallError.Kind.UNREACHABLE, "down")));

        assertThat(types(events)).containsExactly("run.created", "run.in-progress", "run.failed");
        assertThat(events.getLast().at("/run/error/code").asText()).isEqualTo("server_error");
    }

    @ParameterizedTest
    @EnumSource(CallState.class)
    void everyRunHasTheFieldsAcpClientsRequire(CallState state) {
        var history = new ArrayList<>(List.of(user("hi")));
        var run = RunJson.run(task(state, history, List.of(), List.of(), null));

        assertThat(run.get("run_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(run.get("session_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(run.get("output").isArray()).isTrue();
        assertThat(run.get("created_at").asText()).endsWith("Z");
        for (ObjectNode event : RunJson.events(task(state, history, List.of(), List.of(), null))) {
            assertThat(event.get("type").asText()).matches("run\\.[a-z-]+|message\\.[a-z]+");
        }
    }
}
