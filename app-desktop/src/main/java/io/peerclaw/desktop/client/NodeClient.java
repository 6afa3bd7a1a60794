package io.peerclaw.desktop.client;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the console asks of a node, over its public REST API. The embedded node and a remote
 * node are managed through the same implementation ({@link HttpNodeClient}). Every method blocks
 * and fails with a {@link NodeClientException} whose message can be shown as it is.
 */
public interface NodeClient {

    /** The node's base address, e.g. {@code http://127.0.0.1:8080}. */
    URI baseUri();

    /** True while the node has no admin account yet ({@code GET /api/v1/setup}). */
    boolean needsAdmin();

    /** Creates the first admin ({@code POST /api/v1/setup/admin}); only from the same machine. */
    void createFirstAdmin(String email, String password);

    /** Signs in; later calls carry the admin's access token. */
    void signIn(String email, String password);

    NodeInfo node();

    Dashboard dashboard();

    List<AgentRow> agents(String search);

    AgentDetail agent(String id);

    List<ReputationPoint> reputationHistory(String agentId);

    void verifyAgent(String id);

    void probeAgent(String id);

    void suspendAgent(String id, String reason);

    void unsuspendAgent(String id);

    void deleteAgent(String id);

    List<ReportRow> reports(String status);

    /** Decides a report: status reviewed, dismissed or actioned (with action). */
    void decideReport(String id, String status, String action, String note);

    List<AuditRow> audit(int limit);

    List<UserRow> users(String search);

    void setRole(String userId, String role);

    void deleteUser(String userId);

    ReputationSummary reputationSummary();

    List<ReputationEvent> reputationEvents(int limit);

    List<Setting> settings();

    /** Saves settings to the node's config file; they apply on the next restart. */
    String saveSettings(Map<String, Object> values);

    void restart();

    List<LogLine> logs(String source, String level, String search, int limit);

    /** Follows the live activity feed until the returned handle is closed. */
    AutoCloseable activity(Consumer<Activity> onEvent, Consumer<String> onError);

    record NodeInfo(
            String version,
            Instant startedAt,
            long uptimeSeconds,
            String url,
            int port,
            String dataDir,
            String configFile,
            String databaseDriver,
            String databaseDescription) {}

    record Dashboard(
            long totalAgents,
            long onlineAgents,
            long totalUsers,
            long pendingReports,
            long invocationsToday) {
        public long offlineAgents() {
            return Math.max(0, totalAgents - onlineAgents);
        }
    }

    record AgentRow(
            String id,
            String name,
            List<String> protocols,
            String status,
            boolean verified,
            boolean suspended,
            double score,
            String owner,
            Instant lastHeartbeat) {}

    record AgentDetail(
            AgentRow agent,
            String description,
            String version,
            String endpoint,
            List<String> capabilities,
            List<String> skills,
            String ownerEmail,
            List<Review> reviews) {}

    record Review(String id, int rating, String comment, boolean hidden, Instant createdAt) {}

    record ReputationPoint(Instant at, double score, String eventType) {}

    /** A report; {@code targetName} is what the node calls its target, empty if it has none. */
    record ReportRow(
            String id,
            String targetType,
            String targetId,
            String reason,
            String details,
            String status,
            String note,
            Instant createdAt,
            String targetName) {
        public ReportRow(
                String id,
                String targetType,
                String targetId,
                String reason,
                String details,
                String status,
                String note,
                Instant createdAt) {
            this(id, targetType, targetId, reason, details, status, note, createdAt, "");
        }

        /** E.g. "agent weather-bot", "review of weather-bot"; the id when the node had no name. */
        public String target() {
            if (targetName.isBlank()) {
                return targetType + " " + targetId;
            }
            return targetName.startsWith(targetType) ? targetName : targetType + " " + targetName;
        }
    }

    /**
     * An audit event; {@code agentName} and {@code actorEmail} name {@code agentId} and {@code
     * actor} (a user id), empty when the node had no name for them.
     */
    record AuditRow(
            Instant at,
            String eventType,
            String agentId,
            String actor,
            String details,
            String agentName,
            String actorEmail) {
        public AuditRow(
                Instant at, String eventType, String agentId, String actor, String details) {
            this(at, eventType, agentId, actor, details, "", "");
        }

        /** The agent's name, else its id. */
        public String agent() {
            return agentName.isBlank() ? agentId : agentName;
        }

        /** The actor's email, else their id. */
        public String by() {
            return actorEmail.isBlank() ? actor : actorEmail;
        }
    }

    record UserRow(String id, String email, String displayName, String role, Instant createdAt) {}

    record RankedAgent(String id, String name, double score, boolean verified) {}

    record ReputationSummary(
            List<RankedAgent> top,
            List<RankedAgent> bottom,
            List<Long> distribution,
            Map<String, Object> constants) {}

    record ReputationEvent(
            String agentId,
            String agentName,
            String eventType,
            double delta,
            double scoreAfter,
            Instant createdAt) {}

    /**
     * One editable setting; {@code note} says when a flag or the environment overrides the file.
     */
    record Setting(
            String key,
            String value,
            String kind,
            String description,
            boolean set,
            boolean readOnly,
            String note) {}

    record LogLine(Instant time, String level, String logger, String message) {}

    /** A live event; names as in {@link AuditRow}. */
    record Activity(
            Instant time,
            String type,
            String agentId,
            String actor,
            String details,
            String agentName,
            String actorEmail) {
        public Activity(Instant time, String type, String agentId, String actor, String details) {
            this(time, type, agentId, actor, details, "", "");
        }

        /** The agent's name, else its id. */
        public String agent() {
            return agentName.isBlank() ? agentId : agentName;
        }

        /** The actor's email, else their id. */
        public String by() {
            return actorEmail.isBlank() ? actor : actorEmail;
        }
    }
}
