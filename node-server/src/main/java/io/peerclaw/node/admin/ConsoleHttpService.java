package io.peerclaw.node.admin;

import static io.peerclaw.node.http.QueryParameters.integer;
import static io.peerclaw.node.http.QueryParameters.text;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.audit.AuditEntry;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.audit.AuditQuery;
import io.peerclaw.node.config.SettingsFile;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.EventStream;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.protocol.api.Console;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routes the desktop console needs to run a node, local or remote, over the REST API alone:
 * node facts, log tails, settings, restart, node-wide reputation, and the live activity feed. All
 * need an account whose stored role is admin.
 */
final class ConsoleHttpService implements HttpService {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int SUBSCRIBER_QUEUE = 256;
    private static final List<String> LEVELS = List.of("debug", "info", "warn", "error");

    private final NodeControl node;
    private final NodeLogs logs;
    private final SettingsFile settings;
    private final ReputationEngine reputation;
    private final AuditLog audit;
    private final Authenticator authenticator;
    private final InstantSource clock;
    private final Names names;
    private volatile boolean stopping;

    ConsoleHttpService(
            NodeControl node,
            NodeLogs logs,
            SettingsFile settings,
            ReputationEngine reputation,
            AuditLog audit,
            Authenticator authenticator,
            InstantSource clock,
            Names names) {
        this.names = names;
        this.node = node;
        this.logs = logs;
        this.settings = settings;
        this.reputation = reputation;
        this.audit = audit;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/admin/node", this::facts)
                .any("/admin/node", MethodNotAllowed.allowing("GET"))
                .get("/admin/logs", this::logs)
                .any("/admin/logs", MethodNotAllowed.allowing("GET"))
                .get("/admin/settings", this::settings)
                .put("/admin/settings", this::saveSettings)
                .any("/admin/settings", MethodNotAllowed.allowing("GET", "PUT"))
                .post("/admin/restart", this::restart)
                .any("/admin/restart", MethodNotAllowed.allowing("POST"))
                .get("/admin/reputation/events", this::reputationEvents)
                .any("/admin/reputation/events", MethodNotAllowed.allowing("GET"))
                .get("/admin/reputation/summary", this::reputationSummary)
                .any("/admin/reputation/summary", MethodNotAllowed.allowing("GET"))
                .get("/admin/activity", this::activity)
                .any("/admin/activity", MethodNotAllowed.allowing("GET"));
    }

    /** Ends every activity stream within a second: the node is stopping. */
    void stop() {
        stopping = true;
    }

    // ------------------------------------------------------------------ node

    private void facts(ServerRequest req, ServerResponse res) {
        reader(req);
        var facts = node.facts();
        var body =
                new Console.NodeFacts(
                        facts.version(),
                        facts.startedAt(),
                        Math.max(
                                0,
                                Duration.between(facts.startedAt(), clock.instant()).toSeconds()),
                        facts.url(),
                        facts.port(),
                        facts.dataDir(),
                        facts.configFile(),
                        new Console.Database(facts.databaseDriver(), facts.databaseDescription()));
        // Present and null when there is no file: the console shows "none" rather than guessing.
        JsonBodies.okWithNulls(res, body);
    }

    private void restart(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        audit.recordBy(AuditEvent.NODE_RESTARTED, caller.userId(), Map.of());
        // The restart waits for this answer: the server finishes open requests before stopping.
        node.restartSoon();
        JsonBodies.send(res, Status.ACCEPTED_202, new Console.Restarting(true));
    }

    // ------------------------------------------------------------------ logs

    private void logs(ServerRequest req, ServerResponse res) {
        reader(req);
        String source = text(req, "source").orElse("node");
        if (!Set.of("node", "audit").contains(source)) {
            throw ApiException.invalid("source", "must be node or audit");
        }
        String level = text(req, "level").map(v -> v.toLowerCase(Locale.ROOT)).orElse("debug");
        if (!LEVELS.contains(level)) {
            throw ApiException.invalid("level", "must be debug, info, warn or error");
        }
        int limit = integer(req, "limit", 200, 1, 1000);
        String search = text(req, "search").map(v -> v.toLowerCase(Locale.ROOT)).orElse("");
        int least = LEVELS.indexOf(level);
        List<NodeLogs.Line> lines =
                source.equals("node") ? logs.recent() : auditLines(search.isEmpty() ? limit : 5000);
        var kept = new ArrayList<NodeLogs.Line>();
        for (var line : lines) {
            if (LEVELS.indexOf(line.level()) >= least && matches(line, search)) {
                kept.add(line);
            }
        }
        var newest = kept.subList(Math.max(0, kept.size() - limit), kept.size());
        JsonBodies.ok(
                res, new Console.LogTail(source, newest.stream().map(AdminViews::line).toList()));
    }

