package io.peerclaw.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.http.RequestContext;
import io.peerclaw.shared.json.Json;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class NodeLoggingTest {
    static String withRequest(String requestId, java.util.function.Supplier<String> work) {
        return new RequestContext(requestId, "127.0.0.1").call(work);
    }

    static LogRecord record(String message) {
        var record = new LogRecord(Level.WARNING, message);
        record.setLoggerName("io.peerclaw.node.registry.AgentRegistry");
        return record;
    }

    @Test
    void textLinesCarryTheRequestIdWhileServingARequest() {
        var formatter = new NodeLogging.TextLines();
        String line = withRequest("req-123", () -> formatter.format(record("database failure")));
        assertThat(line).matches("\\S+Z WARN  \\[req-123] AgentRegistry: database failure\\n");
        assertThat(formatter.format(record("outside"))).doesNotContain("[");
    }

    @Test
    void jsonLinesAreOneObjectPerLineWithTheRequestId() {
        var formatter = new NodeLogging.JsonLines();
        var error = record("boom");
        error.setThrown(new IllegalStateException("inner"));
        String line = withRequest("req-9", () -> formatter.format(error));
        assertThat(line).endsWith("\n").doesNotContain("\n\t");
        var json = Json.tree(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("request_id").asText()).isEqualTo("req-9");
        assertThat(json.get("error").asText()).contains("IllegalStateException: inner");
    }
}
