package io.peerclaw.node.accounts;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.TimeCursor;
import io.peerclaw.node.identity.UserRole;
import io.peerclaw.shared.protocol.api.Accounts.User;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts as admins manage them: listing, roles and deletion, and the bootstrap that creates
 * the first admin (from the setup route or from {@code peerclaw --create-admin}).
 */
public final class UserAdministration {
    private final UserAdminStore store;
    private final UserStore users;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final UserApiKeys keys;
    private final AuditLog audit;
    private final InstantSource clock;

    UserAdministration(
            UserAdminStore store,
            UserStore users,
            PasswordHasher passwords,
            Sessions sessions,
            UserApiKeys keys,
            AuditLog audit,
            InstantSource clock) {
        this.store = store;
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /** A page of accounts and the token of the next (null after the last). */
    public record UserPage(List<User> users, String nextPageToken) {}

    public UserPage users(
            Optional<String> search, Optional<UserRole> role, String pageToken, int size) {
        Optional<TimeCursor> after = TimeCursor.parse(pageToken);
        var rows =
                store.users(
                        search.map(String::strip).filter(t -> !t.isEmpty()),
                        role.map(UserRole::wire),
                        after,
                        size + 1);
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        String next =
                more
                        ? new TimeCursor(page.getLast().createdAt(), page.getLast().id()).token()
                        : null;
        return new UserPage(page.stream().map(UserStore.UserRow::view).toList(), next);
    }

    public Optional<User> user(String id) {
        return users.userById(id).map(UserStore.UserRow::view);
    }

    /** Sets an account's role; an admin cannot change their own (so one always remains). */
    public User setRole(String id, UserRole role, String admin) {
        if (id.equals(admin)) {
            throw ApiException.conflict("you cannot change your own role");
        }
        if (!store.setRole(id, role.wire(), clock.instant())) {
            throw ApiException.notFound("no user " + id);
        }
        audit.recordBy(
                AuditEvent.ROLE_CHANGED,
                admin,
                AuditLog.details("user_id", id, "role", role.wire()));
        return users.userById(id)
                .orElseThrow(() -> ApiException.unauthenticated("the account no longer exists"))
                .view();
    }

    /** Deletes an account with its sessions and keys; its agents stay, without an owner. */
    public void deleteUser(String id, String admin) {
        if (id.equals(admin)) {
            throw ApiException.conflict("you cannot delete your own account here");
        }
        var deleted =
                store.deleteUser(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        sessions.ended(deleted.sessionIds());
        keys.forget(deleted.keyHashes());
        audit.recordBy(AuditEvent.USER_DELETED, admin, AuditLog.details("user_id", id));
    }

    public Map<String, Long> countsByRole() {
        return store.countsByRole();
    }

    /** Labels a user who came to own an agent as a provider (admins stay admins). */
    void labelProvider(String userId) {
        store.promoteToProvider(userId, clock.instant());
    }

    /**
     * Creates a new admin account, never promoting an existing one (the first-start route must not
     * take over someone's account).
     *
     * @throws ApiException 400 for a bad email or password, 409 when the email has an account
     */
    public User createNewAdmin(String emailText, String password) {
        String address = validAddress(emailText, password);
        if (users.userByEmail(address).isPresent()) {
            throw ApiException.conflict(
                    "an account with this email already exists; choose another email, or make it"
                            + " an admin with peerclaw --create-admin EMAIL");
        }
        upsertAdmin(address, password);
        return users.userByEmail(address)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "the admin account was created but cannot be read back"))
                .view();
    }

    /** Creates {@code email} as an admin or promotes it; true when the account is new. */
    boolean createAdmin(String emailText, String password) {
        return upsertAdmin(validAddress(emailText, password), password);
    }

    /** The normalized address, when both the email and the password are acceptable. */
    private static String validAddress(String emailText, String password) {
        var errors = new ArrayList<FieldError>();
        String address = AccountInput.normalizeEmail(emailText, "email", errors);
        AccountInput.checkPassword(password, "password", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return address;
    }

    private boolean upsertAdmin(String address, String password) {
        var now = clock.instant();
        var row =
                UserStore.UserRow.newAccount(
                        address, passwords.hash(password), null, UserRole.ADMIN, true, now);
        boolean created = store.upsertAdmin(row, now);
        audit.record(
                AuditEvent.ADMIN_BOOTSTRAPPED,
                null,
                AuditLog.details("email", address, "created", Boolean.toString(created)));
        return created;
    }
}
