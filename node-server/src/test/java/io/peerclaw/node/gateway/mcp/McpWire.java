package io.peerclaw.node.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.shared.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Raw Streamable HTTP requests to an MCP endpoint, for checks below what SDK clients do. */
final class McpWire {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final URI endpoint;
    private final Map<String, String> headers = new LinkedHashMap<>();

    McpWire(URI endpoint) {
        this.endpoint = endpoint;
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
    }

    McpWire bearer(String token) {
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return this;
    }

    McpWire header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    McpWire session(String id) {
        return header("Mcp-Session-Id", id).header("MCP-Protocol-Version", "2025-11-25");
    }

    static String initializeBody(String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"wire\",\"version\":\"1\"}}}";
    }

    static String request(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":"
                + IDS.incrementAndGet()
                + ",\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}";
    }

    Http.Response initialize(String version) {
        return post(initializeBody(version));
    }

    /** Initializes and answers the new session's id. */
    String open() {
        var answer = initialize("2025-11-25");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        String session = answer.header("Mcp-Session-Id");
        assertThat(session).isNotNull();
        return session;
    }

    Http.Response call(String method, String params) {
        return post(request(method, params));
    }

    Http.Response post(String body) {
        return send("POST", body);
    }

    Http.Response send(String method, String body) {
        var builder = HttpRequest.newBuilder(endpoint);
        headers.forEach(builder::header);
        builder.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return Http.send(builder.build());
    }

    /** The JSON-RPC error code of an answer. */
    static int errorCode(Http.Response response) {
        assertThat(response.json()).as(response.toString()).isNotNull();
        assertThat(response.json().has("error")).as(response.toString()).isTrue();
        return response.json().get("error").get("code").asInt();
    }

    static String json(Object value) {
        return Json.text(value);
    }
}
