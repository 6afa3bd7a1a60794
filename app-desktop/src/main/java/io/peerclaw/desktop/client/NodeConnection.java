package io.peerclaw.desktop.client;

import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.protocol.api.Accounts.LoginRequest;
import io.peerclaw.shared.protocol.api.Accounts.RefreshRequest;
import io.peerclaw.shared.protocol.api.Accounts.TokenPair;
import io.peerclaw.shared.protocol.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The transport under {@link HttpNodeClient}: JSON in and out of {@code /api/v1}, the admin's
 * session (its bearer token on every call, renewed once when it expired), and failures turned into
 * {@link NodeClientException}s a person can read.
 */
final class NodeConnection {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final HttpClient http;
    private volatile String accessToken;
    private volatile String refreshToken;

    NodeConnection(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI base() {
        return base;
    }

    String accessToken() {
        return accessToken;
    }

    void signIn(String email, String password) {
        keep(call("POST", "/auth/login", new LoginRequest(email, password), TokenPair.class));
    }

    /** Calls the node and reads its answer as {@code type}; an empty answer reads as {@code {}}. */
    <T> T call(String method, String path, Object body, Class<T> type) {
        return read(method, path, call(method, path, body), type);
    }

    /** Calls the node for its effect; the answer is not read. */
    void run(String method, String path, Object body) {
        call(method, path, body);
    }

    private byte[] call(String method, String path, Object body) {
        String token = accessToken;
        try {
            return send(method, path, body);
        } catch (NodeClientException e) {
            if (e.status() == 401 && token != null && !path.startsWith("/auth/") && renew(token)) {
                return send(method, path, body);
            }
            throw e;
        }
    }

    private void keep(TokenPair tokens) {
        String token = tokens.accessToken();
        if (token == null || token.isEmpty()) {
            throw new NodeClientException("the node answered the sign-in without a token");
        }
        accessToken = token;
        refreshToken = tokens.refreshToken();
    }

    /**
     * Trades the refresh token for a new pair after the access token expired (15 minutes by
     * default), so a console left open keeps working; false when that is not possible.
     */
    private synchronized boolean renew(String expired) {
        if (!Objects.equals(expired, accessToken)) {
            return true; // another call renewed it meanwhile
        }
        String refresh = refreshToken;
        if (refresh == null || refresh.isEmpty()) {
            return false;
        }
        try {
            String path = "/auth/refresh";
            keep(
                    read(
                            "POST",
                            path,
                            send("POST", path, new RefreshRequest(refresh)),
                            TokenPair.class));
            return true;
        } catch (NodeClientException e) {
            refreshToken = null;
            return false;
        }
    }

    private byte[] send(String method, String path, Object body) {
        var builder =
                authorized(HttpRequest.newBuilder(URI.create(base + "/api/v1" + path)))
                        .timeout(TIMEOUT)
                        .header("Accept", "application/json");
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new NodeClientException(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeClientException("the call to the node was interrupted");
        }
        int status = response.statusCode();
        if (status >= 400) {
            throw problem(status, response.body());
        }
        return response.body();
    }

    private static <T> T read(String method, String path, byte[] answer, Class<T> type) {
        try {
            return Json.read(
                    answer.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : answer, type);
        } catch (RuntimeException e) {
            throw new NodeClientException(
                    "the node answered "
                            + method
                            + " "
                            + path
                            + " with something that is not JSON");
        }
    }

    /** Opens a server-sent event stream; the caller reads and closes the body. */
    HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
        var request =
                authorized(HttpRequest.newBuilder(URI.create(base + "/api/v1" + path)))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        builder.header("User-Agent", "PeerClaw-Console/" + io.peerclaw.shared.Version.current());
        String token = accessToken;
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "cannot reach the node at " + base + " (is it running?)";
        }
        if (e instanceof HttpTimeoutException) {
            return "the node at " + base + " did not answer in time";
        }
        return "lost the connection to the node at "
                + base
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static NodeClientException problem(int status, byte[] body) {
        String message = null;
        List<NodeClientException.FieldError> errors = List.of();
        try {
            Problem p = Json.read(body, Problem.class);
            message = p.detail();
            if (message == null || message.isBlank()) {
                message = p.title();
            }
            if (p.errors() != null) {
                errors =
                        p.errors().stream()
                                .map(
                                        e ->
                                                new NodeClientException.FieldError(
                                                        orEmpty(e.field()), orEmpty(e.message())))
                                .toList();
            }
        } catch (RuntimeException e) {
            // not a problem body: the status line says enough
        }
        if (message == null || message.isBlank()) {
            message =
                    switch (status) {
                        case 401 -> "not signed in, or the session expired";
                        case 403 -> "this account may not do that";
                        case 404 -> "the node does not know this (is it an older version?)";
                        default -> "the node answered with status " + status;
                    };
        }
        if (!errors.isEmpty()) {
            var text = new StringBuilder(message);
            for (var e : errors) {
                text.append("\n").append(e.field()).append(": ").append(e.message());
            }
            message = text.toString();
        }
        return new NodeClientException(message, status, errors);
    }

    static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