    private static boolean matches(NodeLogs.Line line, String search) {
        return search.isEmpty()
                || line.message().toLowerCase(Locale.ROOT).contains(search)
                || line.logger().toLowerCase(Locale.ROOT).contains(search);
    }

    /** The audit trail as log lines, oldest first (the store answers newest first). */
    private List<NodeLogs.Line> auditLines(int limit) {
        var entries =
                audit.query(
                        new AuditQuery(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                limit));
        var lines = new ArrayList<NodeLogs.Line>(entries.size());
        for (int i = entries.size() - 1; i >= 0; i--) {
            lines.add(auditLine(entries.get(i)));
        }
        return lines;
    }

    private static NodeLogs.Line auditLine(AuditEntry entry) {
        var message = new StringBuilder(entry.eventType());
        if (entry.agentId() != null) {
            message.append(" agent=").append(entry.agentId());
        }
        if (entry.actorUserId() != null) {
            message.append(" actor=").append(entry.actorUserId());
        }
        if (entry.sourceIp() != null) {
            message.append(" from=").append(entry.sourceIp());
        }
        if (!entry.details().isEmpty()) {
            message.append(' ').append(Json.text(entry.details()));
        }
        return new NodeLogs.Line(entry.occurredAt(), "info", "audit", message.toString());
    }

    // ------------------------------------------------------------------ settings

    private void settings(ServerRequest req, ServerResponse res) {
        reader(req);
        JsonBodies.ok(
                res,
                new Console.Settings(
                        settings.file().toString(),
                        settings.restartRequired(),
                        settings.read().stream().map(AdminViews::setting).toList()));
    }

    private void saveSettings(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        var change = JsonBodies.readStrict(JsonBodies.raw(req), Console.SettingsChange.class);
        if (change.settings() == null || change.settings().isEmpty()) {
            throw ApiException.invalid("settings", "name at least one setting to change");
        }
        java.nio.file.Path file;
        try {
            file = settings.save(change.settings());
        } catch (SettingsFile.Refused e) {
            throw ApiException.invalid(
                    e.refusals().stream().map(r -> new FieldError(r.key(), r.message())).toList());
        } catch (UncheckedIOException e) {
            // E.g. a config file under /etc on a hardened service: say where and why.
            throw new ApiException(
                    io.peerclaw.node.http.ErrorCode.INTERNAL_ERROR,
                    e.getMessage() + "; nothing was saved");
        }
        // The keys, never the values: a DSN carries a password.
        audit.recordBy(
                AuditEvent.SETTINGS_CHANGED,
                caller.userId(),
                Map.of("keys", String.join(",", change.settings().keySet())));
        JsonBodies.ok(res, new Console.SettingsSaved(true, true, file.toString()));
    }

    // ------------------------------------------------------------------ reputation

    private void reputationEvents(ServerRequest req, ServerResponse res) {
        reader(req);
        int limit = integer(req, "limit", 50, 1, 200);
        JsonBodies.ok(res, AdminViews.reputationEvents(reputation.recentEvents(limit)));
    }

    private void reputationSummary(ServerRequest req, ServerResponse res) {
        reader(req);
        JsonBodies.ok(res, AdminViews.reputationSummary(reputation.summary()));
    }

    // ------------------------------------------------------------------ activity

    /**
     * Every audit event as it is recorded. Each client has its own bounded queue: a slow client
     * loses events rather than slowing down the recording of them.
     */
    private void activity(ServerRequest req, ServerResponse res) {
        var caller = reader(req);
        try (var subscriber = new ActivitySubscriber(audit, SUBSCRIBER_QUEUE);
                var stream = EventStream.open(res)) {
            // Sends the headers now, so the client knows it is subscribed before any event.
            stream.keepAlive();
            long lastWrite = System.nanoTime();
            while (!stopping && !stream.clientLeft()) {
                AuditEvent event = subscriber.next(Duration.ofSeconds(1));
                long dropped = subscriber.takeDropped();
                if (dropped > 0) {
                    // Says that the feed has a gap, so the console can reload what it shows.
                    stream.send("dropped", new Console.Dropped(dropped));
                }
                if (event != null) {
                    stream.send("activity", AdminViews.activity(event, names.lookup()));
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite >= KEEP_ALIVE.toNanos()) {
                    if (!authenticator.isAdmin(caller)) {
                        break; // demoted or deleted since the stream opened: it ends here
                    }
                    stream.keepAlive();
                    lastWrite = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ helpers

    private Caller.User reader(ServerRequest req) {
        return authenticator.requireAdmin(IncomingRequest.of(req), KeyScope.READ);
    }

    private Caller.User changer(ServerRequest req) {
        return authenticator.requireAdmin(IncomingRequest.of(req), KeyScope.MANAGE_AGENTS);
    }
}
