package io.peerclaw.node.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every SQL statement of the registry. The card's content is kept as JSON; the columns hold what
 * queries filter and sort on, and the capability and protocol tables repeat the sort key so that a
 * filtered page is read in index order.
 */
final class AgentStore {
    private static final String COLUMNS =
            "a.id, a.public_key, l.status, a.visibility, a.card_json, a.registered_at,"
                    + " a.updated_at, l.last_heartbeat";
    private static final String FROM_AGENTS =
            " FROM agents a JOIN agent_liveness l ON l.agent_id = a.id";
    private static final String UP_STATES = "('online', 'busy', 'degraded')";

    private final Database database;

    /**
     * Parsed card content by agent id, valid while {@code updated_at} is unchanged: a page of fifty
     * agents would otherwise parse fifty JSON documents per request.
     */
    private final Cache<String, ParsedContent> parsed =
            Caffeine.newBuilder().maximumSize(200_000).build();

    private record ParsedContent(Instant updatedAt, AgentCard content) {}

    AgentStore(Database database) {
        this.database = database;
    }

    Optional<StoredAgent> find(String id) {
        return database.read(sql -> find(sql, id, false));
    }

    private Optional<StoredAgent> find(Sql sql, String id, boolean forUpdate) {
        return sql.queryOne(
                "SELECT "
                        + COLUMNS
                        + FROM_AGENTS
                        + " WHERE a.id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""),
                this::row,
                id);
    }

