package io.peerclaw.node.accounts;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.AttemptLimiter;
import io.peerclaw.node.http.ErrorCode;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.protocol.api.Accounts.TokenPair;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signing in with email and password. It answers alike, in the same time, for an unknown email and
 * a wrong password; failures lock out the email and the address for a while.
 */
final class SignIn {
    static final int FAILURES_PER_EMAIL = 5;
    static final int FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final UserStore users;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final AuditLog audit;
    private final boolean requireEmailVerification;
    private final AttemptLimiter failuresByEmail;
    private final AttemptLimiter failuresByAddress;

    SignIn(
            UserStore users,
            PasswordHasher passwords,
            Sessions sessions,
            AuditLog audit,
            InstantSource clock,
            boolean requireEmailVerification) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
        this.requireEmailVerification = requireEmailVerification;
        this.failuresByEmail = new AttemptLimiter(FAILURES_PER_EMAIL, WINDOW, WINDOW, clock);
        this.failuresByAddress = new AttemptLimiter(FAILURES_PER_ADDRESS, WINDOW, WINDOW, clock);
    }

    TokenPair login(String emailText, String password, Client client) {
        if (emailText == null || password == null) {
            throw ApiException.invalid(emailText == null ? "email" : "password", "is required");
        }
        String address = emailText.strip().toLowerCase(Locale.ROOT);
        OptionalLong locked = failuresByAddress.lockedFor(client.address());
        if (locked.isEmpty()) {
            locked = failuresByEmail.lockedFor(address);
        }
        if (locked.isPresent()) {
            throw lockedOut(locked.getAsLong());
        }
        Optional<UserStore.UserRow> user = users.userByEmail(address);
        boolean matches =
                passwords.verify(password, user.map(UserStore.UserRow::passwordHash).orElse(null));
        if (user.isEmpty() || !matches) {
            audit.recordThrottled(
                    AuditEvent.LOGIN_FAILED,
                    null,
                    AuditLog.details("email_hash", Hashes.sha256Hex(address)));
            OptionalLong lockedNow = failuresByEmail.record(address);
            OptionalLong addressLocked = failuresByAddress.record(client.address());
            if (lockedNow.isPresent() || addressLocked.isPresent()) {
                throw lockedOut(lockedNow.orElse(addressLocked.orElse(1)));
            }
            throw ApiException.unauthenticated("the email or the password is wrong");
        }
        failuresByEmail.clear(address);
        if (requireEmailVerification && !user.get().emailVerified()) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "email not verified: enter the code sent to it at POST"
                            + " /api/v1/auth/verify-email (requires_verification)");
        }
        return sessions.open(user.get(), client);
    }

    private static ApiException lockedOut(long seconds) {
        return new ApiException(
                ErrorCode.RATE_LIMITED,
                "too many failed sign-ins; try again in " + seconds + " s",
                List.of(),
                Map.of("Retry-After", Long.toString(seconds)));
    }
}
