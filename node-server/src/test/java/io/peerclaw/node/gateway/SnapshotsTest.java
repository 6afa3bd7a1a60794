package io.peerclaw.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SnapshotsTest {
    private static final AgentId AGENT = new AgentId("a".repeat(32));

    private static Task task(List<Part> parts, CallError error) {
        Instant now = Instant.parse("2026-11-26T10:00:00.123Z");
        return new Task(
                UUID.randomUUID(),
                AGENT,
                "user:u",
                UUID.randomUUID(),
                FrontDoor.A2A,
                CallState.INPUT_REQUIRED,
                List.of(
                        new HistoryMessage(false, "m1", parts),
                        new HistoryMessage(true, "m2", List.of(new Part.Text("which city?")))),
                List.of(new Artifact("a1", "answer", parts), new Artifact("a2", null, List.of())),
                List.of(new Part.Text("which city?")),
                "remote-7",
                error,
                now,
                now);
    }

    @Test
    void everyKindOfPartSurvivesTheRoundTrip() {
        List<Part> parts =
                List.of(
                        new Part.Text("héllo\nworld"),
                        new Part.Data(Json.tree("{\"n\":1,\"xs\":[true,null]}".getBytes())),
                        new Part.FileUrl("https://x.example/f.pdf", "application/pdf", "f.pdf"),
                        new Part.FileUrl("https://x.example/g", null, null),
                        new Part.FileBytes("aGk=", "text/plain", null));
        Task original = task(parts, new CallError(CallError.Kind.TIMEOUT, "slow"));

        var read = Snapshots.read(Snapshots.write(original));

        assertThat(read.history()).isEqualTo(original.history());
        assertThat(read.artifacts()).isEqualTo(original.artifacts());
        assertThat(read.statusMessage()).isEqualTo(original.statusMessage());
        assertThat(read.error()).isEqualTo(original.error());
    }

    @Test
    void noErrorStaysNoError() {
        var read = Snapshots.read(Snapshots.write(task(List.of(new Part.Text("x")), null)));
        assertThat(read.error()).isNull();
    }
}
