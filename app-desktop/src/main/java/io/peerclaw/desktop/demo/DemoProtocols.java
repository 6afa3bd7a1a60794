package io.peerclaw.desktop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.peerclaw.shared.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the demo agent answers, in the three protocols the gateway speaks: the text it was sent as
 * {@code "echo: <text>"}, at once, or streamed one word at a time with a pause between words.
 *
 * <ul>
 *   <li>A2A (1.0 and 0.3 JSON-RPC): the card at {@code /.well-known/agent-card.json}; {@code
 *       SendMessage}/{@code message/send} answer a message, {@code SendStreamingMessage}/{@code
 *       message/stream} a task whose artifact arrives in chunks. At {@code /a2a} (and {@code /}).
 *   <li>MCP (Streamable HTTP): {@code initialize}, {@code tools/list} (one tool, {@code echo}),
 *       {@code tools/call}, which streams progress notifications first when given a progress token.
 *       At {@code /}.
 *   <li>ACP 0.2: {@code GET /agents}, {@code POST /runs} in sync and stream mode.
 * </ul>
 */
final class DemoProtocols {
    static final String DESCRIPTION =
            "PeerClaw's demo agent: echoes what you send, at once or streamed word by word";

    /** Its one skill, as both its PeerClaw card and its A2A card name it. */
    static final Map<String, Object> ECHO_SKILL =
            Map.of(
                    "id",
                    "echo",
                    "name",
                    "echo",
                    "description",
                    DESCRIPTION,
                    "tags",
                    List.of("demo"));

    private static final Set<String> A2A_SEND =
            Set.of("SendMessage", "message/send", "SendStreamingMessage", "message/stream");

    private final Supplier<String> baseUrl;
    private final Duration pause;

