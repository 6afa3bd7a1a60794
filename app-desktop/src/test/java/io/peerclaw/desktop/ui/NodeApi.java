package io.peerclaw.desktop.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.RequestSignature;
import io.peerclaw.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the UI tests do to the node from outside the console: the way agents and users would. */
final class NodeApi {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    NodeApi(URI base) {
        this.base = base;
    }

    record Answer(int status, JsonNode json) {}

    /** Registers a new agent signed with its own key; answers its id. */
    String registerAgent(String name) {
        Ed25519.KeyPair key = Ed25519.generate(RANDOM);
        var card = new LinkedHashMap<String, Object>();
        card.put("name", name);
        card.put("description", "test agent " + name);
        card.put("version", "1.0.0");
        card.put("public_key", key.publicKey().base64());
        card.put("capabilities", List.of("chat"));
        card.put("protocols", List.of("a2a"));
        card.put(
                "endpoint",
                Map.of("url", "https://agents.example.com/" + name, "transport", "http"));
        byte[] body = Json.bytes(card);
        String path = "/api/v1/agents";
        var builder =
                HttpRequest.newBuilder(base.resolve(path))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", "application/json");
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        RequestSignature.headers(
                        key,
                        "POST",
                        path,
                        Instant.now().getEpochSecond(),
                        io.peerclaw.shared.crypto.Encoding.base64Url(nonce),
                        body)
                .forEach(builder::header);
        var answer = send(builder.build());
        if (answer.status() != 201) {
            throw new AssertionError("registration failed: " + answer);
        }
        return answer.json().path("id").asText();
    }

    /** Signs up a user and answers their access token. */
    String signUp(String email, String password) {
        var registered =
                call(
                        "POST",
                        "/api/v1/auth/register",
                        Map.of("email", email, "password", password),
                        null);
        if (registered.status() != 201) {
            throw new AssertionError("sign-up failed: " + registered);
        }
        return login(email, password);
    }

    String login(String email, String password) {
        var login =
                call(
                        "POST",
                        "/api/v1/auth/login",
                        Map.of("email", email, "password", password),
                        null);
        if (login.status() != 200) {
            throw new AssertionError("login failed: " + login);
        }
        return login.json().path("access_token").asText();
    }

    Answer call(String method, String path, Object body, String bearer) {
        var builder =
                HttpRequest.newBuilder(base.resolve(path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                        .header("Content-Type", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    private Answer send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            return new Answer(response.statusCode(), body.length == 0 ? null : Json.tree(body));
        } catch (IOException e) {
            throw new AssertionError("cannot reach the node: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
