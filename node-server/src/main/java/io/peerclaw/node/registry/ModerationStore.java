package io.peerclaw.node.registry;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Filtered;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL of moderation and trust: suspension, the verified flag, the admin list and node counts.
 */
final class ModerationStore {
    private final AgentRowStore rows;
    private final Database database;

    ModerationStore(AgentRowStore rows) {
        this.rows = rows;
        this.database = rows.database();
    }

    /** Suspends ({@code at} set) or reinstates ({@code at} null); false when the agent is gone. */
    boolean setSuspended(String id, Instant at, String reason) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "UPDATE agents SET suspended_at = ?, suspended_reason = ?"
                                                + " WHERE id = ?",
                                        at,
                                        at == null ? null : reason,
                                        id))
                > 0;
    }

    /** Sets the verified flag; false when the agent is gone. */
    boolean setVerified(String id, boolean verified, Instant now) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "UPDATE agents SET verified = ?, verified_at = ? WHERE id"
                                                + " = ?",
                                        verified,
                                        verified ? now : null,
                                        id))
                > 0;
    }

    /** Every agent, for admins: name or id search, protocol, status and suspension filters. */
    List<StoredAgent> adminPage(
            Optional<String> search,
            Optional<String> protocol,
            Optional<String> status,
            Optional<Boolean> suspended,
            Optional<AgentQuery.Cursor> after,
            int limit) {
        var filter = Filtered.all();
        search.ifPresent(
                text ->
                        filter.and(
                                "(LOWER(a.name) LIKE ? ESCAPE '!' OR a.id = ?)",
                                "%"
                                        + text.toLowerCase(Locale.ROOT)
                                                .replace("!", "!!")
                                                .replace("%", "!%")
                                                .replace("_", "!_")
                                        + "%",
                                text));
        filter.andIf(
                        protocol,
                        "EXISTS (SELECT 1 FROM agent_protocols p WHERE p.agent_id = a.id AND"
                                + " p.protocol = ?)")
                .andIf(status, "l.status = ?");
        suspended.ifPresent(
                flag -> filter.and(flag ? "a.suspended_at IS NOT NULL" : "a.suspended_at IS NULL"));
        return rows.newestFirst(filter, after, limit);
    }

    /** Node-wide counts for the admin overview. */
    record NodeCounts(long agents, long up, long verified, long suspended, long hidden) {}

    NodeCounts nodeCounts() {
        return database.read(
                sql ->
                        sql.queryOne(
                                        "SELECT COUNT(*), SUM(CASE WHEN l.status IN "
                                                + AgentRowStore.UP_STATES
                                                + " THEN 1 ELSE 0 END), SUM(CASE WHEN a.verified"
                                                + " THEN 1 ELSE 0 END), SUM(CASE WHEN"
                                                + " a.suspended_at IS NOT NULL THEN 1 ELSE 0 END),"
                                                + " SUM(CASE WHEN a.visibility = 'private' THEN 1"
                                                + " ELSE 0 END)"
                                                + AgentRowStore.FROM_AGENTS,
                                        row ->
                                                new NodeCounts(
                                                        row.getLong(1),
                                                        row.getLong(2),
                                                        row.getLong(3),
                                                        row.getLong(4),
                                                        row.getLong(5)))
                                .orElseThrow());
    }
}
