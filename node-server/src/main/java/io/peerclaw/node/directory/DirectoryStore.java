package io.peerclaw.node.directory;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory's reads: listings, listed agents, their cards and categories, and review pages. It
 * reads the registry's tables (never writes them); categories are written by {@link CategoryStore}
 * and the search index by {@link SearchIndexStore}.
 *
 * <p>A listing is one statement whose shape the caller chooses (see {@link QueryPlan}): either the
 * sort order's index is read in order and each row checked against the filters, or the smallest
 * filter set is read and only its rows sorted. Visibility and suspension are checked in the
 * statement itself, never through the index, so they take effect at once.
 */
final class DirectoryStore {
    /** Bounded counts stop here: beyond it a filter is no use as the starting set anyway. */
    static final int COUNT_CAP = 5_000;

    private static final String ROW_COLUMNS =
            "a.id, a.name, a.registered_at, a.updated_at, a.reputation_score, a.verified,"
                    + " a.public_endpoint, l.status, l.last_heartbeat";
    private static final String LISTED = " a.visibility = 'public' AND a.suspended_at IS NULL";

    private final Database database;

    DirectoryStore(Database database) {
        this.database = database;
    }

    /** The node-kept columns of a listed agent; its card comes from {@link #cards}. */
    record Row(
            String id,
            String name,
            Instant registeredAt,
            Instant updatedAt,
            double reputationScore,
            boolean verified,
            boolean publicEndpoint,
            String status,
            Instant lastHeartbeat,
            long calls) {}

    /** A set of agents a filter names, read through an index. */
    record SetFilter(Kind kind, String value, String upper) {
        enum Kind {
            CAPABILITY,
            PROTOCOL,
            CATEGORY,
            /** Agents with a liveness status; a set like the others, so few online is cheap. */
            STATUS,
            TERM,
            PREFIX
        }

        static SetFilter of(Kind kind, String value) {
            return new SetFilter(kind, value, null);
        }

        /**
         * A check of one candidate, named by the column {@code candidate}. On PostgreSQL it is
         * written so that it stays a probe through the agent's own rows: {@code OFFSET 0} stops the
         * planner from turning it into a join that reads and hashes the whole set (every agent with
         * a common word), and a prefix range is hidden from the term-first index, which the planner
         * otherwise picks for a word it underestimates and then walks the whole range once per
         * candidate.
         */
        private String exists(String alias, String candidate, boolean postgres) {
            String where =
                    switch (kind) {
                        case CAPABILITY -> "agent_capabilities " + alias + " WHERE capability = ?";
                        case PROTOCOL -> "agent_protocols " + alias + " WHERE protocol = ?";
                        case CATEGORY -> "agent_categories " + alias + " WHERE category_id = ?";
                        case STATUS -> "agent_liveness " + alias + " WHERE status = ?";
                        case TERM -> "directory_terms " + alias + " WHERE term = ?";
                        case PREFIX ->
                                postgres
                                        ? "directory_terms "
                                                + alias
                                                + " WHERE (term >= ? AND term < ?) IS TRUE"
                                        : "directory_terms "
                                                + alias
                                                + " WHERE term >= ? AND term < ?";
                    };
            return " AND EXISTS (SELECT 1 FROM "
                    + where
                    + " AND "
                    + alias
                    + ".agent_id = "
                    + candidate
                    + (postgres ? " OFFSET 0" : "")
                    + ")";
        }

        private String source() {
            return switch (kind) {
                case CAPABILITY -> "SELECT agent_id FROM agent_capabilities WHERE capability = ?";
                case PROTOCOL -> "SELECT agent_id FROM agent_protocols WHERE protocol = ?";
                case CATEGORY -> "SELECT agent_id FROM agent_categories WHERE category_id = ?";
                case STATUS -> "SELECT agent_id FROM agent_liveness WHERE status = ?";
                case TERM -> "SELECT agent_id FROM directory_terms WHERE term = ?";
                case PREFIX ->
                        "SELECT DISTINCT agent_id FROM directory_terms WHERE term >= ? AND term"
                                + " < ?";
            };
        }

