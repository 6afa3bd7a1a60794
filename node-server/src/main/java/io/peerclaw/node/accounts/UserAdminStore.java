package io.peerclaw.node.accounts;

import io.peerclaw.node.http.TimeCursor;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Filtered;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code users} statements of administration: listing, roles, deletion, bootstrap. */
final class UserAdminStore {
    private final Database database;

    UserAdminStore(Database database) {
        this.database = database;
    }

    /**
     * Accounts newest first, optionally of one role and matching a search in email or display name,
     * after a (created_at, id) cursor. The search is a substring scan: admin lists are small.
     */
    List<UserStore.UserRow> users(
            Optional<String> search, Optional<String> role, Optional<TimeCursor> after, int limit) {
        var select =
                Filtered.all()
                        .andIf(
                                search.map(UserAdminStore::containing),
                                "(email LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? ESCAPE"
                                        + " '\\')")
                        .andIf(role, "role = ?")
                        .newestFirst(
                                "created_at",
                                "id",
                                after.map(TimeCursor::at),
                                after.map(TimeCursor::id),
                                limit);
        return database.read(
                sql ->
                        sql.query(
                                "SELECT " + UserStore.USER_COLUMNS + " FROM users" + select.sql(),
                                UserStore::user,
                                select.parameters()));
    }

    /** A LIKE pattern matching {@code text} anywhere, case-insensitively, wildcards escaped. */
    private static String containing(String text) {
        return "%"
                + text.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
    }

    boolean setRole(String id, String role, Instant now) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "UPDATE users SET role = ?, updated_at = ? WHERE id = ?",
                                        role,
                                        now,
                                        id))
                > 0;
    }

    void promoteToProvider(String id, Instant now) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE users SET role = 'provider', updated_at = ? WHERE id = ?"
                                        + " AND role = 'user'",
                                now,
                                id));
    }

    /** What the caches must forget about a deleted account. */
    record Deleted(List<String> sessionIds, List<String> keyHashes) {}

    Optional<Deleted> deleteUser(String id) {
        return database.inTransaction(
                sql -> {
                    List<String> sessions = SessionStore.sessionIds(sql, id);
                    List<String> keys = UserKeyStore.keyHashes(sql, id);
                    if (sql.update("DELETE FROM users WHERE id = ?", id) == 0) {
                        return Optional.<Deleted>empty();
                    }
                    return Optional.of(new Deleted(sessions, keys));
                });
    }

    Map<String, Long> countsByRole() {
        var counts = new TreeMap<String, Long>();
        database.read(
                        sql ->
                                sql.query(
                                        "SELECT role, COUNT(*) FROM users GROUP BY role",
                                        row -> Map.entry(row.getString(1), row.getLong(2))))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Creates the account as admin, or makes the existing one admin; true when it was created. */
    boolean upsertAdmin(UserStore.UserRow user, Instant now) {
        return database.inTransaction(
                sql -> {
                    int changed =
                            sql.update(
                                    "UPDATE users SET role = 'admin', password_hash = ?,"
                                            + " updated_at = ? WHERE email = ?",
                                    user.passwordHash(),
                                    now,
                                    user.email());
                    if (changed == 1) {
                        sql.query(
                                        "SELECT id FROM users WHERE email = ?",
                                        row -> row.getString(1),
                                        user.email())
                                .forEach(
                                        id ->
                                                SessionStore.revokeAll(
                                                        sql, id, "password_changed", now));
                        return false;
                    }
                    UserStore.insert(sql, user);
                    return true;
                });
    }
}
