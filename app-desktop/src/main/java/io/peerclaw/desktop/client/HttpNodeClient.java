package io.peerclaw.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.shared.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link NodeClient} over {@code java.net.http}: JSON in and out, the admin's bearer token on every
 * call after {@link #signIn}, problem answers turned into {@link NodeClientException}.
 */
public final class HttpNodeClient implements NodeClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final HttpClient http;
    private volatile String accessToken;
    private volatile String refreshToken;

    public HttpNodeClient(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public URI baseUri() {
        return base;
    }

    @Override
    public boolean needsAdmin() {
        try {
            return call("GET", "/setup", null).path("needs_admin").asBoolean(false);
        } catch (NodeClientException e) {
            if (e.status() == 404) {
                return false; // a node without the setup route: sign in as usual
            }
            throw e;
        }
    }

    @Override
    public void createFirstAdmin(String email, String password) {
        call("POST", "/setup/admin", Map.of("email", email, "password", password));
    }

    @Override
    public void signIn(String email, String password) {
        keep(call("POST", "/auth/login", Map.of("email", email, "password", password)));
    }

    /** The current access token, for tests. */
    String accessToken() {
        return accessToken;
    }

    private void keep(JsonNode tokens) {
        String token = tokens.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new NodeClientException("the node answered the sign-in without a token");
        }
        accessToken = token;
        refreshToken = tokens.path("refresh_token").asText(null);
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
            keep(send("POST", "/auth/refresh", Map.of("refresh_token", refresh)));
            return true;
        } catch (NodeClientException e) {
            refreshToken = null;
            return false;
        }
    }

    @Override
    public NodeInfo node() {
        JsonNode n = call("GET", "/admin/node", null);
        JsonNode db = n.path("database");
        return new NodeInfo(
                n.path("version").asText(""),
                instant(n.path("started_at")),
                n.path("uptime_seconds").asLong(),
                n.path("url").asText(base.toString()),
                n.path("port").asInt(base.getPort()),
                n.path("data_dir").asText(""),
                n.path("config_file").isNull() ? null : n.path("config_file").asText(null),
                db.path("driver").asText(""),
                db.path("description").asText(""));
    }

    @Override
    public Dashboard dashboard() {
        JsonNode n = call("GET", "/admin/dashboard", null);
        return new Dashboard(
                n.path("total_agents").asLong(),
                n.path("online_agents").asLong(),
                n.path("total_users").asLong(),
                n.path("pending_reports").asLong(),
                n.path("invocations_today").asLong());
    }

    @Override
    public List<AgentRow> agents(String search) {
        var rows = new ArrayList<AgentRow>();
        String token = "";
        // NOTE: a few pages at most; the console is for one node's admin, not a bulk export.
        for (int page = 0; page < 20; page++) {
            JsonNode n =
                    call(
                            "GET",
                            "/admin/agents?page_size=100"
                                    + param("search", search)
                                    + param("page_token", token),
                            null);
            n.path("agents").forEach(a -> rows.add(agentRow(a, null)));
            token = n.path("next_page_token").asText("");
            if (token.isEmpty()) {
                break;
            }
        }
        return rows;
    }

    @Override
    public AgentDetail agent(String id) {
        JsonNode n = call("GET", "/admin/agents/" + enc(id), null);
        JsonNode a = n.path("agent");
        JsonNode owner = n.path("owner");
        var reviews = new ArrayList<Review>();
        JsonNode reviewList =
                n.path("reviews").isArray() ? n.path("reviews") : n.path("reviews").path("reviews");
        reviewList.forEach(
                r ->
                        reviews.add(
                                new Review(
                                        r.path("id").asText(""),
                                        r.path("rating").asInt(),
                                        r.path("comment").asText(""),
                                        r.path("hidden").asBoolean(),
                                        instant(r.path("created_at")))));
        return new AgentDetail(
                agentRow(a, owner.isObject() ? owner.path("email").asText(null) : null),
                a.path("description").asText(""),
                a.path("version").asText(""),
                a.path("endpoint").path("url").asText(""),
                texts(a.path("capabilities")),
                a.path("skills").findValuesAsText("name"),
                owner.isObject() ? owner.path("email").asText("") : "",
                reviews);
    }

    @Override
    public List<ReputationPoint> reputationHistory(String agentId) {
        JsonNode n = call("GET", "/directory/" + enc(agentId) + "/reputation?limit=100", null);
        var points = new ArrayList<ReputationPoint>();
        n.path("events")
                .forEach(
                        e ->
                                points.add(
                                        new ReputationPoint(
                                                instant(e.path("created_at")),
                                                e.path("score_after").asDouble(),
                                                e.path("event_type").asText(""))));
        points.sort((x, y) -> Objects.compare(x.at(), y.at(), Instant::compareTo));
        return points;
    }

    @Override
    public void verifyAgent(String id) {
        call("POST", "/agents/" + enc(id) + "/verify", null);
    }

    @Override
    public void probeAgent(String id) {
        call("POST", "/agents/" + enc(id) + "/probe", null);
    }

    @Override
    public void suspendAgent(String id, String reason) {
        call("POST", "/admin/agents/" + enc(id) + "/suspend", Map.of("reason", reason));
    }

    @Override
    public void unsuspendAgent(String id) {
        call("DELETE", "/admin/agents/" + enc(id) + "/suspend", null);
    }

    @Override
    public void deleteAgent(String id) {
        call("DELETE", "/admin/agents/" + enc(id), null);
    }

    @Override
    public List<ReportRow> reports(String status) {
        JsonNode n = call("GET", "/admin/reports?page_size=100" + param("status", status), null);
        var rows = new ArrayList<ReportRow>();
        n.path("reports")
                .forEach(
                        r ->
                                rows.add(
                                        new ReportRow(
                                                r.path("id").asText(""),
                                                r.path("target_type").asText(""),
                                                r.path("target_id").asText(""),
                                                r.path("reason").asText(""),
                                                r.path("details").asText(""),
                                                r.path("status").asText(""),
                                                r.path("note").asText(""),
                                                instant(r.path("created_at")))));
        return rows;
    }

    @Override
    public void decideReport(String id, String status, String action, String note) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", status);
        if (action != null) {
            body.put("action", action);
        }
        if (note != null && !note.isBlank()) {
            body.put("note", note);
        }
        call("PUT", "/admin/reports/" + enc(id), body);
    }

    @Override
    public List<AuditRow> audit(int limit) {
        JsonNode n = call("GET", "/admin/audit?limit=" + limit, null);
        var rows = new ArrayList<AuditRow>();
        n.path("events")
                .forEach(
                        e ->
                                rows.add(
                                        new AuditRow(
                                                instant(e.path("occurred_at")),
                                                e.path("event_type").asText(""),
                                                e.path("agent_id").asText(""),
                                                e.path("actor_user_id").asText(""),
                                                details(e.path("details")))));
        return rows;
    }

    @Override
    public List<UserRow> users(String search) {
        JsonNode n = call("GET", "/admin/users?page_size=100" + param("search", search), null);
        var rows = new ArrayList<UserRow>();
        n.path("users")
                .forEach(
                        u ->
                                rows.add(
                                        new UserRow(
                                                u.path("id").asText(""),
                                                u.path("email").asText(""),
                                                u.path("display_name").asText(""),
                                                u.path("role").asText(""),
                                                instant(u.path("created_at")))));
        return rows;
    }

    @Override
    public void setRole(String userId, String role) {
        call("PUT", "/admin/users/" + enc(userId) + "/role", Map.of("role", role));
    }

    @Override
    public void deleteUser(String userId) {
        call("DELETE", "/admin/users/" + enc(userId), null);
    }

    @Override
    public ReputationSummary reputationSummary() {
        JsonNode n = call("GET", "/admin/reputation/summary", null);
        var distribution = new ArrayList<Long>();
        n.path("distribution").forEach(c -> distribution.add(c.asLong()));
        @SuppressWarnings("unchecked")
        Map<String, Object> constants = Json.convert(n.path("constants"), Map.class);
        return new ReputationSummary(
                ranked(n.path("top")),
                ranked(n.path("bottom")),
                distribution,
                constants == null ? Map.of() : constants);
    }

    @Override
    public List<ReputationEvent> reputationEvents(int limit) {
        JsonNode n = call("GET", "/admin/reputation/events?limit=" + limit, null);
        var rows = new ArrayList<ReputationEvent>();
        n.path("events")
                .forEach(
                        e ->
                                rows.add(
                                        new ReputationEvent(
                                                e.path("agent_id").asText(""),
                                                e.path("agent_name").asText(""),
                                                e.path("event_type").asText(""),
                                                e.path("delta").asDouble(),
                                                e.path("score_after").asDouble(),
                                                instant(e.path("created_at")))));
        return rows;
    }

    @Override
    public List<Setting> settings() {
        JsonNode n = call("GET", "/admin/settings", null);
        var rows = new ArrayList<Setting>();
        n.path("settings")
                .forEach(
                        s ->
                                rows.add(
                                        new Setting(
                                                s.path("key").asText(""),
                                                s.path("value").isArray()
                                                        ? String.join(", ", texts(s.path("value")))
                                                        : s.path("value").asText(""),
                                                s.path("kind").asText("text"),
                                                s.path("description").asText(""),
                                                s.path("set").asBoolean(false),
                                                s.path("read_only").asBoolean(false),
                                                s.path("note").asText(""))));
        return rows;
    }

    @Override
    public String saveSettings(Map<String, Object> values) {
        JsonNode n = call("PUT", "/admin/settings", Map.of("settings", values));
        return n.path("config_file").asText("");
    }

    @Override
    public void restart() {
        call("POST", "/admin/restart", null);
    }

    @Override
    public List<LogLine> logs(String source, String level, String search, int limit) {
        JsonNode n =
                call(
                        "GET",
                        "/admin/logs?limit="
                                + limit
                                + param("source", source)
                                + param("level", level)
                                + param("search", search),
                        null);
        var rows = new ArrayList<LogLine>();
        n.path("lines")
                .forEach(
                        l ->
                                rows.add(
                                        new LogLine(
                                                instant(l.path("time")),
                                                l.path("level").asText(""),
                                                l.path("logger").asText(""),
                                                l.path("message").asText(""))));
        return rows;
    }

    @Override
    public AutoCloseable activity(Consumer<Activity> onEvent, Consumer<String> onError) {
        var request =
                authorized(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/activity")))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build();
        var stream = new java.util.concurrent.atomic.AtomicReference<InputStream>();
        Thread reader =
                Thread.ofVirtual()
                        .name("activity-feed")
                        .start(() -> follow(request, stream, onEvent, onError));
        return () -> {
            reader.interrupt();
            // closing the body ends the HTTP exchange, so the node drops this subscriber now
            InputStream body = stream.getAndSet(null);
            if (body != null) {
                body.close();
            }
        };
    }

    private void follow(
            HttpRequest request,
            java.util.concurrent.atomic.AtomicReference<InputStream> stream,
            Consumer<Activity> onEvent,
            Consumer<String> onError) {
        try {
            HttpResponse<InputStream> response =
                    http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            stream.set(response.body());
            if (response.statusCode() != 200) {
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readAllBytes();
                }
                onError.accept(problem(response.statusCode(), body).getMessage());
                return;
            }
            try (var lines =
                    new BufferedReader(
                            new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = "";
                var data = new StringBuilder();
                String line;
                while (!Thread.currentThread().isInterrupted()
                        && (line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if ("activity".equals(event) && !data.isEmpty()) {
                            onEvent.accept(
                                    activity(
                                            Json.tree(
                                                    data.toString()
                                                            .getBytes(StandardCharsets.UTF_8))));
                        }
                        event = "";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            }
        } catch (IOException e) {
            if (!Thread.currentThread().isInterrupted()) {
                onError.accept("the activity feed stopped: " + describe(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            onError.accept("the activity feed sent something unreadable: " + e.getMessage());
        }
    }

    private static Activity activity(JsonNode d) {
        return new Activity(
                instant(d.path("time")),
                d.path("type").asText(""),
                d.path("agent_id").asText(""),
                d.path("actor").asText(""),
                details(d.path("details")));
    }

    /** An event's details as people read them: {@code name: weather, protocols: a2a}. */
    static String details(JsonNode details) {
        if (details == null || details.isMissingNode() || details.isNull()) {
            return "";
        }
        if (details.isTextual()) {
            return details.asText();
        }
        if (!details.isObject()) {
            return details.toString();
        }
        var parts = new ArrayList<String>();
        details.properties()
                .forEach(
                        field -> {
                            JsonNode v = field.getValue();
                            String text =
                                    v.isArray()
                                            ? String.join(", ", texts(v))
                                            : v.isValueNode() ? v.asText() : v.toString();
                            parts.add(field.getKey().replace('_', ' ') + ": " + text);
                        });
        return String.join(" · ", parts);
    }

    // ------------------------------------------------------------------ plumbing

    private JsonNode call(String method, String path, Object body) {
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

    private JsonNode send(String method, String path, Object body) {
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
        byte[] answer = response.body();
        if (answer.length == 0) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.tree(answer);
        } catch (RuntimeException e) {
            throw new NodeClientException(
                    "the node answered "
                            + method
                            + " "
                            + path
                            + " with something that is not JSON");
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        String token = accessToken;
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private String describe(IOException e) {
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
        var errors = new ArrayList<NodeClientException.FieldError>();
        try {
            JsonNode p = Json.tree(body);
            message = p.path("detail").asText(null);
            if (message == null || message.isBlank()) {
                message = p.path("title").asText(null);
            }
            p.path("errors")
                    .forEach(
                            e ->
                                    errors.add(
                                            new NodeClientException.FieldError(
                                                    e.path("field").asText(""),
                                                    e.path("message").asText(""))));
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

    private static List<RankedAgent> ranked(JsonNode list) {
        var rows = new ArrayList<RankedAgent>();
        list.forEach(
                a ->
                        rows.add(
                                new RankedAgent(
                                        a.path("agent_id").asText(""),
                                        a.path("name").asText(""),
                                        a.path("score").asDouble(),
                                        a.path("verified").asBoolean())));
        return rows;
    }

    private static AgentRow agentRow(JsonNode a, String owner) {
        JsonNode extension = a.path("peerclaw");
        return new AgentRow(
                a.path("id").asText(""),
                a.path("name").asText(""),
                texts(a.path("protocols")),
                a.path("status").asText(""),
                a.path("verified").asBoolean(),
                a.path("suspended").asBoolean(),
                a.path("reputation_score").asDouble(),
                owner != null
                        ? owner
                        : a.path("owner_email")
                                .asText(
                                        a.path("owner_user_id")
                                                .asText(extension.path("owner").asText(""))),
                instant(a.path("last_heartbeat")));
    }

    private static List<String> texts(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String param(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + enc(value);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
