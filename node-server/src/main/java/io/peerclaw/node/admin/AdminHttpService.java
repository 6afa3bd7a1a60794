package io.peerclaw.node.admin;

import static io.peerclaw.node.http.QueryParameters.integer;
import static io.peerclaw.node.http.QueryParameters.text;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.audit.AuditQuery;
import io.peerclaw.node.directory.Categories;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.PageRequest;
import io.peerclaw.node.http.PathIds;
import io.peerclaw.node.http.QueryParameters;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.registry.ManagedAgent;
import io.peerclaw.node.registry.ManagedAgentJson;
import io.peerclaw.node.reviews.Reviews;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Admin;
import io.peerclaw.shared.protocol.api.Reviews.ReportUpdate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/admin/…}: every route needs an account whose stored role is admin (the role in a
 * token is not trusted); reads need the {@code read} scope, changes {@code manage_agents}.
 */
final class AdminHttpService implements HttpService {
    private final Administration admin;
    private final Reviews reviews;
    private final AuditLog audit;
    private final Authenticator authenticator;
    private final Names names;

    AdminHttpService(
            Administration admin,
            Reviews reviews,
            AuditLog audit,
            Authenticator authenticator,
            Names names) {
        this.names = names;
        this.admin = admin;
        this.reviews = reviews;
        this.audit = audit;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/admin/dashboard", (req, res) -> ok(req, res, admin.dashboard()))
                .any("/admin/dashboard", MethodNotAllowed.allowing("GET"))
                .get("/admin/users", this::users)
                .any("/admin/users", MethodNotAllowed.allowing("GET"))
                .get("/admin/users/{id}", this::user)
                .delete("/admin/users/{id}", this::deleteUser)
                .any("/admin/users/{id}", MethodNotAllowed.allowing("GET", "DELETE"))
                .put("/admin/users/{id}/role", this::setRole)
                .any("/admin/users/{id}/role", MethodNotAllowed.allowing("PUT"))
                .get("/admin/agents", this::agents)
                .any("/admin/agents", MethodNotAllowed.allowing("GET"))
                .get("/admin/agents/{id}", this::agent)
                .delete("/admin/agents/{id}", this::deleteAgent)
                .any("/admin/agents/{id}", MethodNotAllowed.allowing("GET", "DELETE"))
                .post("/admin/agents/{id}/verify", (req, res) -> verify(req, res, true))
                .delete("/admin/agents/{id}/verify", (req, res) -> verify(req, res, false))
                .any("/admin/agents/{id}/verify", MethodNotAllowed.allowing("POST", "DELETE"))
                .post("/admin/agents/{id}/suspend", this::suspend)
                .delete("/admin/agents/{id}/suspend", this::reinstate)
                .any("/admin/agents/{id}/suspend", MethodNotAllowed.allowing("POST", "DELETE"))
                .get("/admin/reports", this::reports)
                .any("/admin/reports", MethodNotAllowed.allowing("GET"))
                .get("/admin/reports/{id}", this::report)
                .put("/admin/reports/{id}", this::decide)
                .delete("/admin/reports/{id}", this::deleteReport)
                .any("/admin/reports/{id}", MethodNotAllowed.allowing("GET", "PUT", "DELETE"))
                .post("/admin/categories", this::createCategory)
                .any("/admin/categories", MethodNotAllowed.allowing("POST"))
                .put("/admin/categories/{id}", this::updateCategory)
                .delete("/admin/categories/{id}", this::deleteCategory)
                .any("/admin/categories/{id}", MethodNotAllowed.allowing("PUT", "DELETE"))
                .get("/admin/analytics", this::analytics)
                .any("/admin/analytics", MethodNotAllowed.allowing("GET"))
                .get("/admin/invocations", this::invocations)
                .any("/admin/invocations", MethodNotAllowed.allowing("GET"))
                .get("/admin/audit", this::audit)
                .any("/admin/audit", MethodNotAllowed.allowing("GET"));
    }

    // ------------------------------------------------------------------ users

    private void users(ServerRequest req, ServerResponse res) {
        reader(req);
        var page = PageRequest.from(req.query());
        var users = admin.users(text(req, "search"), text(req, "role"), page.token(), page.size());
        JsonBodies.ok(res, new Admin.UserList(users.users(), users.nextPageToken()));
    }

    private void user(ServerRequest req, ServerResponse res) {
        reader(req);
        JsonBodies.ok(res, admin.user(req.path().pathParameters().get("id")));
    }

    private void setRole(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        var change = JsonBodies.readStrict(JsonBodies.raw(req), Admin.RoleChange.class);
        JsonBodies.ok(
                res,
                admin.setRole(
                        req.path().pathParameters().get("id"), change.role(), caller.userId()));
    }

