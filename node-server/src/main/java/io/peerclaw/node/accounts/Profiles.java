package io.peerclaw.node.accounts;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.shared.protocol.api.Accounts.ProfileUpdate;
import io.peerclaw.shared.protocol.api.Accounts.User;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A signed-in user's own account: reading it and changing the name, description, email or password.
 * The email and the password change only with the current password.
 */
final class Profiles {
    private final UserStore users;
    private final PasswordHasher passwords;
    private final EmailCodes codes;
    private final Sessions sessions;
    private final AuditLog audit;
    private final InstantSource clock;
    private final boolean requireEmailVerification;

    Profiles(
            UserStore users,
            PasswordHasher passwords,
            EmailCodes codes,
            Sessions sessions,
            AuditLog audit,
            InstantSource clock,
            boolean requireEmailVerification) {
        this.users = users;
        this.passwords = passwords;
        this.codes = codes;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.requireEmailVerification = requireEmailVerification;
    }

    User me(Caller.User caller) {
        return existing(caller.userId()).view();
    }

    User update(Caller.User caller, ProfileUpdate update) {
        var user = existing(caller.userId());
        var errors = new ArrayList<FieldError>();
        String displayName = user.displayName();
        if (update.displayName() != null) {
            displayName = update.displayName().strip();
            AccountInput.checkText(displayName, "display_name", 1, 100, errors);
        }
        String description = user.description();
        if (update.description() != null) {
            description = update.description();
            AccountInput.checkText(description, "description", 0, 2000, errors);
        }
        String newEmail = null;
        if (update.email() != null) {
            newEmail = AccountInput.normalizeEmail(update.email(), "email", errors);
        }
        if (update.password() != null) {
            AccountInput.checkPassword(update.password(), "password", errors);
        }
        boolean sensitive =
                (newEmail != null && !newEmail.equals(user.email())) || update.password() != null;
        if (sensitive && update.currentPassword() == null) {
            errors.add(
                    new FieldError(
                            "current_password", "is required to change the email or password"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (sensitive && !passwords.verify(update.currentPassword(), user.passwordHash())) {
            throw ApiException.forbidden("current_password is wrong");
        }
        Instant now = clock.instant();
        users.updateProfile(user.id(), displayName, description, now);
        if (newEmail != null && !newEmail.equals(user.email())) {
            if (requireEmailVerification) {
                // The switch happens when the new address proves it is theirs.
                codes.send(newEmail, user.id(), EmailCodes.Purpose.EMAIL_CHANGE);
            } else if (!users.updateEmail(user.id(), newEmail, false, now)) {
                throw ApiException.conflict("an account with this email already exists");
            }
        }
        if (update.password() != null) {
            List<String> revoked =
                    users.changePassword(user.id(), passwords.hash(update.password()), now);
            sessions.ended(revoked);
            audit.recordBy(
                    AuditEvent.PASSWORD_CHANGED,
                    user.id(),
                    AuditLog.details("sessions_revoked", Integer.toString(revoked.size())));
        }
        return existing(user.id()).view();
    }

    private UserStore.UserRow existing(String userId) {
        return users.userById(userId)
                .orElseThrow(() -> ApiException.unauthenticated("the account no longer exists"));
    }
}