    DemoProtocols(Supplier<String> baseUrl, Duration pause) {
        this.baseUrl = baseUrl;
        this.pause = pause;
    }

    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (method.equals("GET")
                && (path.equals("/.well-known/agent-card.json")
                        || path.equals("/.well-known/agent.json"))) {
            json(exchange, 200, a2aCard());
        } else if (method.equals("GET") && path.equals("/agents")) {
            json(exchange, 200, Map.of("agents", List.of(acpAgent())));
        } else if (method.equals("POST") && path.equals("/runs")) {
            acpRun(exchange, Json.tree(exchange.getRequestBody().readAllBytes()));
        } else if (method.equals("POST") && (path.equals("/") || path.equals("/a2a"))) {
            rpc(exchange, Json.tree(exchange.getRequestBody().readAllBytes()));
        } else if (method.equals("DELETE") && path.equals("/")) {
            exchange.sendResponseHeaders(204, -1); // an MCP client ending its session
        } else {
            json(exchange, 404, Map.of("code", "not_found", "message", "no such route"));
        }
    }

    /** The answer to {@code text}, whole. */
    static String answer(String text) {
        return "echo: " + text;
    }

    /** The answer in the chunks a stream sends: the first word, then a space and each next one. */
    static List<String> chunks(String text) {
        String[] words = answer(text).split(" ");
        var chunks = new ArrayList<String>();
        for (int i = 0; i < words.length; i++) {
            chunks.add(i == 0 ? words[i] : " " + words[i]);
        }
        return chunks;
    }

    // ---------------------------------------------------------------- JSON-RPC: A2A and MCP

    private void rpc(HttpExchange exchange, JsonNode request) throws IOException {
        String method = request.path("method").asText("");
        JsonNode id = request.get("id");
        JsonNode params = request.path("params");
        if (id == null) {
            exchange.sendResponseHeaders(202, -1); // a notification (notifications/initialized)
            return;
        }
        if (A2A_SEND.contains(method)) {
            a2aSend(exchange, id, method, params);
            return;
        }
        switch (method) {
            case "initialize" -> {
                exchange.getResponseHeaders().set("Mcp-Session-Id", UUID.randomUUID().toString());
                json(
                        exchange,
                        200,
                        result(
                                id,
                                Map.of(
                                        "protocolVersion",
                                        params.path("protocolVersion").asText("2025-11-25"),
                                        "capabilities",
                                        Map.of("tools", Map.of()),
                                        "serverInfo",
                                        Map.of("name", DemoAgent.NAME, "version", "1.0.0"))));
            }
            case "ping" -> json(exchange, 200, result(id, Map.of()));
            case "tools/list" -> json(exchange, 200, result(id, Map.of("tools", List.of(tool()))));
            case "tools/call" -> mcpCall(exchange, id, params);
            case "GetTask", "tasks/get", "CancelTask", "tasks/cancel" ->
                    json(exchange, 200, error(id, -32001, "the demo agent keeps no tasks"));
            default -> json(exchange, 200, error(id, -32601, "no method " + method));
        }
    }

    private void a2aSend(HttpExchange exchange, JsonNode id, String method, JsonNode params)
            throws IOException {
        boolean v1 = Character.isUpperCase(method.charAt(0));
        JsonNode message = params.path("message");
        String text = text(message.path("parts"));
        String contextId = message.path("contextId").asText(UUID.randomUUID().toString());
        if (!method.contains("tream")) {
            var reply = new LinkedHashMap<String, Object>();
            if (!v1) {
                reply.put("kind", "message");
            }
            reply.put("messageId", UUID.randomUUID().toString());
            reply.put("contextId", contextId);
            reply.put("role", v1 ? "ROLE_AGENT" : "agent");
            reply.put("parts", List.of(a2aPart(answer(text), v1)));
            json(exchange, 200, result(id, v1 ? Map.of("message", reply) : reply));
            return;
        }
        String taskId = UUID.randomUUID().toString();
        try (var events = EventStream.open(exchange)) {
            events.send(result(id, a2aWrap("task", a2aTask(taskId, contextId, "working", v1), v1)));
            List<String> chunks = chunks(text);
            for (int i = 0; i < chunks.size(); i++) {
                pause(i);
                var update = new LinkedHashMap<String, Object>();
                if (!v1) {
                    update.put("kind", "artifact-update");
                }
                update.put("taskId", taskId);
                update.put("contextId", contextId);
                update.put(
                        "artifact",
                        Map.of(
                                "artifactId",
                                "answer",
                                "parts",
                                List.of(a2aPart(chunks.get(i), v1))));
                update.put("append", i > 0);
                update.put("lastChunk", i == chunks.size() - 1);
                events.send(result(id, a2aWrap("artifactUpdate", update, v1)));
            }
            var done = new LinkedHashMap<String, Object>();
            if (!v1) {
                done.put("kind", "status-update");
            }
            done.put("taskId", taskId);
            done.put("contextId", contextId);
            done.put("status", Map.of("state", a2aState("completed", v1)));
            done.put("final", true);
            events.send(result(id, a2aWrap("statusUpdate", done, v1)));
        }
    }

    private static Object a2aWrap(String member, Map<String, Object> value, boolean v1) {
        return v1 ? Map.of(member, value) : value;
    }

    private static Map<String, Object> a2aTask(
            String taskId, String contextId, String state, boolean v1) {
        var task = new LinkedHashMap<String, Object>();
        if (!v1) {
            task.put("kind", "task");
        }
        task.put("id", taskId);
        task.put("contextId", contextId);
        task.put("status", Map.of("state", a2aState(state, v1)));
        return task;
    }

    private static String a2aState(String state, boolean v1) {
        return v1 ? "TASK_STATE_" + state.toUpperCase(java.util.Locale.ROOT) : state;
    }

    private static Map<String, Object> a2aPart(String text, boolean v1) {
        return v1 ? Map.of("text", text) : Map.of("kind", "text", "text", text);
    }

    private Map<String, Object> a2aCard() {
        String url = baseUrl.get() + "/a2a";
        var card = new LinkedHashMap<String, Object>();
        card.put("name", DemoAgent.NAME);
        card.put("description", DESCRIPTION);
        card.put("version", "1.0.0");
        card.put(
                "supportedInterfaces",
                List.of(
                        Map.of("url", url, "protocolBinding", "JSONRPC", "protocolVersion", "1.0"),
                        Map.of(
                                "url",
                                url,
                                "protocolBinding",
                                "JSONRPC",
                                "protocolVersion",
                                "0.3")));
        card.put("capabilities", Map.of("streaming", true, "pushNotifications", false));
        card.put("defaultInputModes", List.of("text/plain"));
        card.put("defaultOutputModes", List.of("text/plain"));
        card.put("skills", List.of(ECHO_SKILL));
        return card;
    }

    private void mcpCall(HttpExchange exchange, JsonNode id, JsonNode params) throws IOException {
        if (!params.path("name").asText("").equals("echo")) {
            json(exchange, 200, error(id, -32602, "unknown tool; the demo has echo"));
            return;
        }
        String text = params.path("arguments").path("text").asText("");
        var answer = Map.of("content", List.of(Map.of("type", "text", "text", answer(text))));
        JsonNode token = params.path("_meta").get("progressToken");
        if (token == null) {
            json(exchange, 200, result(id, answer));
            return;
        }
        try (var events = EventStream.open(exchange)) {
            List<String> chunks = chunks(text);
            for (int i = 0; i < chunks.size(); i++) {
                pause(i);
                events.send(
                        Map.of(
                                "jsonrpc",
                                "2.0",
                                "method",
                                "notifications/progress",
                                "params",
                                Map.of(
                                        "progressToken",
                                        token,
                                        "progress",
                                        i + 1,
                                        "total",
                                        chunks.size(),
                                        "message",
                                        chunks.get(i))));
            }
            events.send(result(id, answer));
        }
    }

    private static Map<String, Object> tool() {
        return Map.of(
                "name",
                "echo",
                "description",
                DESCRIPTION,
                "inputSchema",
                Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of("text", Map.of("type", "string")),
                        "required",
                        List.of("text")));
    }

    // ---------------------------------------------------------------- ACP 0.2

    private static Map<String, Object> acpAgent() {
        return Map.of("name", "echo", "description", DESCRIPTION);
    }

    private void acpRun(HttpExchange exchange, JsonNode body) throws IOException {
        String text = "";
        for (JsonNode message : body.path("input")) {
            for (JsonNode part : message.path("parts")) {
                text += part.path("content").asText("");
            }
        }
        String runId = UUID.randomUUID().toString();
        String session = body.path("session_id").asText(null);
        var output = acpMessage(List.of(answer(text)));
        if (!"stream".equals(body.path("mode").asText("sync"))) {
            json(exchange, 200, acpRunState(runId, session, "completed", List.of(output)));
            return;
        }
        try (var events = EventStream.open(exchange)) {
            events.send(
                    Map.of(
                            "type",
                            "run.created",
                            "run",
                            acpRunState(runId, session, "created", List.of())));
            events.send(
                    Map.of(
                            "type",
                            "run.in-progress",
                            "run",
                            acpRunState(runId, session, "in-progress", List.of())));
            events.send(Map.of("type", "message.created", "message", acpMessage(List.of())));
            List<String> chunks = chunks(text);
            for (int i = 0; i < chunks.size(); i++) {
                pause(i);
                events.send(
                        Map.of(
                                "type",
                                "message.part",
                                "part",
                                Map.of("content_type", "text/plain", "content", chunks.get(i))));
            }
            events.send(Map.of("type", "message.completed", "message", output));
            events.send(
                    Map.of(
                            "type",
                            "run.completed",
                            "run",
                            acpRunState(runId, session, "completed", List.of(output))));
        }
    }

    private static Map<String, Object> acpMessage(List<String> texts) {
        var parts =
                texts.stream()
                        .map(
                                t ->
                                        Map.<String, Object>of(
                                                "content_type", "text/plain", "content", t))
                        .toList();
        return Map.of("role", "agent/echo", "parts", parts);
    }

    private static Map<String, Object> acpRunState(
            String runId, String session, String status, List<Object> output) {
        var run = new LinkedHashMap<String, Object>();
        run.put("agent_name", "echo");
        run.put("run_id", runId);
        if (session != null) {
            run.put("session_id", session);
        }
        run.put("status", status);
        run.put("output", output);
        run.put("created_at", Instant.now().toString());
        return run;
    }

    // ---------------------------------------------------------------- plumbing

    private static String text(JsonNode parts) {
        var text = new StringBuilder();
        for (JsonNode part : parts) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    private void pause(int chunk) {
        if (chunk == 0) {
            return;
        }
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> result(JsonNode id, Object result) {
        var response = new LinkedHashMap<String, Object>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("result", result);
        return response;
    }

    private static Map<String, Object> error(JsonNode id, int code, String message) {
        var response = new LinkedHashMap<String, Object>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("error", Map.of("code", code, "message", message));
        return response;
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.bytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A {@code text/event-stream} answer: each event one JSON document, sent at once. */
    private static final class EventStream implements AutoCloseable {
        private final OutputStream out;

        private EventStream(OutputStream out) {
            this.out = out;
        }

        static EventStream open(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            return new EventStream(exchange.getResponseBody());
        }

        void send(Object document) throws IOException {
            out.write(("data: " + Json.text(document) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
