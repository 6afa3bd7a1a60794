package io.peerclaw.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.shared.model.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GatewayTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static Task fresh() {
        return new Task(
                UUID.randomUUID(),
                new AgentId("b".repeat(32)),
                "anon:1.2.3.4",
                UUID.randomUUID(),
                FrontDoor.INVOKE,
                CallState.WORKING,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                T0,
                T0);
    }

    private static CallEvent chunk(String id, String text, boolean append) {
        return new CallEvent.ArtifactChunk(
                new Artifact(id, "out", List.of(new Part.Text(text))), append, false);
    }

    @Test
    void appendedChunksJoinTheirArtifactAndOthersStartNewOnes() {
        Task task = fresh();
        task = task.withEvent(chunk("a", "Hel", false), T0);
        task = task.withEvent(chunk("a", "lo", true), T0);
        task = task.withEvent(chunk("b", "second", false), T0);

        assertThat(task.artifacts()).hasSize(2);
        assertThat(task.text()).isEqualTo("Hellosecond");
    }

    @Test
    void aChunkWithoutAppendReplacesTheArtifact() {
        Task task = fresh().withEvent(chunk("a", "draft", false), T0);
        task = task.withEvent(chunk("a", "final", false), T0);
        assertThat(task.text()).isEqualTo("final");
    }

    @Test
    void statusChangesKeepTheLastWordsWhenTheNewOneHasNone() {
        Task task =
                fresh().withEvent(
                                new CallEvent.StatusChanged(
                                        CallState.INPUT_REQUIRED,
                                        List.of(new Part.Text("which city?"))),
                                T0);
        task = task.withEvent(new CallEvent.StatusChanged(CallState.WORKING, List.of()), T0);
        assertThat(task.state()).isEqualTo(CallState.WORKING);
        assertThat(Part.text(task.statusMessage())).isEqualTo("which city?");
    }

    @Test
    void previewsAreCutAtCharacterBoundaries() {
        assertThat(FinishedCalls.cap("héllo", 2)).isEqualTo("h");
        assertThat(FinishedCalls.cap("héllo", 3)).isEqualTo("hé");
        assertThat(FinishedCalls.cap("abc", 10)).isEqualTo("abc");
        assertThat(FinishedCalls.cap("abc", 0)).isNull();
    }
}
