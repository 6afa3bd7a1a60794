package io.peerclaw.node.accounts;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.UserRole;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.protocol.api.Accounts.TokenPair;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Email verification: one-time codes that prove an address belongs to whoever signs up with it or
 * moves their account to it.
 */
final class EmailCodes {
    static final Duration TTL = Duration.ofMinutes(10);
    static final int PER_HOUR = 5;
    static final int ATTEMPTS = 5;

    /** What a code confirms, as stored. */
    enum Purpose {
        REGISTER("register"),
        EMAIL_CHANGE("email_change");

        final String wire;

        Purpose(String wire) {
            this.wire = wire;
        }
    }

    private final EmailCodeStore store;
    private final UserStore users;
    private final Sessions sessions;
    private final EmailSender email;
    private final InstantSource clock;
    private final SecureRandom random;
    private final NodeConfig.UserAuth config;

    EmailCodes(
            EmailCodeStore store,
            UserStore users,
            Sessions sessions,
            EmailSender email,
            InstantSource clock,
            SecureRandom random,
            NodeConfig.UserAuth config) {
        this.store = store;
        this.users = users;
        this.sessions = sessions;
        this.email = email;
        this.clock = clock;
        this.random = random;
        this.config = config;
    }

    /** Mails a new code to {@code address}, replacing the earlier ones for the same purpose. */
    void send(String address, String userId, Purpose purpose) {
        Instant now = clock.instant();
        if (store.codesSentSince(address, now.minus(Duration.ofHours(1))) >= PER_HOUR) {
            throw ApiException.rateLimited(3600);
        }
        String code = String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        store.insertCode(
                new EmailCodeStore.CodeRow(
                        UUID.randomUUID().toString(),
                        address,
                        userId,
                        Hashes.sha256Hex(code),
                        purpose.wire,
                        0,
                        now.plus(TTL),
                        null),
                now);
        email.send(
                address,
                "Your PeerClaw code",
                "Your code is " + code + ". It expires in " + TTL.toMinutes() + " minutes.");
    }

    /** Confirms a sign-up or an email change and, for a sign-up, signs the user in. */
    Optional<TokenPair> verify(String emailText, String code, Client client) {
        if (emailText == null || code == null) {
            throw ApiException.invalid(emailText == null ? "email" : "code", "is required");
        }
        String address = emailText.strip().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        var live = store.liveCode(address).filter(c -> c.expiresAt().isAfter(now));
        if (live.isEmpty()) {
            throw ApiException.invalid("code", "is wrong or has expired; ask for a new one");
        }
        var row = live.get();
        if (!Hashes.constantTimeEquals(
                Hashes.sha256Hex(code.strip()).getBytes(StandardCharsets.UTF_8),
                row.codeHash().getBytes(StandardCharsets.UTF_8))) {
            store.failedAttempt(row.id(), ATTEMPTS, now);
            throw ApiException.invalid("code", "is wrong or has expired; ask for a new one");
        }
        if (!store.useCode(row.id(), now)) {
            throw ApiException.invalid("code", "is wrong or has expired; ask for a new one");
        }
        var user =
                users.userById(row.userId())
                        .orElseThrow(() -> ApiException.notFound("the account no longer exists"));
        if (row.purpose().equals(Purpose.EMAIL_CHANGE.wire)) {
            if (!users.updateEmail(user.id(), address, true, now)) {
                throw ApiException.conflict("another account has taken this email meanwhile");
            }
            return Optional.empty();
        }
        // admin_emails applies here and only here: at the first proof that the address is theirs.
        String role =
                config.adminEmails().contains(address) && !user.emailVerified()
                        ? UserRole.ADMIN.wire()
                        : user.role();
        users.markVerified(user.id(), role, now);
        return Optional.of(sessions.open(users.userById(user.id()).orElseThrow(), client));
    }

    /** Sends a new sign-up code; answers alike whether or not the address has an account. */
    void resend(String emailText) {
        if (!config.requireEmailVerification()) {
            throw ApiException.invalid("email", "verification is not enabled on this node");
        }
        var errors = new ArrayList<FieldError>();
        String address = AccountInput.normalizeEmail(emailText, "email", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        users.userByEmail(address)
                .filter(u -> !u.emailVerified())
                .ifPresent(u -> send(address, u.id(), Purpose.REGISTER));
    }
}
