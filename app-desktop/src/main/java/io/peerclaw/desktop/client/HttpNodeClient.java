package io.peerclaw.desktop.client;

import static io.peerclaw.desktop.client.NodeConnection.orEmpty;

import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.protocol.api.Accounts;
import io.peerclaw.shared.protocol.api.Admin;
import io.peerclaw.shared.protocol.api.Console;
import io.peerclaw.shared.protocol.api.Reviews.ReportList;
import io.peerclaw.shared.protocol.api.Reviews.ReportUpdate;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link NodeClient} over {@code java.net.http}: each endpoint's answer is read into its record of
 * {@code shared} ({@link Admin}, {@link Console}, …) and turned into the console's own types; the
 * session and the failures are {@link NodeConnection}'s.
 */
public final class HttpNodeClient implements NodeClient {
    private final NodeConnection node;

    public HttpNodeClient(URI base) {
        this.node = new NodeConnection(base);
    }

    @Override
    public URI baseUri() {
        return node.base();
    }

    @Override
    public boolean needsAdmin() {
        try {
            return node.call("GET", "/setup", null, Admin.SetupStatus.class).needsAdmin();
        } catch (NodeClientException e) {
            if (e.status() == 404) {
                return false; // a node without the setup route: sign in as usual
            }
            throw e;
        }
    }

    @Override
    public void createFirstAdmin(String email, String password) {
        node.run("POST", "/setup/admin", new Admin.FirstAdmin(email, password));
    }

    @Override
    public void signIn(String email, String password) {
        node.signIn(email, password);
    }

    /** The current access token, for tests. */
    String accessToken() {
        return node.accessToken();
    }

    @Override
    public NodeInfo node() {
        var n = node.call("GET", "/admin/node", null, Console.NodeFacts.class);
        var db = n.database() == null ? new Console.Database(null, null) : n.database();
        return new NodeInfo(
                orEmpty(n.version()),
                n.startedAt(),
                n.uptimeSeconds(),
                n.url() == null ? node.base().toString() : n.url(),
                n.port(),
                orEmpty(n.dataDir()),
                n.configFile(),
                orEmpty(db.driver()),
                orEmpty(db.description()));
    }

    @Override
    public Dashboard dashboard() {
        var n = node.call("GET", "/admin/dashboard", null, Admin.Dashboard.class);
        return new Dashboard(
                n.totalAgents(),
                n.onlineAgents(),
                n.totalUsers(),
                n.pendingReports(),
                n.invocationsToday());
    }

    @Override
    public List<AgentRow> agents(String search) {
        var rows = new ArrayList<AgentRow>();
        String token = "";
        // NOTE: a few pages at most; the console is for one node's admin, not a bulk export.
        for (int page = 0; page < 20; page++) {
            String path =
                    "/admin/agents?page_size=100"
                            + param("search", search)
                            + param("page_token", token);
            var n = node.call("GET", path, null, Admin.AgentPage.class);
            each(n.agents(), a -> rows.add(agentRow(a, null)));
            token = orEmpty(n.nextPageToken());
            if (token.isEmpty()) {
                break;
            }
        }
        return rows;
    }

    @Override
    public AgentDetail agent(String id) {
        var n = node.call("GET", "/admin/agents/" + enc(id), null, Admin.AgentDetail.class);
        AgentCard card = n.agent().card();
        String ownerEmail = n.owner() == null ? null : n.owner().email();
        var reviews = new ArrayList<Review>();
        if (n.reviews() != null) {
            each(
                    n.reviews().latest(),
                    r ->
                            reviews.add(
                                    new Review(
                                            orEmpty(r.id()),
                                            r.rating(),
                                            orEmpty(r.comment()),
                                            r.hidden(),
                                            r.createdAt())));
        }
        return new AgentDetail(
                agentRow(n.agent(), ownerEmail),
                orEmpty(card.description()),
                orEmpty(card.version()),
                card.endpoint() == null ? "" : orEmpty(card.endpoint().url()),
                listOf(card.capabilities()),
                map(card.skills(), AgentCard.Skill::name),
                orEmpty(ownerEmail),
                reviews);
    }

