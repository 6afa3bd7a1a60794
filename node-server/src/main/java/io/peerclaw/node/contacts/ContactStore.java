package io.peerclaw.node.contacts;

import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.protocol.api.Contacts.Contact;
import io.peerclaw.shared.protocol.api.Contacts.ContactRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** All SQL of contacts and contact requests. */
final class ContactStore {
    private static final String CONTACT_COLUMNS = "contact_agent_id, alias, expires_at, created_at";
    private static final String REQUEST_COLUMNS =
            "id, from_agent_id, to_agent_id, status, message, reject_reason, created_at,"
                    + " updated_at";

    private final Database database;

    ContactStore(Database database) {
        this.database = database;
    }

    /** Whether {@code to} lists {@code from} and the entry has not expired. */
    boolean lists(String to, String from, Instant now) {
        return listedUntil(to, from, now).isPresent();
    }

    /**
     * Until when {@code to} lists {@code from} ({@link Instant#MAX} for no end), or empty when it
     * does not, or no longer does.
     */
    Optional<Instant> listedUntil(String to, String from, Instant now) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT expires_at FROM agent_contacts WHERE owner_agent_id = ?"
                                        + " AND contact_agent_id = ? AND (expires_at IS NULL OR"
                                        + " expires_at > ?)",
                                row -> {
                                    Instant until = Sql.instant(row, "expires_at");
                                    return until == null ? Instant.MAX : until;
                                },
                                to,
                                from,
                                now));
    }

    /** Every contact of {@code owner}, newest first. */
    List<Contact> contactsOf(String owner) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT "
                                        + CONTACT_COLUMNS
                                        + " FROM agent_contacts WHERE owner_agent_id = ? ORDER BY"
                                        + " created_at DESC, contact_agent_id",
                                ContactStore::contact,
                                owner));
    }

    /** What adding a contact did. */
    sealed interface Added {
        record Created(Contact contact) implements Added {}

        record Updated(Contact contact) implements Added {}

        /** The list already holds {@code limit} agents. */
        record Full(int limit) implements Added {}
    }

    /**
     * Adds {@code contact} to {@code owner}'s list, or replaces the alias and expiry of the entry
     * already there (the call is idempotent by contact).
     */
    Added add(String owner, String contact, String alias, Instant expiresAt, Instant now, int max) {
        return database.inTransactionRacing(
                sql -> {
                    lockAgent(sql, owner);
                    Optional<Contact> existing = find(sql, owner, contact);
                    if (existing.isPresent()) {
                        sql.update(
                                "UPDATE agent_contacts SET alias = ?, expires_at = ? WHERE"
                                        + " owner_agent_id = ? AND contact_agent_id = ?",
                                alias,
                                expiresAt,
                                owner,
                                contact);
                        return new Added.Updated(
                                new Contact(contact, alias, expiresAt, existing.get().createdAt()));
                    }
                    long held =
                            sql.count(
                                    "SELECT COUNT(*) FROM agent_contacts WHERE owner_agent_id"
                                            + " = ?",
                                    owner);
                    if (held >= max) {
                        return new Added.Full(max);
                    }
                    insert(sql, owner, contact, alias, expiresAt, now);
                    return new Added.Created(new Contact(contact, alias, expiresAt, now));
                });
    }

    boolean remove(String owner, String contact) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "DELETE FROM agent_contacts WHERE owner_agent_id = ? AND"
                                                + " contact_agent_id = ?",
                                        owner,
                                        contact))
                > 0;
    }

    /** What asking to become a contact did. */
    sealed interface Asked {
        /** A new request, or a decided one opened again. */
        record Opened(ContactRequest request) implements Asked {}

        /** The same request, still pending. */
        record AlreadyPending(ContactRequest request) implements Asked {}

        /** The asking agent already has {@code limit} requests pending. */
        record TooManyPending(int limit) implements Asked {}
    }

    Asked ask(String id, String from, String to, String message, Instant now, int maxPending) {
        return database.inTransactionRacing(
                sql -> {
                    // One asking agent at a time, so the pending count below holds.
                    lockAgent(sql, from);
                    Optional<ContactRequest> existing =
                            sql.queryOne(
                                    "SELECT "
                                            + REQUEST_COLUMNS
                                            + " FROM agent_contact_requests WHERE"
                                            + " from_agent_id = ? AND to_agent_id = ?",
                                    ContactStore::request,
                                    from,
                                    to);
                    if (existing.isPresent() && existing.get().status().equals("pending")) {
                        return new Asked.AlreadyPending(existing.get());
                    }
                    long pending =
                            sql.count(
                                    "SELECT COUNT(*) FROM agent_contact_requests WHERE"
                                            + " from_agent_id = ? AND status = 'pending'",
                                    from);
                    if (pending >= maxPending) {
                        return new Asked.TooManyPending(maxPending);
                    }
                    if (existing.isPresent()) {
                        var old = existing.get();
                        sql.update(
                                "UPDATE agent_contact_requests SET status = 'pending',"
                                        + " message = ?, reject_reason = '', created_at = ?,"
                                        + " updated_at = ? WHERE id = ?",
                                message,
                                now,
                                now,
                                old.id());
                        return new Asked.Opened(
                                new ContactRequest(
                                        old.id(), from, to, "pending", message, "", now, now));
                    }
                    sql.update(
                            "INSERT INTO agent_contact_requests (id, from_agent_id,"
                                    + " to_agent_id, status, message, created_at, updated_at)"
                                    + " VALUES (?, ?, ?, 'pending', ?, ?, ?)",
                            id,
                            from,
                            to,
                            message,
                            now,
                            now);
                    return new Asked.Opened(
                            new ContactRequest(id, from, to, "pending", message, "", now, now));
                });
    }

    /** Requests sent to ({@code incoming}) or by an agent, newest first. */
    List<ContactRequest> requests(
            String agent, boolean incoming, Optional<String> status, int limit) {
        String side = incoming ? "to_agent_id" : "from_agent_id";
        return database.read(
                sql ->
                        status.isPresent()
                                ? sql.query(
                                        "SELECT "
                                                + REQUEST_COLUMNS
                                                + " FROM agent_contact_requests WHERE "
                                                + side
                                                + " = ? AND status = ? ORDER BY created_at DESC,"
                                                + " id FETCH FIRST ? ROWS ONLY",
                                        ContactStore::request,
                                        agent,
                                        status.get(),
                                        limit)
                                : sql.query(
                                        "SELECT "
                                                + REQUEST_COLUMNS
                                                + " FROM agent_contact_requests WHERE "
                                                + side
                                                + " = ? ORDER BY created_at DESC, id FETCH FIRST ?"
                                                + " ROWS ONLY",
                                        ContactStore::request,
                                        agent,
                                        limit));
    }

    /** What answering a request did. */
    sealed interface Decided {
        record Done(ContactRequest request) implements Decided {}

        /** No such request was sent to this agent. */
        record Unknown() implements Decided {}

        /** It was answered before; {@code request} says how. */
        record AlreadyDecided(ContactRequest request) implements Decided {}
    }

    /**
     * Answers a pending request sent to {@code to}. Approval lists each agent in the other's
     * contacts (an entry already there stays, its expiry lifted).
     */
    Decided decide(String to, String requestId, boolean approve, String reason, Instant now) {
        return database.inTransactionRacing(
                sql -> {
                    Optional<ContactRequest> found =
                            sql.queryOne(
                                    "SELECT "
                                            + REQUEST_COLUMNS
                                            + " FROM agent_contact_requests WHERE id = ? AND"
                                            + " to_agent_id = ? FOR UPDATE",
                                    ContactStore::request,
                                    requestId,
                                    to);
                    if (found.isEmpty()) {
                        return new Decided.Unknown();
                    }
                    var request = found.get();
                    if (!request.status().equals("pending")) {
                        return new Decided.AlreadyDecided(request);
                    }
                    String status = approve ? "approved" : "rejected";
                    sql.update(
                            "UPDATE agent_contact_requests SET status = ?, reject_reason = ?,"
                                    + " updated_at = ? WHERE id = ?",
                            status,
                            approve ? "" : reason,
                            now,
                            requestId);
                    if (approve) {
                        befriend(sql, request.toAgentId(), request.fromAgentId(), now);
                        befriend(sql, request.fromAgentId(), request.toAgentId(), now);
                    }
                    return new Decided.Done(
                            new ContactRequest(
                                    request.id(),
                                    request.fromAgentId(),
                                    request.toAgentId(),
                                    status,
                                    request.message(),
                                    approve ? "" : reason,
                                    request.createdAt(),
                                    now));
                });
    }

    private static void befriend(Sql sql, String owner, String contact, Instant now) {
        int lifted =
                sql.update(
                        "UPDATE agent_contacts SET expires_at = NULL WHERE owner_agent_id = ? AND"
                                + " contact_agent_id = ?",
                        owner,
                        contact);
        if (lifted == 0) {
            insert(sql, owner, contact, "", null, now);
        }
    }

    private static void insert(
            Sql sql, String owner, String contact, String alias, Instant expiresAt, Instant now) {
        sql.update(
                "INSERT INTO agent_contacts (owner_agent_id, contact_agent_id, alias, expires_at,"
                        + " created_at) VALUES (?, ?, ?, ?, ?)",
                owner,
                contact,
                alias,
                expiresAt,
                now);
    }

    private static Optional<Contact> find(Sql sql, String owner, String contact) {
        return sql.queryOne(
                "SELECT "
                        + CONTACT_COLUMNS
                        + " FROM agent_contacts WHERE owner_agent_id = ? AND contact_agent_id = ?",
                ContactStore::contact,
                owner,
                contact);
    }

    /** Serialises writers of one agent's rows, so counts read in the transaction hold. */
    private static void lockAgent(Sql sql, String agent) {
        sql.queryOne("SELECT id FROM agents WHERE id = ? FOR UPDATE", row -> 1, agent);
    }

    private static Contact contact(ResultSet row) throws SQLException {
        return new Contact(
                row.getString("contact_agent_id"),
                row.getString("alias"),
                Sql.instant(row, "expires_at"),
                Sql.instant(row, "created_at"));
    }

    private static ContactRequest request(ResultSet row) throws SQLException {
        return new ContactRequest(
                row.getString("id"),
                row.getString("from_agent_id"),
                row.getString("to_agent_id"),
                row.getString("status"),
                row.getString("message"),
                row.getString("reject_reason"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
