package io.peerclaw.node.registry;

import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The SQL of heartbeats and liveness: status, heartbeat times and the metadata a heartbeat carries.
 */
final class LivenessStore {
    private final AgentRowStore rows;
    private final Database database;

    LivenessStore(AgentRowStore rows) {
        this.rows = rows;
        this.database = rows.database();
    }

    Optional<String> status(String id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT status FROM agent_liveness WHERE agent_id = ?",
                                row -> row.getString(1),
                                id));
    }

    /** Applies a change to the card's content under a row lock; empty when the agent is gone. */
    Optional<StoredAgent> updateContent(
            String id,
            UnaryOperator<AgentCard> change,
            String status,
            Instant heartbeat,
            Instant now) {
        return database.inTransaction(
                sql ->
                        rows.find(sql, id, true)
                                .map(
                                        existing -> {
                                            AgentCard content = change.apply(existing.content());
                                            sql.update(
                                                    "UPDATE agents SET card_json = ?, updated_at ="
                                                            + " ? WHERE id = ?",
                                                    Json.text(content),
                                                    now,
                                                    id);
                                            sql.update(
                                                    "UPDATE agent_liveness SET status = ?,"
                                                            + " last_heartbeat = ? WHERE agent_id ="
                                                            + " ?",
                                                    status,
                                                    heartbeat,
                                                    id);
                                            return new StoredAgent(
                                                    id,
                                                    existing.publicKey(),
                                                    status,
                                                    existing.visibility(),
                                                    content,
                                                    existing.registeredAt(),
                                                    now,
                                                    heartbeat,
                                                    existing.stewardship());
                                        }));
    }

    /** A heartbeat that changes status: written at once. False when the agent is gone. */
    boolean updateStatus(String id, String status, Instant heartbeat) {
        return database.read(
                        sql ->
                                sql.update(
                                        "UPDATE agent_liveness SET status = ?, last_heartbeat = ?"
                                                + " WHERE agent_id = ?",
                                        status,
                                        heartbeat,
                                        id))
                > 0;
    }

    /** Writes buffered heartbeat times; a time never moves backwards. */
    int writeHeartbeats(Map<String, Instant> heartbeats) {
        var rows = new ArrayList<Object[]>();
        heartbeats.forEach((id, at) -> rows.add(new Object[] {at, id, at}));
        return database.read(
                sql ->
                        sql.batch(
                                "UPDATE agent_liveness SET last_heartbeat = ? WHERE agent_id = ?"
                                        + " AND last_heartbeat < ?",
                                rows));
    }

    /** Agents still shown as up whose last heartbeat is older than the cutoff. */
    List<String> silentSince(Instant cutoff) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT agent_id FROM agent_liveness WHERE status IN "
                                        + AgentRowStore.UP_STATES
                                        + " AND last_heartbeat < ?",
                                row -> row.getString(1),
                                cutoff));
    }

    int markOffline(List<String> ids, Instant cutoff) {
        var rows = ids.stream().map(id -> new Object[] {id, cutoff}).toList();
        return database.read(
                sql ->
                        sql.batch(
                                "UPDATE agent_liveness SET status = 'offline' WHERE agent_id = ?"
                                        + " AND last_heartbeat < ? AND status IN "
                                        + AgentRowStore.UP_STATES,
                                rows));
    }
}
