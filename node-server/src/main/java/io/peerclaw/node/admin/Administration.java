package io.peerclaw.node.admin;

import io.peerclaw.node.accounts.Accounts;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.directory.Categories;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.TimeBuckets;
import io.peerclaw.node.identity.UserRole;
import io.peerclaw.node.registry.AgentRegistry;
import io.peerclaw.node.reviews.Reviews;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Accounts.User;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin use cases, over the other features' public APIs. */
final class Administration {
    private final Accounts accounts;
    private final AgentRegistry registry;
    private final Reviews reviews;
    private final Categories categories;
    private final AuditLog audit;
    private final InstantSource clock;

    Administration(
            Accounts accounts,
            AgentRegistry registry,
            Reviews reviews,
            Categories categories,
            AuditLog audit,
            InstantSource clock) {
        this.accounts = accounts;
        this.registry = registry;
        this.reviews = reviews;
        this.categories = categories;
        this.audit = audit;
        this.clock = clock;
    }

    Map<String, Object> dashboard() {
        var roles = accounts.countsByRole();
        var agents = registry.nodeSummary();
        var out = new LinkedHashMap<String, Object>();
        out.put("total_users", roles.values().stream().mapToLong(Long::longValue).sum());
        out.put("users_by_role", roles);
        out.put("total_agents", agents.agents());
        out.put("online_agents", agents.up());
        out.put("verified_agents", agents.verified());
        out.put("suspended_agents", agents.suspended());
        out.put("private_agents", agents.hidden());
        out.put("total_reviews", reviews.reviewCount());
        out.put("pending_reports", reviews.pendingReports());
        // Invocation records arrive with the protocol gateway; there are none before it.
        out.put("total_invocations", 0);
        return out;
    }

    // ------------------------------------------------------------------ users

    Accounts.UserPage users(
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

    Map<String, Object> user(String id) {
        User user = accounts.user(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        var owned = registry.ownerSummary(id);
        var out = new LinkedHashMap<String, Object>();
        out.put("user", user);
        out.put("agents", owned.agents());
        out.put("pending_agents", owned.pending());
        return out;
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

    AgentRegistry.ManagedPage agentsPage(
            Optional<String> search,
            Optional<String> protocol,
            Optional<String> status,
            Optional<Boolean> suspended,
            String token,
            int size) {
        return registry.adminPage(search, protocol, status, suspended, token, size);
    }

    Map<String, Object> agent(AgentId id) {
        var agent =
                registry.managedAgent(id)
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + id));
        var out = new LinkedHashMap<String, Object>();
        out.put("agent", agent.jsonTree());
        String owner = agent.stewardship().ownerUserId();
        out.put("owner", owner == null ? null : accounts.user(owner).orElse(null));
        out.put("reviews", reviews.adminView(id));
        out.put("invocation_stats", zeroStats());
        return out;
    }

    void deleteAgent(AgentId id, String admin) {
        registry.deleteAsAdmin(id, admin);
    }

    void setVerified(AgentId id, boolean verified, String admin) {
        registry.setVerified(id, verified, admin);
    }

    void suspend(AgentId id, String reason, String admin) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > 1000) {
            throw ApiException.invalid("reason", "must be 1 to 1000 characters: the owner sees it");
        }
        registry.setSuspended(id, text, admin);
    }

    void reinstate(AgentId id, String admin) {
        registry.setSuspended(id, null, admin);
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

    /**
     * Node-wide calls per bucket. Invocation records come with the protocol gateway; until then
     * every bucket counts zero.
     */
    Map<String, Object> analytics(Optional<Instant> since, int bucketMinutes) {
        var starts = TimeBuckets.since(since, bucketMinutes, clock.instant());
        var series = new ArrayList<Map<String, Object>>();
        for (Instant start : starts) {
            var point = new LinkedHashMap<String, Object>();
            point.put("timestamp", start);
            point.put("total_calls", 0);
            point.put("success_calls", 0);
            point.put("error_calls", 0);
            point.put("avg_duration_ms", 0);
            series.add(point);
        }
        var out = new LinkedHashMap<String, Object>(zeroStats());
        out.put("since", starts.getFirst());
        out.put("bucket_minutes", bucketMinutes);
        out.put("time_series", series);
        out.put("top_agents", List.of());
        return out;
    }

    private static Map<String, Object> zeroStats() {
        var stats = new LinkedHashMap<String, Object>();
        stats.put("total_calls", 0);
        stats.put("success_calls", 0);
        stats.put("error_calls", 0);
        stats.put("avg_duration_ms", 0);
        stats.put("p95_duration_ms", 0);
        return stats;
    }
}