        private void bind(List<Object> parameters) {
            parameters.add(value);
            if (kind == Kind.PREFIX) {
                parameters.add(upper);
            }
        }
    }

    /** How many agents a filter names, counted up to {@link #COUNT_CAP} + 1. */
    long boundedCount(SetFilter filter) {
        var parameters = new ArrayList<Object>();
        filter.bind(parameters);
        String rows =
                filter.kind() == SetFilter.Kind.PREFIX
                        ? "SELECT 1 FROM directory_terms WHERE term >= ? AND term < ?"
                        : filter.source().replace("SELECT agent_id", "SELECT 1");
        parameters.add(COUNT_CAP + 1);
        return database.read(
                sql ->
                        sql.count(
                                "SELECT COUNT(*) FROM (" + rows + " LIMIT ?) x",
                                parameters.toArray()));
    }

    long agentCount() {
        return database.read(sql -> sql.count("SELECT COUNT(*) FROM agents"));
    }

    /**
     * One page of listed agents, read in two steps: the ids in page order (touching only the
     * columns the filters and the sort need, so every matching candidate costs a few index reads),
     * then the displayed columns of those ids alone.
     *
     * @param sets the set filters, all of which must hold
     * @param driver the set to read first, or null to read the sort order's index
     */
    List<Row> page(ListingQuery query, List<SetFilter> sets, SetFilter driver) {
        return database.read(
                sql -> {
                    var ids = pageIds(sql, query, sets, driver);
                    if (ids.isEmpty()) {
                        return List.of();
                    }
                    var rows = new HashMap<String, Row>();
                    sql.query(
                            "SELECT "
                                    + ROW_COLUMNS
                                    + ", COALESCE(e.calls_7d, 0) AS calls_7d FROM agents a JOIN"
                                    + " agent_liveness l ON l.agent_id = a.id LEFT JOIN"
                                    + " directory_entries e ON e.agent_id = a.id WHERE a.id IN ("
                                    + marks(ids.size())
                                    + ") AND"
                                    + LISTED,
                            r -> rows.put(r.getString("id"), row(r)),
                            ids.toArray());
                    // Page order; an agent hidden between the two reads is left out.
                    var out = new ArrayList<Row>(ids.size());
                    for (String id : ids) {
                        var row = rows.get(id);
                        if (row != null) {
                            out.add(row);
                        }
                    }
                    return out;
                });
    }

