package io.peerclaw.node.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Filtered;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent rows every store of the registry reads and writes: the columns read, the row mapping,
 * and the writes of a whole agent. The card's content is kept as JSON; the columns hold what
 * queries filter and sort on, and the capability and protocol tables repeat the sort key so that a
 * filtered page is read in index order.
 */
final class AgentRowStore {
    static final String COLUMNS =
            "a.id, a.public_key, l.status, a.visibility, a.card_json, a.registered_at,"
                    + " a.updated_at, l.last_heartbeat, a.owner_user_id, a.playground_enabled,"
                    + " a.public_endpoint, a.verified, a.reputation_score, a.suspended_at,"
                    + " a.suspended_reason";
    static final String FROM_AGENTS = " FROM agents a JOIN agent_liveness l ON l.agent_id = a.id";
    static final String UP_STATES = "('online', 'busy', 'degraded')";

    private final Database database;

    /**
     * Parsed card content by agent id, valid while {@code updated_at} is unchanged: a page of fifty
     * agents would otherwise parse fifty JSON documents per request.
     */
    private final Cache<String, ParsedContent> parsed =
            Caffeine.newBuilder().maximumSize(200_000).build();

    private record ParsedContent(Instant updatedAt, AgentCard content) {}

    AgentRowStore(Database database) {
        this.database = database;
    }

    Database database() {
        return database;
    }

    Optional<StoredAgent> find(String id) {
        return database.read(sql -> find(sql, id, false));
    }

    Optional<StoredAgent> find(Sql sql, String id, boolean forUpdate) {
        return sql.queryOne(
                "SELECT "
                        + COLUMNS
                        + FROM_AGENTS
                        + " WHERE a.id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""),
                this::row,
                id);
    }

    /** Drops the parsed content of a deleted agent. */
    void forget(String id) {
        parsed.invalidate(id);
    }

    /** Agents matching the filter, newest registration first, after the cursor, one page long. */
    List<StoredAgent> newestFirst(Filtered filter, Optional<AgentQuery.Cursor> after, int limit) {
        var page =
                filter.newestFirst(
                        "a.registered_at",
                        "a.id",
                        after.map(AgentQuery.Cursor::registeredAt),
                        after.map(AgentQuery.Cursor::id),
                        limit);
        return database.read(
                s ->
                        s.query(
                                "SELECT " + COLUMNS + FROM_AGENTS + page.sql(),
                                this::row,
                                page.parameters()));
    }

    static boolean sameEndpoint(AgentCard before, AgentCard after) {
        String a = before.endpoint() == null ? null : before.endpoint().url();
        String b = after.endpoint() == null ? null : after.endpoint().url();
        return Objects.equals(a, b);
    }

    void insert(Sql sql, StoredAgent agent) {
        sql.update(
                """
                INSERT INTO agents (id, public_key, name, visibility, card_json, registered_at, updated_at,
                    owner_user_id, playground_enabled, public_endpoint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                agent.id(),
                agent.publicKey(),
                agent.content().name(),
                agent.visibility(),
                Json.text(agent.content()),
                agent.registeredAt(),
                agent.updatedAt(),
                agent.stewardship().ownerUserId(),
                agent.stewardship().playgroundEnabled(),
                agent.stewardship().publicEndpoint());
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

    void replace(Sql sql, StoredAgent agent) {
        sql.update(
                """
                UPDATE agents SET name = ?, visibility = ?, card_json = ?, updated_at = ?,
                    owner_user_id = ?, playground_enabled = ?, public_endpoint = ?, verified = ?,
                    verified_at = CASE WHEN ? THEN verified_at END
                WHERE id = ?
                """,
                agent.content().name(),
                agent.visibility(),
                Json.text(agent.content()),
                agent.updatedAt(),
                agent.stewardship().ownerUserId(),
                agent.stewardship().playgroundEnabled(),
                agent.stewardship().publicEndpoint(),
                agent.stewardship().verified(),
                agent.stewardship().verified(),
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

    StoredAgent row(ResultSet row) throws SQLException {
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
                Sql.instant(row, "last_heartbeat"),
                new Stewardship(
                        row.getString("owner_user_id"),
                        row.getBoolean("playground_enabled"),
                        row.getBoolean("public_endpoint"),
                        row.getBoolean("verified"),
                        row.getDouble("reputation_score"),
                        Sql.instant(row, "suspended_at"),
                        row.getString("suspended_reason")));
    }
}
