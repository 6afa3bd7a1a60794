package io.peerclaw.node.admin;

import io.peerclaw.node.accounts.UserAdministration;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.directory.Categories;
import io.peerclaw.node.gateway.InvocationLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.TimeBuckets;
import io.peerclaw.node.identity.UserRole;
import io.peerclaw.node.registry.AgentModeration;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.ManagedAgent;
import io.peerclaw.node.registry.ManagedAgentJson;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.node.reviews.Reviews;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Accounts.User;
import io.peerclaw.shared.protocol.api.Admin;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The admin use cases, over the other features' public APIs. */
final class Administration {
    private final UserAdministration accounts;
    private final AgentReads agents;
    private final OwnedAgents owned;
    private final AgentModeration moderation;
    private final Reviews reviews;
    private final Categories categories;
    private final AuditLog audit;
    private final InstantSource clock;

    private final InvocationLog invocations;

    Administration(
            UserAdministration accounts,
            AgentReads agents,
            OwnedAgents owned,
            AgentModeration moderation,
            Reviews reviews,
            Categories categories,
            InvocationLog invocations,
            AuditLog audit,
            InstantSource clock) {
        this.invocations = invocations;
        this.accounts = accounts;
        this.agents = agents;
        this.owned = owned;
        this.moderation = moderation;
        this.reviews = reviews;
        this.categories = categories;
        this.audit = audit;
        this.clock = clock;
    }

    Admin.Dashboard dashboard() {
        var roles = accounts.countsByRole();
        var agents = moderation.nodeSummary();
        return new Admin.Dashboard(
                roles.values().stream().mapToLong(Long::longValue).sum(),
                roles,
                agents.agents(),
                agents.up(),
                agents.verified(),
                agents.suspended(),
                agents.hidden(),
                reviews.reviewCount(),
                reviews.pendingReports(),
                invocations.all(Optional.empty(), 0, 0).total(),
                invocations.countSince(
                        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS)));
    }

    // ------------------------------------------------------------------ users

    UserAdministration.UserPage users(
            Optional<String> search, Optional<String> role, String token, int size) {
        Optional<UserRole> parsed =
                role.map(
                        r ->
                                UserRole.parse(r)
                                        .orElseThrow(
                                                () ->
                                                        ApiException.invalid(
                                                                "role",
                                                                "must be user, provider or"
                                                                        + " admin")));
        return accounts.users(search, parsed, token, size);
    }

    Admin.UserDetail user(String id) {
        User user = accounts.user(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        var summary = owned.ownerSummary(id);
        return new Admin.UserDetail(user, summary.agents(), summary.pending());
    }

    User setRole(String id, String role, String admin) {
        UserRole parsed =
                UserRole.parse(role == null ? "" : role)
                        .orElseThrow(
                                () ->
                                        ApiException.invalid(
                                                "role", "must be user, provider or admin"));
        return accounts.setRole(id, parsed, admin);
    }

    void deleteUser(String id, String admin) {
        accounts.deleteUser(id, admin);
    }

    // ------------------------------------------------------------------ agents

    ManagedAgent.Page agentsPage(
            Optional<String> search,
            Optional<String> protocol,
            Optional<String> status,
            Optional<Boolean> suspended,
            String token,
            int size) {
        return moderation.adminPage(search, protocol, status, suspended, token, size);
    }

    Admin.AgentDetail agent(AgentId id) {
        var agent =
                agents.managedAgent(id)
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + id));
        String owner = agent.stewardship().ownerUserId();
        return new Admin.AgentDetail(
                ManagedAgentJson.view(agent),
                owner == null ? null : accounts.user(owner).orElse(null),
                AdminViews.reviews(reviews.adminView(id)),
                AdminViews.stats(invocations.stats(Optional.of(id.value()), Instant.EPOCH)));
    }

    void deleteAgent(AgentId id, String admin) {
        moderation.deleteAsAdmin(id, admin);
    }

    void setVerified(AgentId id, boolean verified, String admin) {
        moderation.setVerified(id, verified, admin);
    }

    void suspend(AgentId id, String reason, String admin) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > 1000) {
            throw ApiException.invalid("reason", "must be 1 to 1000 characters: the owner sees it");
        }
        moderation.setSuspended(id, text, admin);
    }

    void reinstate(AgentId id, String admin) {
        moderation.setSuspended(id, null, admin);
    }

    // ------------------------------------------------------------------ categories

    Categories.Category createCategory(Categories.Draft draft, String admin) {
        var created = categories.create(draft);
        audited(admin, "created", created.id());
        return created;
    }

    Categories.Category updateCategory(String id, Categories.Draft draft, String admin) {
        var updated = categories.update(id, draft);
        audited(admin, "updated", id);
        return updated;
    }

    void deleteCategory(String id, String admin) {
        categories.delete(id);
        audited(admin, "deleted", id);
    }

    private void audited(String admin, String change, String id) {
        audit.recordBy(
                AuditEvent.CATEGORY_CHANGED,
                admin,
                AuditLog.details("category_id", id, "change", change));
    }

    // ------------------------------------------------------------------ invocations

    /** Node-wide calls per bucket, their totals and the most called agents. */
    Map<String, Object> analytics(Optional<Instant> since, int bucketMinutes) {
        var starts = TimeBuckets.since(since, bucketMinutes, clock.instant());
        Instant from = starts.getFirst();
        var byStart = new java.util.HashMap<Instant, InvocationLog.Point>();
        for (var point : invocations.series(Optional.empty(), from, bucketMinutes)) {
            byStart.put(point.timestamp(), point);
        }
        var series = new ArrayList<Map<String, Object>>();
        for (Instant start : starts) {
            var p = byStart.get(start);
            var point = new LinkedHashMap<String, Object>();
            point.put("timestamp", start);
            point.put("total_calls", p == null ? 0 : p.totalCalls());
            point.put("success_calls", p == null ? 0 : p.successCalls());
            point.put("error_calls", p == null ? 0 : p.errorCalls());
            point.put("avg_duration_ms", p == null ? 0 : p.avgDurationMs());
            series.add(point);
        }
        var out =
                new LinkedHashMap<String, Object>(stats(invocations.stats(Optional.empty(), from)));
        out.put("since", from);
        out.put("bucket_minutes", bucketMinutes);
        out.put("time_series", series);
        var top = new ArrayList<Map<String, Object>>();
        for (var agent : invocations.top(from, 10)) {
            var row = new LinkedHashMap<String, Object>();
            row.put("agent_id", agent.agentId());
            row.put("agent_name", agent.agentName());
            row.put("total_calls", agent.totalCalls());
            row.put("success_calls", agent.successCalls());
            row.put("avg_duration_ms", agent.avgDurationMs());
            top.add(row);
        }
        out.put("top_agents", top);
        return out;
    }

    /** The node's invocation log, newest first. */
    InvocationLog.Page invocationLog(Optional<String> agentId, int limit, int offset) {
        return invocations.all(agentId, limit, offset);
    }

    private static Map<String, Object> stats(InvocationLog.Stats s) {
        var stats = new LinkedHashMap<String, Object>();
        stats.put("total_calls", s.totalCalls());
        stats.put("success_calls", s.successCalls());
        stats.put("error_calls", s.errorCalls());
        stats.put("avg_duration_ms", s.avgDurationMs());
        stats.put("p95_duration_ms", s.p95DurationMs());
        return stats;
    }
}
