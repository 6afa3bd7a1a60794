package io.peerclaw.node.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.Artifact;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.FrontDoor;
import io.peerclaw.node.gateway.HistoryMessage;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.gateway.Task;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ToolResultsTest {
    private static final UUID TASK = UUID.fromString("6f1c3d2e-9a8b-4c7d-8e6f-5a4b3c2d1e0f");
    private static final UUID CONTEXT = UUID.fromString("0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b");
    private static final ToolResults.Shape A2A =
            new ToolResults.Shape(false, false, "Echo", "use get_task.");
    private static final ToolResults.Shape MCP =
            new ToolResults.Shape(true, false, "Tools", "use get_task.");
    private static final ToolResults.Shape MCP_WITH_SCHEMA =
            new ToolResults.Shape(true, true, "Tools", "use get_task.");

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Task task(
            CallState state, List<Artifact> artifacts, List<Part> status, CallError error) {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        return new Task(
                TASK,
                new AgentId("a".repeat(32)),
                "user:u1",
                CONTEXT,
                FrontDoor.MCP,
                state,
                List.of(new HistoryMessage(false, "m1", List.of(new Part.Text("hi")))),
                artifacts,
                status,
                null,
                error,
                now,
                now);
    }

    @Test
    void anAgentsTextAndDataBecomeContentAndStructuredContent() {
        var artifact =
                new Artifact(
                        "x",
                        "answer",
                        List.of(
                                new Part.Text("echo: hi"),
                                new Part.Data(json("{\"skill\":\"echo\"}"))));

        JsonNode result =
                ToolResults.result(
                        task(CallState.COMPLETED, List.of(artifact), List.of(), null), A2A);

        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.get("content")).hasSize(2);
        assertThat(result.get("content").get(0))
                .isEqualTo(json("{\"type\":\"text\",\"text\":\"echo: hi\"}"));
        // The JSON text copy MCP asks for alongside structured content.
        assertThat(result.get("content").get(1).get("text").asText())
                .isEqualTo("{\"skill\":\"echo\"}");
        assertThat(result.get("structuredContent")).isEqualTo(json("{\"skill\":\"echo\"}"));
        assertThat(result.get("_meta").get("peerclaw.io/taskId").asText())
                .isEqualTo(TASK.toString());
        assertThat(result.get("_meta").get("peerclaw.io/contextId").asText())
                .isEqualTo(CONTEXT.toString());
        assertThat(result.get("_meta").get("peerclaw.io/state").asText()).isEqualTo("completed");
    }

    @Test
    void theChunksOfAStreamedAnswerAreOneText() {
        var artifact =
                new Artifact(
                        "x",
                        "answer",
                        List.of(
                                new Part.Text("one "),
                                new Part.Text("two "),
                                new Part.FileUrl("https://example.com/a.png", "image/png", null),
                                new Part.Text("three")));

        JsonNode content =
                ToolResults.result(
                                task(CallState.COMPLETED, List.of(artifact), List.of(), null), A2A)
                        .get("content");

        assertThat(content).hasSize(3);
        assertThat(content.get(0).get("text").asText()).isEqualTo("one two ");
        assertThat(content.get(1).get("type").asText()).isEqualTo("resource_link");
        assertThat(content.get(1).get("name").asText()).isEqualTo("https://example.com/a.png");
        assertThat(content.get(2).get("text").asText()).isEqualTo("three");
    }

    @Test
    void severalDataPartsAreWrappedInAnObject() {
        var artifact =
                new Artifact(
                        "x",
                        null,
                        List.of(new Part.Data(json("[1,2]")), new Part.Data(json("{\"a\":1}"))));

        JsonNode result =
                ToolResults.result(
                        task(CallState.COMPLETED, List.of(artifact), List.of(), null), A2A);

        assertThat(result.get("structuredContent")).isEqualTo(json("{\"data\":[[1,2],{\"a\":1}]}"));
    }

    @Test
    void anMcpAgentsStructuredContentPassesThroughWithoutATextCopy() {
        var artifact =
                new Artifact(
                        "x",
                        "weather",
                        List.of(
                                new Part.Text("{\"city\":\"Oslo\"}"),
                                new Part.Data(json("{\"city\":\"Oslo\",\"celsius\":[20]}"))));

        JsonNode result =
                ToolResults.result(
                        task(CallState.COMPLETED, List.of(artifact), List.of(), null), MCP);

        assertThat(result.get("content")).hasSize(1);
        assertThat(result.get("structuredContent"))
                .isEqualTo(json("{\"city\":\"Oslo\",\"celsius\":[20]}"));
    }

    @Test
    void filesBecomeImagesLinksAndEmbeddedResources() {
        var artifact =
                new Artifact(
                        "x",
                        null,
                        List.of(
                                new Part.FileBytes("iVBORw0KGgo=", "image/png", null),
                                new Part.FileUrl(
                                        "https://example.com/big.png", "image/png", "big.png"),
                                new Part.FileBytes("JVBERi0=", "application/pdf", "report.pdf"),
                                new Part.FileBytes("AAAA", null, "file:///tmp/x")));

        JsonNode content =
                ToolResults.result(
                                task(CallState.COMPLETED, List.of(artifact), List.of(), null), MCP)
                        .get("content");

        assertThat(content.get(0))
                .isEqualTo(
                        json(
                                "{\"type\":\"image\",\"data\":\"iVBORw0KGgo=\",\"mimeType\":\"image/png\"}"));
        assertThat(content.get(1))
                .isEqualTo(
                        json(
                                "{\"type\":\"resource_link\",\"uri\":\"https://example.com/big.png\",\"name\":\"big.png\",\"mimeType\":\"image/png\"}"));
        assertThat(content.get(2))
                .isEqualTo(
                        json(
                                "{\"type\":\"resource\",\"resource\":{\"uri\":\"attachment:report.pdf\",\"mimeType\":\"application/pdf\",\"blob\":\"JVBERi0=\"}}"));
        assertThat(content.get(3).get("resource").get("uri").asText()).isEqualTo("file:///tmp/x");
    }

    @Test
    void anAnswerWithoutArtifactsIsTheAgentsStatusMessage() {
        JsonNode result =
                ToolResults.result(
                        task(CallState.COMPLETED, List.of(), List.of(new Part.Text("done")), null),
                        A2A);

        assertThat(result.get("content").get(0).get("text").asText()).isEqualTo("done");
        assertThat(result.has("structuredContent")).isFalse();
    }

    @Test
    void aFailedTaskIsAToolErrorWithTheAgentsWords() {
        JsonNode result =
                ToolResults.result(
                        task(
                                CallState.FAILED,
                                List.of(),
                                List.of(new Part.Text("it broke")),
                                new CallError(CallError.Kind.AGENT_ERROR, "it broke")),
                        A2A);

        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(result.get("content").get(0).get("text").asText()).isEqualTo("it broke");
        assertThat(result.get("_meta").get("peerclaw.io/state").asText()).isEqualTo("failed");
    }

    @Test
    void aFailureWithoutWordsSaysWhy() {
        var unreachable = new CallError(CallError.Kind.UNREACHABLE, "connection refused");
        assertThat(
                        ToolResults.result(
                                        task(CallState.FAILED, List.of(), List.of(), unreachable),
                                        A2A)
                                .get("content")
                                .get(0)
                                .get("text")
                                .asText())
                .isEqualTo("connection refused");
        JsonNode canceled =
                ToolResults.result(task(CallState.CANCELED, List.of(), List.of(), null), A2A);
        assertThat(canceled.get("isError").asBoolean()).isTrue();
        assertThat(canceled.get("content").get(0).get("text").asText())
                .isEqualTo("the task was canceled");
        JsonNode rejected =
                ToolResults.result(task(CallState.REJECTED, List.of(), List.of(), null), A2A);
        assertThat(rejected.get("content").get(0).get("text").asText()).contains("rejected");
    }

    @Test
    void aQuestionOfTheAgentNamesTheTaskToAnswer() {
        JsonNode result =
                ToolResults.result(
                        task(
                                CallState.INPUT_REQUIRED,
                                List.of(),
                                List.of(new Part.Text("what is your name?")),
                                null),
                        A2A);

        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.get("content").get(0).get("text").asText())
                .isEqualTo("what is your name?");
        assertThat(result.get("content").get(1).get("text").asText())
                .contains("taskId \"" + TASK + "\"");
        assertThat(result.get("structuredContent"))
                .isEqualTo(
                        json(
                                "{\"taskId\":\""
                                        + TASK
                                        + "\",\"contextId\":\""
                                        + CONTEXT
                                        + "\",\"state\":\"input-required\"}"));
    }

    @Test
    void aTaskStillRunningIsAnsweredAsWorking() {
        JsonNode result =
                ToolResults.result(task(CallState.WORKING, List.of(), List.of(), null), A2A);

        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.get("content").get(0).get("text").asText())
                .startsWith("Echo is still working on this (task " + TASK + ")")
                .endsWith("use get_task.");
        assertThat(result.get("structuredContent").get("state").asText()).isEqualTo("working");
        assertThat(result.get("structuredContent").get("taskId").asText())
                .isEqualTo(TASK.toString());
        assertThat(
                        ToolResults.result(
                                        task(CallState.SUBMITTED, List.of(), List.of(), null), A2A)
                                .get("structuredContent")
                                .get("state")
                                .asText())
                .isEqualTo("working");
    }

    @Test
    void aToolWithAnOutputSchemaGetsNoForeignStructuredContent() {
        JsonNode working =
                ToolResults.result(
                        task(CallState.WORKING, List.of(), List.of(), null), MCP_WITH_SCHEMA);

        // The SDK client would reject {taskId, state} against the tool's own schema.
        assertThat(working.has("structuredContent")).isFalse();
        assertThat(working.get("isError").asBoolean()).isTrue();
        assertThat(working.get("_meta").get("peerclaw.io/state").asText()).isEqualTo("working");
    }

    @Test
    void messageAgentsTakeAMessageAndTheConversationFields() {
        var skill =
                new Skill(
                        "echo",
                        "Echo",
                        "echoes",
                        List.of("echo"),
                        json(
                                "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}"),
                        null);

        JsonNode tool = ToolResults.tool(skill, true);

        assertThat(tool.get("name").asText()).isEqualTo("echo");
        assertThat(tool.get("title").asText()).isEqualTo("Echo");
        assertThat(tool.get("description").asText()).isEqualTo("echoes");
        JsonNode schema = tool.get("inputSchema");
        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(schema.get("properties").get("message").get("type").asText())
                .isEqualTo("string");
        assertThat(schema.get("properties").get("contextId").get("type").asText())
                .isEqualTo("string");
        assertThat(schema.get("properties").get("taskId").get("type").asText()).isEqualTo("string");
        assertThat(schema.get("required")).isEqualTo(json("[\"message\"]"));
        assertThat(tool.has("outputSchema")).isFalse();
        // The skill's own schema is not changed.
        assertThat(skill.inputSchema().get("properties").has("contextId")).isFalse();
    }

    @Test
    void mcpToolsKeepTheirSchemas() {
        var skill =
                new Skill(
                        "weather",
                        null,
                        "",
                        List.of(),
                        json(
                                "{\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"),
                        json(
                                "{\"type\":\"object\",\"properties\":{\"celsius\":{\"type\":\"array\"}}}"));

        JsonNode tool = ToolResults.tool(skill, false);

        assertThat(tool.has("title")).isFalse();
        assertThat(tool.has("description")).isFalse();
        assertThat(tool.get("inputSchema"))
                .isEqualTo(
                        json(
                                "{\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"type\":\"object\"}"));
        assertThat(tool.get("outputSchema").get("properties").has("celsius")).isTrue();
    }
}
