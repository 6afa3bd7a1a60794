package io.peerclaw.node.gateway.a2a;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.shared.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw A2A requests to a test node, for checks at the wire. */
final class A2aClient {
    private final URI node;

    A2aClient(URI node) {
        this.node = node;
    }

    /** A JSON-RPC request body. */
    static String rpc(Object id, String method, Object params) {
        var body = new LinkedHashMap<String, Object>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("method", method);
        body.put("params", params);
        return Json.text(body);
    }

    /** A 1.0 text message. */
    static Map<String, Object> message(String text) {
        return Map.of(
                "message",
                Map.of(
                        "messageId",
                        "m-" + System.nanoTime(),
                        "role",
                        "ROLE_USER",
                        "parts",
                        java.util.List.of(Map.of("text", text))));
    }

    /** A 0.3 text message. */
    static Map<String, Object> legacyMessage(String text) {
        return Map.of(
                "message",
                Map.of(
                        "kind",
                        "message",
                        "messageId",
                        "m-" + System.nanoTime(),
                        "role",
                        "user",
                        "parts",
                        java.util.List.of(Map.of("kind", "text", "text", text))));
    }

    Http.Response post(String path, String body, String version, String bearer) {
        var builder =
                HttpRequest.newBuilder(node.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (version != null) {
            builder.header("A2A-Version", version);
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return Http.send(builder.build());
    }

    /** One server-sent event's data, parsed, and when it arrived. */
    record Event(long receivedAtMillis, com.fasterxml.jackson.databind.JsonNode json) {}

    /** A streaming request read to its end; the response must be an event stream. */
    java.util.List<Event> stream(String path, String body, String version, String bearer) {
        var builder =
                HttpRequest.newBuilder(node.resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream")
                        .timeout(java.time.Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (version != null) {
            builder.header("A2A-Version", version);
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        try {
            var response =
                    CLIENT.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/event-stream")) {
                throw new AssertionError(
                        "not an event stream: "
                                + response.statusCode()
                                + " "
                                + type
                                + " "
                                + String.join("\n", response.body().toList()));
            }
            var events = new java.util.ArrayList<Event>();
            response.body()
                    .filter(line -> line.startsWith("data: "))
                    .forEach(
                            line ->
                                    events.add(
                                            new Event(
                                                    System.currentTimeMillis(),
                                                    Json.tree(
                                                            line.substring(6)
                                                                    .getBytes(
                                                                            StandardCharsets
                                                                                    .UTF_8)))));
            return events;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.net.http.HttpClient CLIENT =
            java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build();

    Http.Response get(String path, String version, String bearer) {
        var builder = HttpRequest.newBuilder(node.resolve(path)).GET();
        if (version != null) {
            builder.header("A2A-Version", version);
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return Http.send(builder.build());
    }
}