    private void deleteUser(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        admin.deleteUser(req.path().pathParameters().get("id"), caller.userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    // ------------------------------------------------------------------ agents

    private void agents(ServerRequest req, ServerResponse res) {
        reader(req);
        var page = PageRequest.from(req.query());
        Optional<Boolean> suspended = QueryParameters.flag(req.query(), "suspended");
        var agents =
                admin.agentsPage(
                        text(req, "search"),
                        text(req, "protocol"),
                        text(req, "status"),
                        suspended,
                        page.token(),
                        page.size());
        var lookup = names.lookup();
        JsonBodies.ok(
                res,
                new Admin.AgentPage(
                        agents.agents().stream().map(a -> namingOwner(a, lookup)).toList(),
                        agents.nextPageToken().isEmpty() ? null : agents.nextPageToken()));
    }

    /** The console's Owner column shows the owner's email; the id stays beside it. */
    private static Admin.ManagedAgent namingOwner(ManagedAgent agent, Names.Lookup lookup) {
        var view = ManagedAgentJson.view(agent);
        return new Admin.ManagedAgent(
                view.card(), view.facts().withOwnerEmail(lookup.email(view.facts().ownerUserId())));
    }

    private void agent(ServerRequest req, ServerResponse res) {
        reader(req);
        JsonBodies.ok(res, admin.agent(PathIds.agentId(req)));
    }

    private void deleteAgent(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        admin.deleteAgent(PathIds.agentId(req), caller.userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void verify(ServerRequest req, ServerResponse res, boolean verified) {
        var caller = changer(req);
        admin.setVerified(PathIds.agentId(req), verified, caller.userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void suspend(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        AgentId id = PathIds.agentId(req);
        var body = JsonBodies.readStrict(JsonBodies.raw(req), Admin.Suspension.class);
        admin.suspend(id, body.reason(), caller.userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void reinstate(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        admin.reinstate(PathIds.agentId(req), caller.userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    // ------------------------------------------------------------------ reports

    private void reports(ServerRequest req, ServerResponse res) {
        reader(req);
        var page = PageRequest.from(req.query());
        var list = reviews.reports(text(req, "status"), page.token(), page.size());
        var lookup = names.lookup();
        JsonBodies.ok(
                res,
                new io.peerclaw.shared.protocol.api.Reviews.ReportList(
                        list.reports().stream().map(lookup::named).toList(), list.nextPageToken()));
    }

    private void report(ServerRequest req, ServerResponse res) {
        reader(req);
        JsonBodies.ok(
                res, names.lookup().named(reviews.report(req.path().pathParameters().get("id"))));
    }

    private void decide(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        var update = JsonBodies.readStrict(JsonBodies.raw(req), ReportUpdate.class);
        JsonBodies.ok(
                res,
                reviews.decide(req.path().pathParameters().get("id"), update, caller.userId()));
    }

    private void deleteReport(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        reviews.deleteReport(req.path().pathParameters().get("id"), caller.userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    // ------------------------------------------------------------------ categories

    private void createCategory(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        var draft = JsonBodies.readStrict(JsonBodies.raw(req), Categories.Draft.class);
        JsonBodies.send(res, Status.CREATED_201, admin.createCategory(draft, caller.userId()));
    }

    private void updateCategory(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        var draft = JsonBodies.readStrict(JsonBodies.raw(req), Categories.Draft.class);
        JsonBodies.ok(
                res,
                admin.updateCategory(
                        req.path().pathParameters().get("id"), draft, caller.userId()));
    }

    private void deleteCategory(ServerRequest req, ServerResponse res) {
        var caller = changer(req);
        admin.deleteCategory(req.path().pathParameters().get("id"), caller.userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    // ------------------------------------------------------------------ invocations, audit

    private void analytics(ServerRequest req, ServerResponse res) {
        reader(req);
        int bucket = integer(req, "bucket_minutes", 60, 1, 1440);
        JsonBodies.ok(res, admin.analytics(instant(req, "since"), bucket));
    }

    /**
     * The node's invocation log, newest first ({@code limit}, {@code offset}, {@code agent_id}).
     */
    private void invocations(ServerRequest req, ServerResponse res) {
        reader(req);
        var agent = QueryParameters.agentId(req, "agent_id").map(AgentId::value);
        int limit = integer(req, "limit", 50, 1, 100);
        int offset = integer(req, "offset", 0, 0, 100_000);
        var page = admin.invocationLog(agent, limit, offset);
        JsonBodies.ok(res, Map.of("invocations", page.invocations(), "total", page.total()));
    }

    private void audit(ServerRequest req, ServerResponse res) {
        reader(req);
        int limit = integer(req, "limit", 100, 1, 500);
        Optional<Long> before =
                text(req, "before_id")
                        .map(
                                v -> {
                                    try {
                                        return Long.parseLong(v);
                                    } catch (NumberFormatException e) {
                                        throw ApiException.invalid(
                                                "before_id", "must be an event id");
                                    }
                                });
        var entries =
                audit.query(
                        new AuditQuery(
                                text(req, "actor_user_id"),
                                text(req, "event_type"),
                                text(req, "agent_id"),
                                instant(req, "since"),
                                before,
                                limit));
        JsonBodies.ok(res, AdminViews.audit(entries, names.lookup()));
    }

    // ------------------------------------------------------------------ helpers

    private void ok(ServerRequest req, ServerResponse res, Object body) {
        reader(req);
        JsonBodies.ok(res, body);
    }

    private Caller.User reader(ServerRequest req) {
        return authenticator.requireAdmin(IncomingRequest.of(req), KeyScope.READ);
    }

    private Caller.User changer(ServerRequest req) {
        return authenticator.requireAdmin(IncomingRequest.of(req), KeyScope.MANAGE_AGENTS);
    }

    private static Optional<Instant> instant(ServerRequest req, String name) {
        return text(req, name)
                .map(
                        v -> {
                            try {
                                return Instant.parse(v);
                            } catch (DateTimeParseException e) {
                                throw ApiException.invalid(
                                        name,
                                        "must be an RFC 3339 time such as 2026-11-26T00:00:00Z");
                            }
                        });
    }
}
