package io.peerclaw.node.verification;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import java.time.Instant;
import java.util.List;

/** Every SQL statement of endpoint verification: the re-check schedule. */
final class VerificationStore {
    private final Database database;

    VerificationStore(Database database) {
        this.database = database;
    }

    /** A verified agent's next re-check. */
    record Check(String agentId, String endpointUrl, int failures, Instant nextCheckAt) {}

    /** After a pass: the agent is due again at {@code next}, with no failures. */
    void passed(String agentId, String endpoint, Instant now, Instant next) {
        database.inTransaction(
                sql -> {
                    int updated =
                            sql.update(
                                    "UPDATE endpoint_checks SET endpoint_url = ?,"
                                            + " consecutive_failures = 0, last_checked_at = ?,"
                                            + " last_result = 'verified', next_check_at = ? WHERE"
                                            + " agent_id = ?",
                                    endpoint,
                                    now,
                                    next,
                                    agentId);
                    if (updated == 0) {
                        sql.update(
                                "INSERT INTO endpoint_checks (agent_id, endpoint_url,"
                                        + " consecutive_failures, last_checked_at, last_result,"
                                        + " next_check_at) VALUES (?, ?, 0, ?, 'verified', ?)",
                                agentId,
                                endpoint,
                                now,
                                next);
                    }
                    return null;
                });
    }

    /** Records a failed re-check; returns the failures in a row now. */
    int failed(String agentId, String result, Instant now, Instant next) {
        return database.inTransaction(
                sql -> {
                    sql.update(
                            "UPDATE endpoint_checks SET consecutive_failures ="
                                    + " consecutive_failures + 1, last_checked_at = ?,"
                                    + " last_result = ?, next_check_at = ? WHERE agent_id = ?",
                            now,
                            result,
                            next,
                            agentId);
                    return sql.queryOne(
                                    "SELECT consecutive_failures FROM endpoint_checks WHERE"
                                            + " agent_id = ?",
                                    r -> r.getInt(1),
                                    agentId)
                            .orElse(0);
                });
    }

    void forget(String agentId) {
        database.inTransaction(
                sql -> sql.update("DELETE FROM endpoint_checks WHERE agent_id = ?", agentId));
    }

    /** Verified agents whose re-check is due, oldest first. */
    List<Check> due(Instant now, int limit) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT c.agent_id, c.endpoint_url, c.consecutive_failures,"
                                        + " c.next_check_at FROM endpoint_checks c JOIN agents a"
                                        + " ON a.id = c.agent_id WHERE c.next_check_at <= ? AND"
                                        + " a.verified = TRUE ORDER BY c.next_check_at,"
                                        + " c.agent_id LIMIT ?",
                                r ->
                                        new Check(
                                                r.getString(1),
                                                r.getString(2),
                                                r.getInt(3),
                                                Sql.instant(r, "next_check_at")),
                                now,
                                limit));
    }

    /**
     * Takes a due check for this node: moves it out of the way until {@code until}, only if no
     * other node has taken it since it was read.
     */
    boolean claim(Check check, Instant until) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "UPDATE endpoint_checks SET next_check_at = ? WHERE"
                                                + " agent_id = ? AND next_check_at = ?",
                                        until,
                                        check.agentId(),
                                        check.nextCheckAt()))
                > 0;
    }
}
