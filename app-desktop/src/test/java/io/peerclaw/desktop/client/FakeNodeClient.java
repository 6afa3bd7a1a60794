package io.peerclaw.desktop.client;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A node in memory for view-model tests: agents, reports, users and settings that the calls read
 * and change, a log of the calls made, and a switch to make the next call fail like the node would.
 */
public final class FakeNodeClient implements NodeClient {
    public final List<AgentRow> agents = new ArrayList<>();
    public final List<ReportRow> reports = new ArrayList<>();
    public final List<UserRow> users = new ArrayList<>();
    public final List<Setting> settings = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();
    public final Map<String, Object> saved = new LinkedHashMap<>();
    public boolean needsAdmin;
    public String signedInAs;
    public NodeClientException failNext;
    public Consumer<Activity> activityListener;

    /** What {@link #node()} answers; null makes it fail as a node without the route would. */
    public NodeInfo nodeInfo =
            new NodeInfo(
                    "0.1.0",
                    Instant.parse("2026-11-26T07:00:00Z"),
                    65,
                    "http://127.0.0.1:9",
                    9,
                    "/tmp/data",
                    null,
                    "h2",
                    "file");

    public static AgentRow agent(String id, String name) {
        return new AgentRow(
                id,
                name,
                List.of("a2a"),
                "online",
                false,
                false,
                0.5,
                "",
                Instant.parse("2026-11-26T07:00:00Z"));
    }

    private void call(String what) {
        calls.add(what);
        if (failNext != null) {
            var e = failNext;
            failNext = null;
            throw e;
        }
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:9");
    }

    @Override
    public boolean needsAdmin() {
        call("needsAdmin");
        return needsAdmin;
    }

    @Override
    public void createFirstAdmin(String email, String password) {
        call("createFirstAdmin " + email);
        needsAdmin = false;
    }

    @Override
    public void signIn(String email, String password) {
        call("signIn " + email);
        signedInAs = email;
    }

    @Override
    public NodeInfo node() {
        call("node");
        if (nodeInfo == null) {
            throw new NodeClientException("not found", 404, List.of());
        }
        return nodeInfo;
    }

    @Override
    public Dashboard dashboard() {
        call("dashboard");
        return new Dashboard(agents.size(), 1, users.size(), reports.size(), 3);
    }

    @Override
    public List<AgentRow> agents(String search) {
        call("agents " + search);
        return agents.stream().filter(a -> search.isBlank() || a.name().contains(search)).toList();
    }

    @Override
    public AgentDetail agent(String id) {
        call("agent " + id);
        var row =
                agents.stream()
                        .filter(a -> a.id().equals(id))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new NodeClientException(
                                                "no agent with id " + id, 404, List.of()));
        return new AgentDetail(
                row,
                "an agent",
                "1.0.0",
                "https://agents.example.com",
                List.of("chat"),
                List.of("Echo"),
                "",
                List.of());
    }

    @Override
    public List<ReputationPoint> reputationHistory(String agentId) {
        call("history " + agentId);
        return List.of(
                new ReputationPoint(Instant.parse("2026-11-26T07:00:00Z"), 0.5, "registered"));
    }

    @Override
    public void verifyAgent(String id) {
        call("verify " + id);
    }

    @Override
    public void probeAgent(String id) {
        call("probe " + id);
    }

    @Override
    public void suspendAgent(String id, String reason) {
        call("suspend " + id + " " + reason);
        agents.replaceAll(
                a ->
                        a.id().equals(id)
                                ? new AgentRow(
                                        a.id(),
                                        a.name(),
                                        a.protocols(),
                                        a.status(),
                                        a.verified(),
                                        true,
                                        a.score(),
                                        a.owner(),
                                        a.lastHeartbeat())
                                : a);
    }

    @Override
    public void unsuspendAgent(String id) {
        call("unsuspend " + id);
    }

    @Override
    public void deleteAgent(String id) {
        call("delete " + id);
        agents.removeIf(a -> a.id().equals(id));
    }

    @Override
    public List<ReportRow> reports(String status) {
        call("reports " + status);
        return reports.stream().filter(r -> status.isEmpty() || r.status().equals(status)).toList();
    }

    @Override
    public void decideReport(String id, String status, String action, String note) {
        call("decide " + id + " " + status + " " + action + " " + note);
        reports.replaceAll(
                r ->
                        r.id().equals(id)
                                ? new ReportRow(
                                        r.id(),
                                        r.targetType(),
                                        r.targetId(),
                                        r.reason(),
                                        r.details(),
                                        status,
                                        note,
                                        r.createdAt())
                                : r);
    }

    @Override
    public List<AuditRow> audit(int limit) {
        call("audit");
        return List.of(
                new AuditRow(
                        Instant.parse("2026-11-26T07:00:00Z"), "agent_registered", "a1", "", "{}"));
    }

    @Override
    public List<UserRow> users(String search) {
        call("users " + search);
        return List.copyOf(users);
    }

    @Override
    public void setRole(String userId, String role) {
        call("role " + userId + " " + role);
    }

    @Override
    public void deleteUser(String userId) {
        call("deleteUser " + userId);
        users.removeIf(u -> u.id().equals(userId));
    }

    @Override
    public ReputationSummary reputationSummary() {
        call("reputationSummary");
        var constants = new LinkedHashMap<String, Object>();
        constants.put("alpha", 0.1);
        constants.put("weights", Map.of("probe", 0.2));
        return new ReputationSummary(
                List.of(new RankedAgent("a1", "Top", 0.9, true)),
                List.of(),
                List.of(1L, 0L, 0L, 0L, 0L, 2L, 0L, 0L, 0L, 1L),
                constants);
    }

    @Override
    public List<ReputationEvent> reputationEvents(int limit) {
        call("reputationEvents");
        return List.of();
    }

    @Override
    public List<Setting> settings() {
        call("settings");
        return List.copyOf(settings);
    }

    @Override
    public String saveSettings(Map<String, Object> values) {
        call("saveSettings");
        saved.putAll(values);
        return "/tmp/data/peerclaw.yaml";
    }

    @Override
    public void restart() {
        call("restart");
    }

    @Override
    public List<LogLine> logs(String source, String level, String search, int limit) {
        call("logs " + source + " " + level + " " + search);
        return List.of(
                new LogLine(
                        Instant.parse("2026-11-26T07:00:00Z"),
                        "warn",
                        "io.peerclaw.node",
                        "disk almost full"));
    }

    @Override
    public AutoCloseable activity(Consumer<Activity> onEvent, Consumer<String> onError) {
        call("activity");
        activityListener = onEvent;
        return () -> activityListener = null;
    }
}
