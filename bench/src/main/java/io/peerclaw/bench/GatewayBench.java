package io.peerclaw.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.RequestSignature;
import io.peerclaw.shared.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway benchmark's parts: an agent that answers at once, its registration, and two ways of
 * loading an A2A or MCP endpoint (the agent itself, or the gateway in front of it).
 *
 * <pre>
 * instant-agent PORT                          A2A JSON-RPC at /a2a, MCP at /mcp; answers at once
 * free-port                                   prints a free local port
 * register-agent NODE ENDPOINT PROTOCOL TOKEN  registers an agent owned by TOKEN's user; prints id
 * rate KIND URL RPS SECONDS [TOKEN]          an open load at a fixed rate (KIND a2a or mcp)
 * saturate KIND URL CONCURRENCY SECONDS [TOKEN] a closed load: as fast as CONCURRENCY callers go
 * </pre>
 *
 * Fixed-rate latency is measured from each request's scheduled start, so a stall shows in the
 * percentiles instead of slowing the load down (no coordinated omission).
 */
public final class GatewayBench {
    private static final SecureRandom RANDOM = new SecureRandom();

    private GatewayBench() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        switch (args[0]) {
            case "instant-agent" -> instantAgent(Integer.parseInt(args[1]));
            case "free-port" -> {
                try (var socket = new java.net.ServerSocket(0)) {
                    out.println(socket.getLocalPort());
                }
            }
            case "register-agent" -> out.println(register(args[1], args[2], args[3], args[4]));
            case "rate" ->
                    out.println(
                            rate(
                                    Kind.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)),
                                    URI.create(args[2]),
                                    Integer.parseInt(args[3]),
                                    Duration.ofSeconds(Long.parseLong(args[4])),
                                    args.length > 5 ? args[5] : null));
            case "saturate" ->
                    out.println(
                            saturate(
                                    Kind.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)),
                                    URI.create(args[2]),
                                    Integer.parseInt(args[3]),
                                    Duration.ofSeconds(Long.parseLong(args[4])),
                                    args.length > 5 ? args[5] : null));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // ------------------------------------------------------------------ the agent

    /** An A2A v1.0 and MCP agent that echoes at once, on the JDK's HTTP server. */
    static void instantAgent(int port) throws IOException {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(
                "/.well-known/agent-card.json",
                exchange -> {
                    var card = new LinkedHashMap<String, Object>();
                    card.put("name", "instant");
                    card.put("description", "answers at once");
                    card.put("version", "1.0.0");
                    card.put(
                            "supportedInterfaces",
                            List.of(
                                    Map.of(
                                            "url",
                                            "http://127.0.0.1:" + port + "/a2a",
                                            "protocolBinding",
                                            "JSONRPC",
                                            "protocolVersion",
                                            "1.0")));
                    card.put("capabilities", Map.of("streaming", false));
                    card.put("defaultInputModes", List.of("text/plain"));
                    card.put("defaultOutputModes", List.of("text/plain"));
                    card.put(
                            "skills",
                            List.of(
                                    Map.of(
                                            "id",
                                            "echo",
                                            "name",
                                            "Echo",
                                            "description",
                                            "echoes",
                                            "tags",
                                            List.of("echo"))));
                    reply(exchange, 200, Json.bytes(card), "application/json");
                });
        server.createContext("/a2a", GatewayBench::a2a);
        server.createContext("/mcp", GatewayBench::mcp);
        server.start();
        System.out.println("instant agent on http://127.0.0.1:" + port);
    }

    private static void a2a(HttpExchange exchange) throws IOException {
        var request = Json.tree(exchange.getRequestBody().readAllBytes());
        String text =
                request.path("params").path("message").path("parts").path(0).path("text").asText();
        var task = new LinkedHashMap<String, Object>();
        task.put("id", UUID.randomUUID().toString());
        task.put("contextId", UUID.randomUUID().toString());
        task.put(
                "status",
                Map.of("state", "TASK_STATE_COMPLETED", "timestamp", Instant.now().toString()));
        task.put(
                "artifacts",
                List.of(
                        Map.of(
                                "artifactId",
                                UUID.randomUUID().toString(),
                                "parts",
                                List.of(Map.of("text", "echo: " + text)))));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", request.get("id"));
        answer.put("result", Map.of("task", task));
        reply(exchange, 200, Json.bytes(answer), "application/json");
    }

    private static void mcp(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            reply(
                    exchange,
                    exchange.getRequestMethod().equals("DELETE") ? 200 : 405,
                    new byte[0],
                    null);
            return;
        }
        var request = Json.tree(exchange.getRequestBody().readAllBytes());
        String method = request.path("method").asText();
        if (!request.has("id")) {
            reply(exchange, 202, new byte[0], null);
            return;
        }
        Object result =
                switch (method) {
                    case "initialize" -> {
                        exchange.getResponseHeaders()
                                .add("Mcp-Session-Id", UUID.randomUUID().toString());
                        yield Map.of(
                                "protocolVersion",
                                request.path("params").path("protocolVersion").asText("2025-11-25"),
                                "capabilities",
                                Map.of("tools", Map.of()),
                                "serverInfo",
                                Map.of("name", "instant", "version", "1.0.0"));
                    }
                    case "tools/list" ->
                            Map.of(
                                    "tools",
                                    List.of(
                                            Map.of(
                                                    "name",
                                                    "echo",
                                                    "description",
                                                    "echoes",
                                                    "inputSchema",
                                                    Map.of(
                                                            "type",
                                                            "object",
                                                            "properties",
                                                            Map.of(
                                                                    "text",
                                                                    Map.of("type", "string")),
                                                            "required",
                                                            List.of("text")))));
                    case "tools/call" ->
                            Map.of(
                                    "content",
                                    List.of(
                                            Map.of(
                                                    "type",
                                                    "text",
                                                    "text",
                                                    "echo: "
                                                            + request.path("params")
                                                                    .path("arguments")
                                                                    .path("text")
                                                                    .asText())));
                    default -> Map.of();
                };
        var answer = new LinkedHashMap<String, Object>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", request.get("id"));
        answer.put("result", result);
        reply(exchange, 200, Json.bytes(answer), "application/json");
    }

    private static void reply(HttpExchange exchange, int status, byte[] body, String type)
            throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    // ------------------------------------------------------------------ registration

    static String register(String node, String endpoint, String protocol, String token)
            throws IOException, InterruptedException {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        var key = Ed25519.fromSeed(seed);
        var card = new LinkedHashMap<String, Object>();
        card.put("name", "instant-" + protocol);
        card.put("description", "answers at once, for the gateway benchmark");
        card.put("version", "1.0.0");
        card.put("public_key", key.publicKey().base64());
        card.put("capabilities", List.of("echo"));
        card.put("protocols", List.of(protocol));
        card.put("endpoint", Map.of("url", endpoint, "transport", "http"));
        card.put("skills", List.of(Map.of("id", "echo", "name", "Echo", "description", "echoes")));
        byte[] body = Json.bytes(card);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        var builder =
                HttpRequest.newBuilder(URI.create(node + "/api/v1/agents"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        RequestSignature.headers(
                        key,
                        "POST",
                        "/api/v1/agents",
                        Instant.now().getEpochSecond(),
                        Encoding.base64Url(nonce),
                        body)
                .forEach(builder::header);
        var response =
                HttpClient.newHttpClient()
                        .send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration failed: " + response.body());
        }
        return Json.tree(response.body().getBytes(StandardCharsets.UTF_8)).path("id").asText();
    }

    // ------------------------------------------------------------------ load

    enum Kind {
        A2A,
        MCP
    }

    /** One endpoint under load: how to make a call, with the MCP session opened first. */
    private static final class Target {
        private final Kind kind;
        private final URI url;
        private final String token;
        private final HttpClient client;
        private final String session;
        private final AtomicLong ids = new AtomicLong();

        Target(Kind kind, URI url, String token) throws Exception {
            this.kind = kind;
            this.url = url;
            this.token = token;
            this.client =
                    HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .executor(Executors.newVirtualThreadPerTaskExecutor())
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
            this.session = kind == Kind.MCP ? initialize() : null;
        }

        private String initialize() throws Exception {
            var init =
                    Map.of(
                            "jsonrpc",
                            "2.0",
                            "id",
                            0,
                            "method",
                            "initialize",
                            "params",
                            Map.of(
                                    "protocolVersion", "2025-11-25",
                                    "capabilities", Map.of(),
                                    "clientInfo", Map.of("name", "bench", "version", "1")));
            var response =
                    client.send(
                            request(Json.bytes(init), null), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "initialize: " + response.statusCode() + " " + response.body());
            }
            String id = response.headers().firstValue("mcp-session-id").orElse(null);
            var initialized = Map.of("jsonrpc", "2.0", "method", "notifications/initialized");
            client.send(
                    request(Json.bytes(initialized), id), HttpResponse.BodyHandlers.discarding());
            return id;
        }

        private HttpRequest request(byte[] body, String mcpSession) {
            var builder =
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            if (kind == Kind.A2A) {
                builder.header("A2A-Version", "1.0");
            }
            if (mcpSession != null) {
                builder.header("Mcp-Session-Id", mcpSession)
                        .header("MCP-Protocol-Version", "2025-11-25");
            }
            return builder.build();
        }

        /** One call; true when the answer is the agent's echo. */
        boolean call() {
            long id = ids.incrementAndGet();
            Object body =
                    kind == Kind.A2A
                            ? Map.of(
                                    "jsonrpc",
                                    "2.0",
                                    "id",
                                    id,
                                    "method",
                                    "SendMessage",
                                    "params",
                                    Map.of(
                                            "message",
                                            Map.of(
                                                    "messageId", UUID.randomUUID().toString(),
                                                    "role", "ROLE_USER",
                                                    "parts", List.of(Map.of("text", "ping")))))
                            : Map.of(
                                    "jsonrpc",
                                    "2.0",
                                    "id",
                                    id,
                                    "method",
                                    "tools/call",
                                    "params",
                                    Map.of("name", "echo", "arguments", Map.of("text", "ping")));
            try {
                var response =
                        client.send(
                                request(Json.bytes(body), session),
                                HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("echo: ping");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Calls at a fixed rate for a while; latency from each call's scheduled start. */
    static String rate(Kind kind, URI url, int perSecond, Duration length, String token)
            throws Exception {
        var target = new Target(kind, url, token);
        for (int i = 0; i < 200; i++) {
            target.call();
        }
        long interval = 1_000_000_000L / perSecond;
        int total = (int) (length.toSeconds() * perSecond);
        var latencies = new ConcurrentLinkedQueue<Long>();
        var errors = new AtomicLong();
        long start = System.nanoTime() + 10_000_000L;
        try (var calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                calls.submit(
                        () -> {
                            boolean ok = target.call();
                            latencies.add(System.nanoTime() - scheduled);
                            if (!ok) {
                                errors.incrementAndGet();
                            }
                        });
            }
        }
        return figures("rate " + perSecond + "/s", latencies, errors.get(), length);
    }

    /** As many calls as {@code concurrency} callers make back to back, for a while. */
    static String saturate(Kind kind, URI url, int concurrency, Duration length, String token)
            throws Exception {
        var target = new Target(kind, url, token);
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        var latencies = new ConcurrentLinkedQueue<Long>();
        var errors = new AtomicLong();
        long end = warmEnd + length.toNanos();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                callers.submit(
                        () -> {
                            while (System.nanoTime() < end) {
                                long started = System.nanoTime();
                                boolean ok = target.call();
                                if (started >= warmEnd) {
                                    latencies.add(System.nanoTime() - started);
                                    if (!ok) {
                                        errors.incrementAndGet();
                                    }
                                }
                            }
                        });
            }
        }
        return figures("saturate c" + concurrency, latencies, errors.get(), length);
    }

    private static String figures(
            String label, ConcurrentLinkedQueue<Long> latencies, long errors, Duration length) {
        long[] all = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(all);
        return String.format(
                java.util.Locale.ROOT,
                "%s: %d calls, %.0f/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, errors"
                        + " %d",
                label,
                all.length,
                all.length / (double) length.toSeconds(),
                LoadGenerator.percentile(all, 0.50),
                LoadGenerator.percentile(all, 0.90),
                LoadGenerator.percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                errors);
    }
}
