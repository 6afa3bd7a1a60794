package io.peerclaw.node.registry;

import io.peerclaw.node.storage.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of reading registered agents: one by id, the public listing, the callable page. */
final class AgentReadStore {
    private final AgentRowStore rows;
    private final Database database;

    AgentReadStore(AgentRowStore rows) {
        this.rows = rows;
        this.database = rows.database();
    }

    Optional<StoredAgent> find(String id) {
        return rows.find(id);
    }

    /**
     * Public agents matching the query, newest registration first. The most selective condition
     * picks the table whose index is read in order (a capability, else the protocol, else the
     * status, else all agents); the other conditions filter the rows it yields.
     */
    List<StoredAgent> page(AgentQuery query) {
        var sql = new StringBuilder("SELECT ").append(AgentRowStore.COLUMNS);
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
            sql.append(AgentRowStore.FROM_AGENTS).append(" WHERE 1 = 1");
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
        sql.append(" AND a.visibility = 'public' AND a.suspended_at IS NULL");
        if (query.status().isPresent() && !statusDone) {
            sql.append(" AND l.status = ?");
            parameters.add(query.status().get());
        }
        if (query.upOnly()) {
            sql.append(" AND l.status IN ").append(AgentRowStore.UP_STATES);
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
        return database.read(s -> s.query(sql.toString(), rows::row, parameters.toArray()));
    }

    /**
     * Agents a caller may call, in two sections each ordered by name: first the {@code first}
     * section (the agents of {@code reach.firstOwner()} and {@code reach.self()}, any visibility),
     * then everything else the reach opens. Suspended agents are in neither; pending cards are not
     * agents yet. Paged by offset over both sections together.
     */
    List<StoredAgent> callable(AgentReads.Reach reach, Instant now, int offset, int limit) {
        var first = firstSection(reach);
        var found = new ArrayList<StoredAgent>();
        long firstCount = 0;
        if (first.isPresent()) {
            var condition = first.get();
            firstCount =
                    database.read(
                            sql ->
                                    sql.count(
                                            "SELECT COUNT(*) FROM agents a WHERE a.suspended_at IS"
                                                    + " NULL AND "
                                                    + condition.where(),
                                            condition.parameters().toArray()));
            if (offset < firstCount) {
                found.addAll(
                        byName(
                                "a.suspended_at IS NULL AND " + condition.where(),
                                condition.parameters(),
                                offset,
                                limit));
            }
        }
        int remaining = limit - found.size();
        if (remaining > 0) {
            var rest = restSection(reach, now);
            found.addAll(
                    byName(
                            rest.where(),
                            rest.parameters(),
                            (int) Math.max(0, offset - firstCount),
                            remaining));
        }
        return found;
    }

    private record Condition(String where, List<Object> parameters) {}

    private static Optional<Condition> firstSection(AgentReads.Reach reach) {
        var terms = new ArrayList<String>();
        var parameters = new ArrayList<Object>();
        if (reach.firstOwner() != null) {
            terms.add("a.owner_user_id = ?");
            parameters.add(reach.firstOwner());
        }
        if (reach.self() != null) {
            terms.add("a.id = ?");
            parameters.add(reach.self());
        }
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Condition("(" + String.join(" OR ", terms) + ")", parameters));
    }

    private static Condition restSection(AgentReads.Reach reach, Instant now) {
        var where = new StringBuilder("a.suspended_at IS NULL");
        var parameters = new ArrayList<Object>();
        if (reach.firstOwner() != null) {
            where.append(" AND (a.owner_user_id IS NULL OR a.owner_user_id <> ?)");
            parameters.add(reach.firstOwner());
        }
        if (reach.self() != null) {
            where.append(" AND a.id <> ?");
            parameters.add(reach.self());
        }
        where.append(" AND ((a.visibility = 'public'");
        if (reach.playgroundOnly()) {
            where.append(" AND a.playground_enabled");
        }
        where.append(")");
        if (reach.grantee() != null) {
            // A grant is the provider console's row; reading it here keeps the page one statement.
            where.append(
                    " OR (a.visibility = 'private' AND a.id IN (SELECT r.agent_id FROM"
                            + " access_requests r WHERE r.user_id = ? AND r.status = 'approved'"
                            + " AND (r.expires_at IS NULL OR r.expires_at > ?)))");
            parameters.add(reach.grantee());
            parameters.add(now);
        }
        where.append(")");
        return new Condition(where.toString(), parameters);
    }

    /** One page of agents matching the condition, by name (then id), read in name order. */
    private List<StoredAgent> byName(String where, List<Object> parameters, int offset, int limit) {
        var all = new ArrayList<>(parameters);
        all.add(limit);
        all.add(offset);
        return database.read(
                sql ->
                        sql.query(
                                "SELECT "
                                        + AgentRowStore.COLUMNS
                                        + AgentRowStore.FROM_AGENTS
                                        + " WHERE "
                                        + where
                                        + " ORDER BY a.name, a.id LIMIT ? OFFSET ?",
                                rows::row,
                                all.toArray()));
    }
}