    private List<String> pageIds(
            Sql sql, ListingQuery query, List<SetFilter> sets, SetFilter driver) {
        boolean popular = query.sort() == DirectorySort.POPULAR;
        boolean postgres = database.driver() == NodeConfig.Database.Driver.POSTGRES;
        boolean prefixDriver = driver != null && driver.kind() == SetFilter.Kind.PREFIX;
        // Checks against the driving set's own column run before the agent row is read, so
        // only the candidates that pass them cost a lookup in agents.
        boolean joinedDriver = driver != null && !prefixDriver;
        // Without a driving set, popularity is read in its own index order with everything
        // about the agent checked per row: one table in FROM, so no optimizer (H2's flips to a
        // scan of agents once its statistics change) can choose another join order and sort.
        boolean popularScan = popular && driver == null;
        String candidate = joinedDriver ? "d.agent_id" : popularScan ? "e.agent_id" : "a.id";

        var agentConditions = new StringBuilder(LISTED);
        var agentParameters = new ArrayList<Object>();
        query.verified()
                .ifPresent(
                        v -> {
                            agentConditions.append(" AND a.verified = ?");
                            agentParameters.add(v);
                        });
        query.minScore()
                .ifPresent(
                        m -> {
                            agentConditions.append(" AND a.reputation_score >= ?");
                            agentParameters.add(m);
                        });

        var statement = new StringBuilder();
        var parameters = new ArrayList<Object>();
        if (joinedDriver) {
            // A plain join where the set has an index on its key (H2 would read a derived table
            // once per agent).
            String from =
                    switch (driver.kind()) {
                        case CAPABILITY -> "agent_capabilities d";
                        case PROTOCOL -> "agent_protocols d";
                        case CATEGORY -> "agent_categories d";
                        case STATUS -> "agent_liveness d";
                        case TERM -> "directory_terms d";
                        case PREFIX -> throw new IllegalStateException("read through IN below");
                    };
            String key =
                    switch (driver.kind()) {
                        case CAPABILITY -> " AND d.capability = ?";
                        case PROTOCOL -> " AND d.protocol = ?";
                        case CATEGORY -> " AND d.category_id = ?";
                        case STATUS -> " AND d.status = ?";
                        case TERM -> " AND d.term = ?";
                        case PREFIX -> "";
                    };
            statement
                    .append("SELECT a.id FROM ")
                    .append(from)
                    .append(" JOIN agents a ON a.id = d.agent_id")
                    .append(key);
            parameters.add(driver.value());
            if (popular) {
                statement.append(" JOIN directory_entries e ON e.agent_id = a.id");
            }
            statement.append(" WHERE").append(agentConditions);
            parameters.addAll(agentParameters);
        } else if (popularScan) {
            statement
                    .append(
                            "SELECT e.agent_id FROM directory_entries e WHERE EXISTS (SELECT 1"
                                    + " FROM")
                    .append(" agents a WHERE a.id = e.agent_id AND")
                    .append(agentConditions)
                    .append(postgres ? " OFFSET 0)" : ")");
            parameters.addAll(agentParameters);
        } else {
            statement.append("SELECT a.id FROM agents a");
            if (popular) {
                statement.append(" JOIN directory_entries e ON e.agent_id = a.id");
            }
            statement.append(" WHERE").append(agentConditions);
            parameters.addAll(agentParameters);
            if (prefixDriver) {
                // A prefix names its agents through IN, looked up by primary key. Not a derived
                // table: H2 may put it on the inner side and read it once per agent.
                statement.append(" AND a.id IN (").append(driver.source()).append(")");
                driver.bind(parameters);
            }
        }
        int alias = 0;
        for (SetFilter set : sets) {
            if (set != driver) {
                statement.append(set.exists("x" + alias++, candidate, postgres));
                set.bind(parameters);
            }
        }
        String key =
                switch (query.sort()) {
                    case REPUTATION -> "a.reputation_score";
                    case NAME -> "a.name";
                    case REGISTERED_AT -> "a.registered_at";
                    case POPULAR -> "e.calls_7d";
                };
        String id = popular ? "e.agent_id" : "a.id";
        boolean descending = query.sort() != DirectorySort.NAME;
        // REGISTERED_AT runs id Z→A so that the existing (registered_at, id) index reads backwards.
        boolean idDescending = query.sort() == DirectorySort.REGISTERED_AT;
        if (query.after().isPresent()) {
            var cursor = query.after().get();
            // The first condition alone is an index range start; the second excludes the ties
            // already shown.
            statement
                    .append(" AND ")
                    .append(key)
                    .append(descending ? " <= ?" : " >= ?")
                    .append(" AND (")
                    .append(key)
                    .append(descending ? " < ?" : " > ?")
                    .append(" OR ")
                    .append(id)
                    .append(idDescending ? " < ?" : " > ?")
                    .append(")");
            parameters.add(cursor.key());
            parameters.add(cursor.key());
            parameters.add(cursor.id());
        }
        statement
                .append(" ORDER BY ")
                .append(key)
                .append(descending ? " DESC, " : ", ")
                .append(id)
                .append(idDescending ? " DESC" : "")
                .append(" LIMIT ?");
        parameters.add(query.limit());
        return sql.query(statement.toString(), r -> r.getString(1), parameters.toArray());
    }

