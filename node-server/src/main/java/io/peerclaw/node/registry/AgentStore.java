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
                    + " a.updated_at, l.last_heartbeat, a.owner_user_id, a.playground_enabled,"
                    + " a.public_endpoint, a.verified, a.reputation_score, a.suspended_at,"
                    + " a.suspended_reason";
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
     * Creates the agent, or replaces its card keeping its registration time and everything the node
     * keeps about it. {@code owner} (may be null) becomes the owner of an unowned agent; empty when
     * the agent belongs to another account, which nothing here may change. A proven registration
     * discards a provider's pending card for the same key. A concurrent first registration of the
     * same key loses the insert race with a unique violation; callers retry.
     */
    Optional<Upserted> upsert(StoredAgent candidate, String owner) {
        return database.inTransaction(
                sql -> {
                    Optional<StoredAgent> existing = find(sql, candidate.id(), true);
                    if (existing.isEmpty()) {
                        var created =
                                (candidate.visibility() == null
                                                ? candidate.withVisibility("public")
                                                : candidate)
                                        .withStewardship(Stewardship.NEW.withOwner(owner));
                        insert(sql, created);
                        sql.update("DELETE FROM pending_agents WHERE id = ?", candidate.id());
                        return Optional.of(new Upserted(created, true));
                    }
                    Stewardship kept = existing.get().stewardship();
                    if (owner != null && kept.ownerUserId() != null && !kept.ownedBy(owner)) {
                        return Optional.empty();
                    }
                    if (kept.ownerUserId() == null && owner != null) {
                        kept = kept.withOwner(owner);
                    }
                    if (!sameEndpoint(existing.get().content(), candidate.content())) {
                        kept = kept.unverified();
                    }
                    var updated =
                            new StoredAgent(
                                    candidate.id(),
                                    candidate.publicKey(),
                                    candidate.status(),
                                    candidate.visibility() == null
                                            ? existing.get().visibility()
                                            : candidate.visibility(),
                                    candidate.content(),
                                    existing.get().registeredAt(),
                                    candidate.updatedAt(),
                                    candidate.lastHeartbeat(),
                                    kept);
                    replace(sql, updated);
                    return Optional.of(new Upserted(updated, false));
                });
    }

    /** What an owner may change besides the card; absent fields stay as they are. */
    record SettingsChange(
            Optional<String> visibility,
            Optional<Boolean> playgroundEnabled,
            Optional<Boolean> publicEndpoint) {}

    /**
     * Applies an owner's change under a row lock. Empty when the agent is gone or not owned by
     * {@code owner}. A new endpoint URL clears verification: the proof was for the old one.
     */
    Optional<StoredAgent> updateOwned(
            String id,
            String owner,
            java.util.function.UnaryOperator<AgentCard> change,
            SettingsChange settings,
            Instant now) {
        return database.inTransaction(
                sql -> {
                    Optional<StoredAgent> found = find(sql, id, true);
                    if (found.isEmpty() || !found.get().stewardship().ownedBy(owner)) {
                        return Optional.<StoredAgent>empty();
                    }
                    StoredAgent existing = found.get();
                    AgentCard content = change.apply(existing.content());
                    Stewardship old = existing.stewardship();
                    var kept =
                            new Stewardship(
                                    old.ownerUserId(),
                                    settings.playgroundEnabled().orElse(old.playgroundEnabled()),
                                    settings.publicEndpoint().orElse(old.publicEndpoint()),
                                    old.verified(),
                                    old.reputationScore(),
                                    old.suspendedAt(),
                                    old.suspendedReason());
                    if (!sameEndpoint(existing.content(), content)) {
                        kept = kept.unverified();
                    }
                    var updated =
                            new StoredAgent(
                                    id,
                                    existing.publicKey(),
                                    existing.status(),
                                    settings.visibility().orElse(existing.visibility()),
                                    content,
                                    existing.registeredAt(),
                                    now,
                                    existing.lastHeartbeat(),
                                    kept);
                    replace(sql, updated);
                    return Optional.of(updated);
                });
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

    /** The owner's agents, newest registration first, after the cursor. */
    List<StoredAgent> ownedBy(String owner, Optional<AgentQuery.Cursor> after, int limit) {
        var sql =
                new StringBuilder("SELECT ")
                        .append(COLUMNS)
                        .append(FROM_AGENTS)
                        .append(" WHERE a.owner_user_id = ?");
        var parameters = new ArrayList<Object>();
        parameters.add(owner);
        return newestFirst(sql, parameters, after, limit);
    }

    /** Every agent, for admins: name or id search, protocol, status and suspension filters. */
    List<StoredAgent> adminPage(
            Optional<String> search,
            Optional<String> protocol,
            Optional<String> status,
            Optional<Boolean> suspended,
            Optional<AgentQuery.Cursor> after,
            int limit) {
        var sql =
                new StringBuilder("SELECT ")
                        .append(COLUMNS)
                        .append(FROM_AGENTS)
                        .append(" WHERE 1 = 1");
        var parameters = new ArrayList<Object>();
        search.ifPresent(
                text -> {
                    sql.append(" AND (LOWER(a.name) LIKE ? ESCAPE '!' OR a.id = ?)");
                    parameters.add(
                            "%"
                                    + text.toLowerCase(java.util.Locale.ROOT)
                                            .replace("!", "!!")
                                            .replace("%", "!%")
                                            .replace("_", "!_")
                                    + "%");
                    parameters.add(text);
                });
        protocol.ifPresent(
                p -> {
                    sql.append(
                            " AND EXISTS (SELECT 1 FROM agent_protocols p WHERE p.agent_id = a.id"
                                    + " AND p.protocol = ?)");
                    parameters.add(p);
                });
        status.ifPresent(
                st -> {
                    sql.append(" AND l.status = ?");
                    parameters.add(st);
                });
        suspended.ifPresent(
                flag ->
                        sql.append(
                                flag
                                        ? " AND a.suspended_at IS NOT NULL"
                                        : " AND a.suspended_at IS NULL"));
        return newestFirst(sql, parameters, after, limit);
    }

    /** Runs a query over agents newest registration first, after the cursor, one page long. */
    private List<StoredAgent> newestFirst(
            StringBuilder sql,
            List<Object> parameters,
            Optional<AgentQuery.Cursor> after,
            int limit) {
        after.ifPresent(
                cursor -> {
                    sql.append(" AND (a.registered_at < ? OR (a.registered_at = ? AND a.id < ?))");
                    parameters.add(cursor.registeredAt());
                    parameters.add(cursor.registeredAt());
                    parameters.add(cursor.id());
                });
        sql.append(" ORDER BY a.registered_at DESC, a.id DESC LIMIT ?");
        parameters.add(limit);
        return database.read(s -> s.query(sql.toString(), this::row, parameters.toArray()));
    }

    /**
     * Agents a caller may call, in two sections each ordered by name: first the {@code first}
     * section (the agents of {@code reach.firstOwner()} and {@code reach.self()}, any visibility),
     * then everything else the reach opens. Suspended agents are in neither; pending cards are not
     * agents yet. Paged by offset over both sections together.
     */
    List<StoredAgent> callable(AgentRegistry.Reach reach, Instant now, int offset, int limit) {
        var first = firstSection(reach);
        var rows = new ArrayList<StoredAgent>();
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
                rows.addAll(
                        byName(
                                "a.suspended_at IS NULL AND " + condition.where(),
                                condition.parameters(),
                                offset,
                                limit));
            }
        }
        int remaining = limit - rows.size();
        if (remaining > 0) {
            var rest = restSection(reach, now);
            rows.addAll(
                    byName(
                            rest.where(),
                            rest.parameters(),
                            (int) Math.max(0, offset - firstCount),
                            remaining));
        }
        return rows;
    }

    private record Condition(String where, List<Object> parameters) {}

    private static Optional<Condition> firstSection(AgentRegistry.Reach reach) {
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

    private static Condition restSection(AgentRegistry.Reach reach, Instant now) {
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
                                        + COLUMNS
                                        + FROM_AGENTS
                                        + " WHERE "
                                        + where
                                        + " ORDER BY a.name, a.id LIMIT ? OFFSET ?",
                                this::row,
                                all.toArray()));
    }

    /** Node-wide counts for the admin overview. */
    record NodeCounts(long agents, long up, long verified, long suspended, long hidden) {}

    NodeCounts nodeCounts() {
        return database.read(
                sql ->
                        sql.queryOne(
                                        "SELECT COUNT(*), SUM(CASE WHEN l.status IN "
                                                + UP_STATES
                                                + " THEN 1 ELSE 0 END), SUM(CASE WHEN a.verified"
                                                + " THEN 1 ELSE 0 END), SUM(CASE WHEN"
                                                + " a.suspended_at IS NOT NULL THEN 1 ELSE 0 END),"
                                                + " SUM(CASE WHEN a.visibility = 'private' THEN 1"
                                                + " ELSE 0 END)"
                                                + FROM_AGENTS,
                                        row ->
                                                new NodeCounts(
                                                        row.getLong(1),
                                                        row.getLong(2),
                                                        row.getLong(3),
                                                        row.getLong(4),
                                                        row.getLong(5)))
                                .orElseThrow());
    }

    /** Counts for an owner's overview. */
    record OwnerCounts(long agents, long up, long verified, long suspended, double reputation) {}

    OwnerCounts ownerCounts(String owner) {
        return database.read(
                sql ->
                        sql.queryOne(
                                        "SELECT COUNT(*), SUM(CASE WHEN l.status IN "
                                                + UP_STATES
                                                + " THEN 1 ELSE 0 END), SUM(CASE WHEN a.verified"
                                                + " THEN 1 ELSE 0 END), SUM(CASE WHEN"
                                                + " a.suspended_at IS NOT NULL THEN 1 ELSE 0 END),"
                                                + " AVG(a.reputation_score)"
                                                + FROM_AGENTS
                                                + " WHERE a.owner_user_id = ?",
                                        row ->
                                                new OwnerCounts(
                                                        row.getLong(1),
                                                        row.getLong(2),
                                                        row.getLong(3),
                                                        row.getLong(4),
                                                        row.getObject(5) == null
                                                                ? 0
                                                                : row.getDouble(5)),
                                        owner)
                                .orElseThrow());
    }

    // ------------------------------------------------------------------ pending registrations

    /** A card a provider posted for a key it does not hold. */
    record PendingRow(
            String id,
            String publicKey,
            String ownerUserId,
            AgentCard content,
            Instant createdAt,
            Instant expiresAt) {}

    /** What posting a pending card led to. */
    enum PendingOutcome {
        SAVED,
        ALREADY_REGISTERED,
        PENDING_FOR_ANOTHER,
        TOO_MANY
    }

    PendingOutcome savePending(PendingRow row, int maxPerOwner, Instant now) {
        return database.inTransaction(
                sql -> {
                    if (sql.count("SELECT COUNT(*) FROM agents WHERE id = ?", row.id()) > 0) {
                        return PendingOutcome.ALREADY_REGISTERED;
                    }
                    // The owner's row lock makes concurrent posts count each other.
                    sql.queryOne(
                            "SELECT id FROM users WHERE id = ? FOR UPDATE",
                            r -> r.getString(1),
                            row.ownerUserId());
                    if (sql.count(
                                    "SELECT COUNT(*) FROM pending_agents WHERE owner_user_id = ?"
                                            + " AND expires_at > ? AND id <> ?",
                                    row.ownerUserId(),
                                    now,
                                    row.id())
                            >= maxPerOwner) {
                        return PendingOutcome.TOO_MANY;
                    }
                    sql.update(
                            "DELETE FROM pending_agents WHERE id = ? AND expires_at <= ?",
                            row.id(),
                            now);
                    Optional<String> holder =
                            sql.queryOne(
                                    "SELECT owner_user_id FROM pending_agents WHERE id = ? FOR"
                                            + " UPDATE",
                                    r -> r.getString(1),
                                    row.id());
                    if (holder.isPresent() && !holder.get().equals(row.ownerUserId())) {
                        return PendingOutcome.PENDING_FOR_ANOTHER;
                    }
                    if (holder.isPresent()) {
                        sql.update(
                                "UPDATE pending_agents SET card_json = ?, created_at = ?,"
                                        + " expires_at = ? WHERE id = ?",
                                Json.text(row.content()),
                                row.createdAt(),
                                row.expiresAt(),
                                row.id());
                    } else {
                        sql.update(
                                "INSERT INTO pending_agents (id, public_key, owner_user_id,"
                                        + " card_json, created_at, expires_at) VALUES (?, ?, ?, ?,"
                                        + " ?, ?)",
                                row.id(),
                                row.publicKey(),
                                row.ownerUserId(),
                                Json.text(row.content()),
                                row.createdAt(),
                                row.expiresAt());
                    }
                    return PendingOutcome.SAVED;
                });
    }

    Optional<PendingRow> pending(String id, Instant now) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT id, public_key, owner_user_id, card_json, created_at,"
                                        + " expires_at FROM pending_agents WHERE id = ? AND"
                                        + " expires_at > ?",
                                AgentStore::pendingRow,
                                id,
                                now));
    }

    List<PendingRow> pendingOf(String owner, Instant now) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT id, public_key, owner_user_id, card_json, created_at,"
                                        + " expires_at FROM pending_agents WHERE owner_user_id = ?"
                                        + " AND expires_at > ? ORDER BY created_at DESC, id DESC",
                                AgentStore::pendingRow,
                                owner,
                                now));
    }

    boolean deletePending(String id, String owner) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "DELETE FROM pending_agents WHERE id = ? AND"
                                                + " owner_user_id = ?",
                                        id,
                                        owner))
                > 0;
    }

    int deleteExpiredPending(Instant now) {
        return database.inTransaction(
                sql -> sql.update("DELETE FROM pending_agents WHERE expires_at <= ?", now));
    }

    /**
     * Turns a live pending card into a registered agent owned by its provider, once the key holder
     * has signed a request. Empty when there is nothing pending (or the agent registered first).
     */
    Optional<StoredAgent> activatePending(String id, String status, Instant now) {
        return database.inTransaction(
                sql -> {
                    Optional<PendingRow> pending =
                            sql.queryOne(
                                    "SELECT id, public_key, owner_user_id, card_json, created_at,"
                                            + " expires_at FROM pending_agents WHERE id = ? AND"
                                            + " expires_at > ? FOR UPDATE",
                                    AgentStore::pendingRow,
                                    id,
                                    now);
                    if (pending.isEmpty()
                            || sql.count("SELECT COUNT(*) FROM agents WHERE id = ?", id) > 0) {
                        return Optional.<StoredAgent>empty();
                    }
                    var row = pending.get();
                    String visibility =
                            row.content().visibility() == null
                                    ? "public"
                                    : row.content().visibility();
                    var agent =
                            new StoredAgent(
                                    id,
                                    row.publicKey(),
                                    status,
                                    visibility,
                                    row.content().withServerFields(null, null, null, null, null),
                                    now,
                                    now,
                                    now,
                                    Stewardship.NEW.withOwner(row.ownerUserId()));
                    insert(sql, agent);
                    sql.update("DELETE FROM pending_agents WHERE id = ?", id);
                    return Optional.of(agent);
                });
    }

    private static PendingRow pendingRow(ResultSet row) throws SQLException {
        return new PendingRow(
                row.getString("id"),
                row.getString("public_key"),
                row.getString("owner_user_id"),
                Json.read(row.getString("card_json"), AgentCard.class),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "expires_at"));
    }

    private static boolean sameEndpoint(AgentCard before, AgentCard after) {
        String a = before.endpoint() == null ? null : before.endpoint().url();
        String b = after.endpoint() == null ? null : after.endpoint().url();
        return java.util.Objects.equals(a, b);
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
                                                    heartbeat,
                                                    existing.stewardship());
                                        }));
    }

    private void insert(Sql sql, StoredAgent agent) {
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

    private void replace(Sql sql, StoredAgent agent) {
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
        sql.append(" AND a.visibility = 'public' AND a.suspended_at IS NULL");
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
