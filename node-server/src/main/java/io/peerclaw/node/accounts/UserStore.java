package io.peerclaw.node.accounts;

import io.peerclaw.node.identity.UserRole;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.node.storage.StorageException;
import io.peerclaw.shared.protocol.api.Accounts.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** The {@code users} rows that people read and change about themselves. */
final class UserStore {
    static final String USER_COLUMNS =
            "id, email, password_hash, display_name, description, role, email_verified,"
                    + " created_at, updated_at";

    private final Database database;

    UserStore(Database database) {
        this.database = database;
    }

    record UserRow(
            String id,
            String email,
            String passwordHash,
            String displayName,
            String description,
            String role,
            boolean emailVerified,
            Instant createdAt,
            Instant updatedAt) {

        /** A new account; without a display name it is called by its email's local part. */
        static UserRow newAccount(
                String email,
                String passwordHash,
                String displayName,
                UserRole role,
                boolean emailVerified,
                Instant now) {
            return new UserRow(
                    UUID.randomUUID().toString(),
                    email,
                    passwordHash,
                    displayName != null ? displayName : email.substring(0, email.indexOf('@')),
                    "",
                    role.wire(),
                    emailVerified,
                    now,
                    now);
        }

        UserRole userRole() {
            return UserRole.parse(role).orElse(UserRole.USER);
        }

        User view() {
            return new User(
                    id, email, displayName, description, role, emailVerified, createdAt, updatedAt);
        }
    }

    /** False when the email is taken. */
    boolean insertUser(UserRow user) {
        return unlessEmailTaken(() -> database.inTransaction(sql -> insert(sql, user) == 1));
    }

    static int insert(Sql sql, UserRow user) {
        return sql.update(
                "INSERT INTO users (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.id(),
                user.email(),
                user.passwordHash(),
                user.displayName(),
                user.description(),
                user.role(),
                user.emailVerified(),
                user.createdAt(),
                user.updatedAt());
    }

    Optional<UserRow> userById(String id) {
        return userWhere("id = ?", id);
    }

    Optional<UserRow> userByEmail(String email) {
        return userWhere("email = ?", email);
    }

    private Optional<UserRow> userWhere(String condition, String value) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT " + USER_COLUMNS + " FROM users WHERE " + condition,
                                UserStore::user,
                                value));
    }

    Optional<String> role(String userId) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT role FROM users WHERE id = ?",
                                row -> row.getString(1),
                                userId));
    }

    void updateProfile(String id, String displayName, String description, Instant now) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE users SET display_name = ?, description = ?,"
                                        + " updated_at = ? WHERE id = ?",
                                displayName,
                                description,
                                now,
                                id));
    }

    /** False when another account has that email. */
    boolean updateEmail(String id, String email, boolean verified, Instant now) {
        return unlessEmailTaken(
                () ->
                        database.inTransaction(
                                        sql ->
                                                sql.update(
                                                        "UPDATE users SET email = ?,"
                                                                + " email_verified = ?, updated_at"
                                                                + " = ? WHERE id = ?",
                                                        email,
                                                        verified,
                                                        now,
                                                        id))
                                == 1);
    }

    /** The write's outcome, or false when it broke the unique email. */
    private static boolean unlessEmailTaken(BooleanSupplier write) {
        try {
            return write.getAsBoolean();
        } catch (StorageException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    void markVerified(String id, String role, Instant now) {
        database.inTransaction(
                sql ->
                        sql.update(
                                "UPDATE users SET email_verified = TRUE, role = ?, updated_at = ?"
                                        + " WHERE id = ?",
                                role,
                                now,
                                id));
    }

    /** Sets the password and revokes every live session of the account, in one transaction. */
    List<String> changePassword(String id, String hash, Instant now) {
        return database.inTransaction(
                sql -> {
                    sql.update(
                            "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                            hash,
                            now,
                            id);
                    return SessionStore.revokeAll(sql, id, "password_changed", now);
                });
    }

    static UserRow user(ResultSet row) throws SQLException {
        return new UserRow(
                row.getString("id"),
                row.getString("email"),
                row.getString("password_hash"),
                row.getString("display_name"),
                row.getString("description"),
                row.getString("role"),
                row.getBoolean("email_verified"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