    /** A listed agent, or empty when it is unknown, private or suspended. */
    Optional<Row> listed(String id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT "
                                        + ROW_COLUMNS
                                        + ", 0 AS calls_7d FROM agents a JOIN agent_liveness l ON"
                                        + " l.agent_id = a.id WHERE a.id = ? AND"
                                        + LISTED,
                                DirectoryStore::row,
                                id));
    }

    boolean isListed(String id) {
        return database.read(
                        sql ->
                                sql.queryOne(
                                        "SELECT 1 FROM agents a WHERE a.id = ? AND" + LISTED,
                                        r -> 1,
                                        id))
                .isPresent();
    }

    private static Row row(ResultSet row) throws SQLException {
        return new Row(
                row.getString("id"),
                row.getString("name"),
                Sql.instant(row, "registered_at"),
                Sql.instant(row, "updated_at"),
                row.getDouble("reputation_score"),
                row.getBoolean("verified"),
                row.getBoolean("public_endpoint"),
                row.getString("status"),
                Sql.instant(row, "last_heartbeat"),
                row.getLong("calls_7d"));
    }

    /** A stored card and the version it belongs to. */
    record StoredCard(String id, Instant updatedAt, AgentCard card) {}

    /** The cards of the given agents (whatever their visibility), in no particular order. */
    List<StoredCard> cards(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return database.read(
                sql ->
                        sql.query(
                                "SELECT id, updated_at, card_json FROM agents WHERE id IN ("
                                        + marks(ids.size())
                                        + ")",
                                r ->
                                        new StoredCard(
                                                r.getString(1),
                                                Sql.instant(r, "updated_at"),
                                                Json.read(r.getString(3), AgentCard.class)),
                                ids.toArray()));
    }

    /** The categories of the given agents, each list in category order. */
    Map<String, List<DirectoryEntry.CategoryRef>> categoriesOf(Collection<String> ids) {
        var out = new HashMap<String, List<DirectoryEntry.CategoryRef>>();
        if (ids.isEmpty()) {
            return out;
        }
        database.read(
                sql ->
                        sql.query(
                                "SELECT ac.agent_id, c.id, c.name, c.slug FROM agent_categories ac"
                                        + " JOIN categories c ON c.id = ac.category_id WHERE"
                                        + " ac.agent_id IN ("
                                        + marks(ids.size())
                                        + ") ORDER BY c.sort_order, c.name",
                                r -> {
                                    out.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                                            .add(
                                                    new DirectoryEntry.CategoryRef(
                                                            r.getString(2),
                                                            r.getString(3),
                                                            r.getString(4)));
                                    return null;
                                },
                                ids.toArray()));
        return out;
    }

    // ---- reviews and reputation

    List<Views.Review> reviews(String agentId, Optional<ReviewCursor> after, int limit) {
        var parameters = new ArrayList<Object>();
        parameters.add(agentId);
        String keyset =
                after.isPresent()
                        ? " AND r.created_at <= ? AND (r.created_at < ? OR r.id < ?)"
                        : "";
        if (after.isPresent()) {
            parameters.add(after.get().createdAt());
            parameters.add(after.get().createdAt());
            parameters.add(after.get().id());
        }
        parameters.add(limit);
        return database.read(
                sql ->
                        sql.query(
                                "SELECT r.id, r.agent_id, r.user_id, u.display_name, r.rating,"
                                        + " r.comment, r.created_at, r.updated_at FROM reviews r"
                                        + " LEFT JOIN users u ON u.id = r.user_id WHERE r.agent_id"
                                        + " = ? AND r.hidden = FALSE"
                                        + keyset
                                        + " ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
                                r ->
                                        new Views.Review(
                                                r.getString(1),
                                                r.getString(2),
                                                r.getString(3),
                                                r.getString(4),
                                                r.getInt(5),
                                                r.getString(6),
                                                Sql.instant(r, "created_at"),
                                                Sql.instant(r, "updated_at")),
                                parameters.toArray()));
    }

    record ReviewCursor(Instant createdAt, String id) {}

    /** Visible reviews per rating, 1 to 5, read from the ratings index. */
    long[] ratingCounts(String agentId) {
        long[] counts = new long[5];
        database.read(
                sql ->
                        sql.query(
                                "SELECT rating, COUNT(*) FROM reviews WHERE agent_id = ? AND"
                                        + " hidden = FALSE GROUP BY rating",
                                r -> {
                                    int rating = r.getInt(1);
                                    if (rating >= 1 && rating <= 5) {
                                        counts[rating - 1] = r.getLong(2);
                                    }
                                    return null;
                                },
                                agentId));
        return counts;
    }

    static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
