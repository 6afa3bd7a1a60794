package io.peerclaw.node.accounts;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.AttemptLimiter;
import io.peerclaw.node.identity.UserRole;
import io.peerclaw.shared.protocol.api.Accounts.RegisterRequest;
import io.peerclaw.shared.protocol.api.Accounts.Registered;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.OptionalLong;

/**
 * Creating an account. Where email verification is on, a taken address is answered like a new one
 * and its owner is warned by mail, so that sign-up does not tell who has an account.
 */
final class SignUp {
    /** Generous enough for an office behind one address, tight enough against account farms. */
    static final int PER_ADDRESS_PER_HOUR = 50;

    private final UserStore users;
    private final PasswordHasher passwords;
    private final EmailCodes codes;
    private final EmailSender email;
    private final AuditLog audit;
    private final InstantSource clock;
    private final boolean requireEmailVerification;
    private final AttemptLimiter byAddress;

    SignUp(
            UserStore users,
            PasswordHasher passwords,
            EmailCodes codes,
            EmailSender email,
            AuditLog audit,
            InstantSource clock,
            boolean requireEmailVerification) {
        this.users = users;
        this.passwords = passwords;
        this.codes = codes;
        this.email = email;
        this.audit = audit;
        this.clock = clock;
        this.requireEmailVerification = requireEmailVerification;
        this.byAddress =
                new AttemptLimiter(
                        PER_ADDRESS_PER_HOUR, Duration.ofHours(1), Duration.ofHours(1), clock);
    }

    Registered register(RegisterRequest request, Client client) {
        var errors = new ArrayList<FieldError>();
        String address = AccountInput.normalizeEmail(request.email(), "email", errors);
        AccountInput.checkPassword(request.password(), "password", errors);
        String displayName = request.displayName();
        if (displayName != null) {
            displayName = displayName.strip();
            AccountInput.checkText(displayName, "display_name", 1, 100, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        OptionalLong limited = byAddress.lockedFor(client.address());
        if (limited.isPresent()) {
            throw ApiException.rateLimited(limited.getAsLong());
        }
        byAddress.record(client.address());
        Instant now = clock.instant();
        var row =
                UserStore.UserRow.newAccount(
                        address,
                        passwords.hash(request.password()),
                        displayName,
                        UserRole.USER,
                        false,
                        now);
        if (!users.insertUser(row)) {
            if (!requireEmailVerification) {
                // Without verification there is nobody to warn privately: say it plainly.
                throw ApiException.conflict("an account with this email already exists");
            }
            email.send(
                    address,
                    "Sign-up attempt",
                    "Someone tried to create a PeerClaw account with this address, which already"
                            + " has one. If it was you, sign in instead.");
            return new Registered(row.view(), true);
        }
        audit.recordBy(AuditEvent.ACCOUNT_CREATED, row.id(), AuditLog.details("email", address));
        if (requireEmailVerification) {
            codes.send(address, row.id(), EmailCodes.Purpose.REGISTER);
            return new Registered(row.view(), true);
        }
        return new Registered(row.view(), null);
    }
}