    Optional<String> publicKey(String id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT public_key FROM agents WHERE id = ?",
                                row -> row.getString(1),
                                id));
    }

    Optional<String> status(String id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT status FROM agent_liveness WHERE agent_id = ?",
                                row -> row.getString(1),
                                id));
    }

    /** The stored agent and whether this call created it. */
    record Upserted(StoredAgent agent, boolean created) {}

    /**
     * Creates the agent, or replaces its card keeping its registration time. A concurrent first
     * registration of the same key loses the insert race with a unique violation; callers retry.
     */
    Upserted upsert(StoredAgent candidate) {
        return database.inTransaction(
                sql -> {
                    Optional<StoredAgent> existing = find(sql, candidate.id(), true);
                    if (existing.isEmpty()) {
                        insert(sql, candidate);
                        return new Upserted(candidate, true);
                    }
                    var updated =
                            new StoredAgent(
                                    candidate.id(),
                                    candidate.publicKey(),
                                    candidate.status(),
                                    candidate.visibility(),
                                    candidate.content(),
                                    existing.get().registeredAt(),
                                    candidate.updatedAt(),
                                    candidate.lastHeartbeat());
                    replace(sql, updated);
                    return new Upserted(updated, false);
                });
    }

    /** Applies a change to the card's content under a row lock; empty when the agent is gone. */
    Optional<StoredAgent> updateContent(
            String id,
            java.util.function.UnaryOperator<AgentCard> change,
            String status,
            Instant heartbeat,
            Instant now) {
        return database.inTransaction(
                sql ->
                        find(sql, id, true)
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
                                                    heartbeat);
                                        }));
    }

    private void insert(Sql sql, StoredAgent agent) {
        sql.update(
                """
                INSERT INTO agents (id, public_key, name, visibility, card_json, registered_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                agent.id(),
                agent.publicKey(),
                agent.content().name(),
                agent.visibility(),
                Json.text(agent.content()),
                agent.registeredAt(),
                agent.updatedAt());
        sql.update(
                """
                INSERT INTO agent_liveness (agent_id, status, last_heartbeat, registered_at)
                VALUES (?, ?, ?, ?)
                """,
                agent.id(),
                agent.status(),
                agent.lastHeartbeat(),
                agent.registeredAt());
        insertLookups(sql, agent);
    }

    private void replace(Sql sql, StoredAgent agent) {
        sql.update(
                """
                UPDATE agents SET name = ?, visibility = ?, card_json = ?, updated_at = ?
                WHERE id = ?
                """,
                agent.content().name(),
                agent.visibility(),
                Json.text(agent.content()),
                agent.updatedAt(),
                agent.id());
        sql.update(
                "UPDATE agent_liveness SET status = ?, last_heartbeat = ? WHERE agent_id = ?",
                agent.status(),
                agent.lastHeartbeat(),
                agent.id());
        sql.update("DELETE FROM agent_capabilities WHERE agent_id = ?", agent.id());
        sql.update("DELETE FROM agent_protocols WHERE agent_id = ?", agent.id());
        insertLookups(sql, agent);
    }

    private static void insertLookups(Sql sql, StoredAgent agent) {
        var capabilities = new ArrayList<Object[]>();
        for (String capability : agent.content().capabilities()) {
            capabilities.add(new Object[] {agent.id(), capability, agent.registeredAt()});
        }
        sql.batch(
                "INSERT INTO agent_capabilities (agent_id, capability, registered_at) VALUES (?, ?,"
                        + " ?)",
                capabilities);
        var protocols = new ArrayList<Object[]>();
        for (String protocol : agent.content().protocols()) {
            protocols.add(new Object[] {agent.id(), protocol, agent.registeredAt()});
        }
        sql.batch(
                "INSERT INTO agent_protocols (agent_id, protocol, registered_at) VALUES (?, ?, ?)",
                protocols);
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
                                        + UP_STATES
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
                                        + UP_STATES,
                                rows));
    }

    boolean delete(String id) {
        parsed.invalidate(id);
        return database.read(sql -> sql.update("DELETE FROM agents WHERE id = ?", id)) > 0;
    }

    long count() {
        return database.read(sql -> sql.count("SELECT COUNT(*) FROM agents"));
    }

    /**
     * Public agents matching the query, newest registration first. The most selective condition
     * picks the table whose index is read in order (a capability, else the protocol, else the
     * status, else all agents); the other conditions filter the rows it yields.
     */
    List<StoredAgent> page(AgentQuery query) {
        var sql = new StringBuilder("SELECT ").append(COLUMNS);
        var parameters = new ArrayList<Object>();
        String sortTable;
        String sortId;
        List<String> capabilities = query.capabilities();
        boolean statusDone = false;
        if (!capabilities.isEmpty()) {
            sql.append(" FROM agent_capabilities k JOIN agents a ON a.id = k.agent_id")
                    .append(" JOIN agent_liveness l ON l.agent_id = a.id WHERE k.capability = ?");
            parameters.add(capabilities.getFirst());
            sortTable = "k";
            sortId = "k.agent_id";
        } else if (query.protocol().isPresent()) {
            sql.append(" FROM agent_protocols k JOIN agents a ON a.id = k.agent_id")
                    .append(" JOIN agent_liveness l ON l.agent_id = a.id WHERE k.protocol = ?");
            parameters.add(query.protocol().get());
            sortTable = "k";
            sortId = "k.agent_id";
        } else if (query.status().isPresent()) {
            sql.append(
                    " FROM agent_liveness l JOIN agents a ON a.id = l.agent_id WHERE l.status = ?");
            parameters.add(query.status().get());
            sortTable = "l";
            sortId = "l.agent_id";
            statusDone = true;
        } else {
            sql.append(FROM_AGENTS).append(" WHERE 1 = 1");
            sortTable = "a";
            sortId = "a.id";
        }
        for (String capability :
                capabilities.subList(Math.min(1, capabilities.size()), capabilities.size())) {
            sql.append(" AND EXISTS (SELECT 1 FROM agent_capabilities c")
                    .append(" WHERE c.agent_id = a.id AND c.capability = ?)");
            parameters.add(capability);
        }
        if (!capabilities.isEmpty() && query.protocol().isPresent()) {
            sql.append(" AND EXISTS (SELECT 1 FROM agent_protocols p")
                    .append(" WHERE p.agent_id = a.id AND p.protocol = ?)");
            parameters.add(query.protocol().get());
        }
        sql.append(" AND a.visibility = 'public'");
        if (query.status().isPresent() && !statusDone) {
            sql.append(" AND l.status = ?");
            parameters.add(query.status().get());
        }
        if (query.upOnly()) {
            sql.append(" AND l.status IN ").append(UP_STATES);
        }
        if (query.after().isPresent()) {
            var cursor = query.after().get();
            sql.append(" AND (")
                    .append(sortTable)
                    .append(".registered_at < ? OR (")
                    .append(sortTable)
                    .append(".registered_at = ? AND ")
                    .append(sortId)
                    .append(" < ?))");
            parameters.add(cursor.registeredAt());
            parameters.add(cursor.registeredAt());
            parameters.add(cursor.id());
        }
        sql.append(" ORDER BY ")
                .append(sortTable)
                .append(".registered_at DESC, ")
                .append(sortId)
                .append(" DESC");
        sql.append(" LIMIT ?");
        parameters.add(query.limit());
        return database.read(s -> s.query(sql.toString(), this::row, parameters.toArray()));
    }

    private StoredAgent row(ResultSet row) throws SQLException {
        String id = row.getString("id");
        Instant updatedAt = Sql.instant(row, "updated_at");
        ParsedContent cached = parsed.getIfPresent(id);
        AgentCard content;
        if (cached != null && cached.updatedAt().equals(updatedAt)) {
            content = cached.content();
        } else {
            content = Json.read(row.getString("card_json"), AgentCard.class);
            parsed.put(id, new ParsedContent(updatedAt, content));
        }
        return new StoredAgent(
                id,
                row.getString("public_key"),
                row.getString("status"),
                row.getString("visibility"),
                content,
                Sql.instant(row, "registered_at"),
                updatedAt,
                Sql.instant(row, "last_heartbeat"));
    }
}