    @Override
    public List<ReputationPoint> reputationHistory(String agentId) {
        String path = "/directory/" + enc(agentId) + "/reputation?limit=100";
        var n = node.call("GET", path, null, Console.ReputationHistory.class);
        var points =
                new ArrayList<>(
                        map(
                                n.events(),
                                e ->
                                        new ReputationPoint(
                                                e.createdAt(),
                                                e.scoreAfter(),
                                                orEmpty(e.eventType()))));
        points.sort(
                Comparator.comparing(
                        ReputationPoint::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return points;
    }

    @Override
    public void verifyAgent(String id) {
        node.run("POST", "/agents/" + enc(id) + "/verify", null);
    }

    @Override
    public void probeAgent(String id) {
        node.run("POST", "/agents/" + enc(id) + "/probe", null);
    }

    @Override
    public void suspendAgent(String id, String reason) {
        node.run("POST", "/admin/agents/" + enc(id) + "/suspend", new Admin.Suspension(reason));
    }

    @Override
    public void unsuspendAgent(String id) {
        node.run("DELETE", "/admin/agents/" + enc(id) + "/suspend", null);
    }

    @Override
    public void deleteAgent(String id) {
        node.run("DELETE", "/admin/agents/" + enc(id), null);
    }

    @Override
    public List<ReportRow> reports(String status) {
        String path = "/admin/reports?page_size=100" + param("status", status);
        var n = node.call("GET", path, null, ReportList.class);
        return map(
                n.reports(),
                r ->
                        new ReportRow(
                                orEmpty(r.id()),
                                orEmpty(r.targetType()),
                                orEmpty(r.targetId()),
                                orEmpty(r.reason()),
                                orEmpty(r.details()),
                                orEmpty(r.status()),
                                orEmpty(r.note()),
                                r.createdAt(),
                                orEmpty(r.targetName())));
    }

    @Override
    public void decideReport(String id, String status, String action, String note) {
        var update = new ReportUpdate(status, action, note == null || note.isBlank() ? null : note);
        node.run("PUT", "/admin/reports/" + enc(id), update);
    }

    @Override
    public List<AuditRow> audit(int limit) {
        var n = node.call("GET", "/admin/audit?limit=" + limit, null, Admin.AuditEvents.class);
        return map(
                n.events(),
                e ->
                        new AuditRow(
                                e.occurredAt(),
                                orEmpty(e.eventType()),
                                orEmpty(e.agentId()),
                                orEmpty(e.actorUserId()),
                                EventDetails.words(e.details()),
                                orEmpty(e.agentName()),
                                orEmpty(e.actorEmail())));
    }

    @Override
    public List<UserRow> users(String search) {
        String path = "/admin/users?page_size=100" + param("search", search);
        var n = node.call("GET", path, null, Admin.UserList.class);
        return map(
                n.users(),
                (Accounts.User u) ->
                        new UserRow(
                                orEmpty(u.id()),
                                orEmpty(u.email()),
                                orEmpty(u.displayName()),
                                orEmpty(u.role()),
                                u.createdAt()));
    }

    @Override
    public void setRole(String userId, String role) {
        node.run("PUT", "/admin/users/" + enc(userId) + "/role", new Admin.RoleChange(role));
    }

    @Override
    public void deleteUser(String userId) {
        node.run("DELETE", "/admin/users/" + enc(userId), null);
    }

    @Override
    public ReputationSummary reputationSummary() {
        var n =
                node.call(
                        "GET", "/admin/reputation/summary", null, Console.ReputationSummary.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> constants =
                n.constants() == null ? Map.of() : Json.convert(n.constants(), Map.class);
        return new ReputationSummary(
                ranked(n.top()), ranked(n.bottom()), listOf(n.distribution()), constants);
    }

    @Override
    public List<ReputationEvent> reputationEvents(int limit) {
        String path = "/admin/reputation/events?limit=" + limit;
        var n = node.call("GET", path, null, Console.ReputationEvents.class);
        return map(
                n.events(),
                e ->
                        new ReputationEvent(
                                orEmpty(e.agentId()),
                                orEmpty(e.agentName()),
                                orEmpty(e.eventType()),
                                e.delta(),
                                e.scoreAfter(),
                                e.createdAt()));
    }

    @Override
    public List<Setting> settings() {
        var n = node.call("GET", "/admin/settings", null, Console.Settings.class);
        return map(
                n.settings(),
                s ->
                        new Setting(
                                orEmpty(s.key()),
                                orEmpty(s.value()),
                                s.kind() == null ? "text" : s.kind(),
                                orEmpty(s.description()),
                                Boolean.TRUE.equals(s.set()),
                                Boolean.TRUE.equals(s.readOnly()),
                                orEmpty(s.note())));
    }

    @Override
    public String saveSettings(Map<String, Object> values) {
        var change = new Console.SettingsChange(values);
        return orEmpty(
                node.call("PUT", "/admin/settings", change, Console.SettingsSaved.class)
                        .configFile());
    }

    @Override
    public void restart() {
        node.run("POST", "/admin/restart", null);
    }

    @Override
    public List<LogLine> logs(String source, String level, String search, int limit) {
        String path =
                "/admin/logs?limit="
                        + limit
                        + param("source", source)
                        + param("level", level)
                        + param("search", search);
        var n = node.call("GET", path, null, Console.LogTail.class);
        return map(
                n.lines(),
                l ->
                        new LogLine(
                                l.time(),
                                orEmpty(l.level()),
                                orEmpty(l.logger()),
                                orEmpty(l.message())));
    }

    @Override
    public AutoCloseable activity(Consumer<Activity> onEvent, Consumer<String> onError) {
        return ActivityFeed.open(node, onEvent, onError);
    }

    // ------------------------------------------------------------------ mapping

    private static AgentRow agentRow(Admin.ManagedAgent agent, String ownerEmail) {
        AgentCard card = agent.card();
        Admin.AgentFacts facts = agent.facts();
        return new AgentRow(
                orEmpty(card.id()),
                orEmpty(card.name()),
                listOf(card.protocols()),
                orEmpty(card.status()),
                facts.verified(),
                facts.suspended(),
                facts.reputationScore(),
                ownerEmail != null
                        ? ownerEmail
                        : facts.ownerEmail() != null
                                ? facts.ownerEmail()
                                : orEmpty(facts.ownerUserId()),
                card.lastHeartbeat());
    }

    private static List<RankedAgent> ranked(List<Console.RankedAgent> agents) {
        return map(
                agents,
                a ->
                        new RankedAgent(
                                orEmpty(a.agentId()), orEmpty(a.name()), a.score(), a.verified()));
    }

    private static <T, R> List<R> map(List<T> list, Function<T, R> row) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).map(row).toList();
    }

    private static <T> void each(List<T> list, Consumer<T> action) {
        map(list, Function.identity()).forEach(action);
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String param(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + enc(value);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
