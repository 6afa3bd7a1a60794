package io.peerclaw.node.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.AttemptLimiter;
import io.peerclaw.node.http.TimeCursor;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.identity.UserCredentials;
import io.peerclaw.node.identity.UserRole;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.crypto.Passwords;
import io.peerclaw.shared.protocol.api.Accounts.ApiKey;
import io.peerclaw.shared.protocol.api.Accounts.ApiKeyCreated;
import io.peerclaw.shared.protocol.api.Accounts.ApiKeyRequest;
import io.peerclaw.shared.protocol.api.Accounts.ProfileUpdate;
import io.peerclaw.shared.protocol.api.Accounts.RegisterRequest;
import io.peerclaw.shared.protocol.api.Accounts.Registered;
import io.peerclaw.shared.protocol.api.Accounts.TokenPair;
import io.peerclaw.shared.protocol.api.Accounts.User;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The accounts use cases. Sign-in answers alike, in the same time, for an unknown email and a wrong
 * password; failures lock out the email and the address for a while. Sessions are rows; an access
 * token names its session and stops working as soon as the session is revoked, which this node
 * learns at once and other nodes within {@link #REVOCATION_CHECK_INTERVAL}.
 */
public final class Accounts implements UserCredentials {
    static final String USER_KEY_PREFIX = "pck_";
    static final int MAX_KEYS_PER_USER = 25;
    static final Duration REVOCATION_CHECK_INTERVAL = Duration.ofSeconds(10);
    static final int LOGIN_FAILURES_PER_EMAIL = 5;

    /** Generous enough for an office behind one address, tight enough against account farms. */
    static final int SIGN_UPS_PER_ADDRESS_PER_HOUR = 50;

    static final int LOGIN_FAILURES_PER_ADDRESS = 20;
    static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);
    static final Duration CODE_TTL = Duration.ofMinutes(10);
    static final int CODES_PER_HOUR = 5;
    static final int CODE_ATTEMPTS = 5;
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    private final AccountStore store;
    private final AccessTokens tokens;
    private final AuditLog audit;
    private final InstantSource clock;
    private final SecureRandom random;
    private final NodeConfig.UserAuth config;
    private final EmailSender email;
    private final AttemptLimiter failuresByEmail;
    private final AttemptLimiter failuresByAddress;
    private final AttemptLimiter registrationsByAddress;

    /**
     * bcrypt is meant to be slow: bound how many run at once so sign-ins cannot starve the node.
     */
    private final Semaphore hashing =
            new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** Checked against when the email is unknown, so that both answers take as long. */
    private final CompletableFuture<String> decoyHash;

    private final Cache<String, Boolean> revokedSessions =
            Caffeine.newBuilder()
                    .maximumSize(100_000)
                    .expireAfterWrite(REVOCATION_CHECK_INTERVAL)
                    .build();
    private final Cache<String, Optional<AccountStore.KeyRow>> keysByHash =
            Caffeine.newBuilder()
                    .maximumSize(100_000)
                    .expireAfterWrite(REVOCATION_CHECK_INTERVAL)
                    .build();
    private final Cache<String, Instant> keyTouched =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();

    Accounts(
            AccountStore store,
            AccessTokens tokens,
            AuditLog audit,
            InstantSource clock,
            SecureRandom random,
            NodeConfig.UserAuth config,
            EmailSender email,
            Executor background) {
        this.store = store;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.config = config;
        this.email = email;
        this.failuresByEmail =
                new AttemptLimiter(LOGIN_FAILURES_PER_EMAIL, LOGIN_WINDOW, LOGIN_WINDOW, clock);
        this.failuresByAddress =
                new AttemptLimiter(LOGIN_FAILURES_PER_ADDRESS, LOGIN_WINDOW, LOGIN_WINDOW, clock);
        this.registrationsByAddress =
                new AttemptLimiter(
                        SIGN_UPS_PER_ADDRESS_PER_HOUR,
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        clock);
        this.decoyHash =
                CompletableFuture.supplyAsync(
                        () -> Passwords.hash("decoy password", config.bcryptCost(), random),
                        background);
    }

    /** Who made a request, for sessions and limits. */
    public record Client(String address, String userAgent) {}

    // ------------------------------------------------------------------ sign-up and sign-in

    public Registered register(RegisterRequest request, Client client) {
        var errors = new ArrayList<FieldError>();
        String address = normalizeEmail(request.email(), "email", errors);
        checkPassword(request.password(), "password", errors);
        String displayName = request.displayName();
        if (displayName != null) {
            displayName = displayName.strip();
            checkText(displayName, "display_name", 1, 100, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        OptionalLong limited = registrationsByAddress.lockedFor(client.address());
        if (limited.isPresent()) {
            throw ApiException.rateLimited(limited.getAsLong());
        }
        registrationsByAddress.record(client.address());
        Instant now = now();
        String name =
                displayName != null ? displayName : address.substring(0, address.indexOf('@'));
        var row =
                new AccountStore.UserRow(
                        UUID.randomUUID().toString(),
                        address,
                        hash(request.password()),
                        name,
                        "",
                        UserRole.USER.wire(),
                        false,
                        now,
                        now);
        boolean verification = config.requireEmailVerification();
        if (!store.insertUser(row)) {
            if (!verification) {
                // Without verification there is nobody to warn privately: say it plainly.
                throw ApiException.conflict("an account with this email already exists");
            }
            email.send(
                    address,
                    "Sign-up attempt",
                    "Someone tried to create a PeerClaw account with this address, which already"
                            + " has one. If it was you, sign in instead.");
            return new Registered(view(row), true);
        }
        audit.recordBy(AuditEvent.ACCOUNT_CREATED, row.id(), AuditLog.details("email", address));
        if (verification) {
            sendCode(address, row.id(), "register");
            return new Registered(view(row), true);
        }
        return new Registered(view(row), null);
    }

    public TokenPair login(String emailText, String password, Client client) {
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
        Optional<AccountStore.UserRow> user = store.userByEmail(address);
        boolean matches =
                verify(password, user.map(AccountStore.UserRow::passwordHash).orElse(null));
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
        if (config.requireEmailVerification() && !user.get().emailVerified()) {
            throw new ApiException(
                    io.peerclaw.node.http.ErrorCode.FORBIDDEN,
                    "email not verified: enter the code sent to it at POST"
                            + " /api/v1/auth/verify-email (requires_verification)");
        }
        return openSession(user.get(), client);
    }

    public TokenPair refresh(String refreshToken, Client client) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiException.invalid("refresh_token", "is required");
        }
        Instant now = now();
        String next = newRefreshToken();
        var rotation =
                store.rotate(
                        Hashes.sha256Hex(refreshToken.strip()),
                        Hashes.sha256Hex(next),
                        now,
                        now.plus(config.refreshTtl()));
        return switch (rotation) {
            case AccountStore.Rotation.Rotated rotated -> {
                var user =
                        store.userById(rotated.userId())
                                .orElseThrow(
                                        () ->
                                                ApiException.unauthenticated(
                                                        "the account no longer exists"));
                yield new TokenPair(
                        tokens.issue(user.id(), role(user), rotated.sessionId(), newTokenId()),
                        next,
                        tokens.ttl().toSeconds());
            }
            case AccountStore.Rotation.Reused reused -> {
                revokedSessions.put(reused.sessionId(), true);
                audit.recordBy(
                        AuditEvent.SESSION_REVOKED,
                        reused.userId(),
                        AuditLog.details(
                                "session_id", reused.sessionId(), "reason", "refresh_reuse"));
                throw ApiException.unauthenticated(
                        "this refresh token was already used; the session is revoked, sign in"
                                + " again");
            }
            case AccountStore.Rotation.Unusable unusable ->
                    throw ApiException.unauthenticated(
                            "the refresh token is unknown, expired or revoked; sign in again");
        };
    }

    /** Ends the session of a refresh token; an unknown token is not an error (idempotent). */
    public void logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiException.invalid("refresh_token", "is required");
        }
        store.revokeByRefreshToken(Hashes.sha256Hex(refreshToken.strip()), now())
                .ifPresent(session -> revokedSessions.put(session, true));
    }

    /** Ends the session an access token belongs to. */
    public void logout(Caller.User user) {
        if (user.sessionId() != null) {
            store.revokeSession(user.sessionId(), "logout", now());
            revokedSessions.put(user.sessionId(), true);
        }
    }

    private TokenPair openSession(AccountStore.UserRow user, Client client) {
        String sessionId = UUID.randomUUID().toString();
        String refresh = newRefreshToken();
        Instant now = now();
        store.insertSession(
                sessionId,
                user.id(),
                client.address(),
                clip(client.userAgent(), 256),
                Hashes.sha256Hex(refresh),
                now,
                now.plus(config.refreshTtl()));
        return new TokenPair(
                tokens.issue(user.id(), role(user), sessionId, newTokenId()),
                refresh,
                tokens.ttl().toSeconds());
    }

    // ------------------------------------------------------------------ email verification

    /** Confirms a sign-up or an email change and, for a sign-up, signs the user in. */
    public Optional<TokenPair> verifyEmail(String emailText, String code, Client client) {
        if (emailText == null || code == null) {
            throw ApiException.invalid(emailText == null ? "email" : "code", "is required");
        }
        String address = emailText.strip().toLowerCase(Locale.ROOT);
        Instant now = now();
        var live = store.liveCode(address).filter(c -> c.expiresAt().isAfter(now));
        if (live.isEmpty()) {
            throw ApiException.invalid("code", "is wrong or has expired; ask for a new one");
        }
        var row = live.get();
        if (!Hashes.constantTimeEquals(
                Hashes.sha256Hex(code.strip()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                row.codeHash().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            store.failedAttempt(row.id(), CODE_ATTEMPTS, now);
            throw ApiException.invalid("code", "is wrong or has expired; ask for a new one");
        }
        if (!store.useCode(row.id(), now)) {
            throw ApiException.invalid("code", "is wrong or has expired; ask for a new one");
        }
        var user =
                store.userById(row.userId())
                        .orElseThrow(() -> ApiException.notFound("the account no longer exists"));
        if (row.purpose().equals("email_change")) {
            if (!store.updateEmail(user.id(), address, true, now)) {
                throw ApiException.conflict("another account has taken this email meanwhile");
            }
            return Optional.empty();
        }
        // admin_emails applies here and only here: at the first proof that the address is theirs.
        String role =
                config.adminEmails().contains(address) && !user.emailVerified()
                        ? UserRole.ADMIN.wire()
                        : user.role();
        store.markVerified(user.id(), role, now);
        return Optional.of(openSession(store.userById(user.id()).orElseThrow(), client));
    }

    /** Sends a new sign-up code; answers alike whether or not the address has an account. */
    public void resendCode(String emailText) {
        if (!config.requireEmailVerification()) {
            throw ApiException.invalid("email", "verification is not enabled on this node");
        }
        var errors = new ArrayList<FieldError>();
        String address = normalizeEmail(emailText, "email", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        store.userByEmail(address)
                .filter(u -> !u.emailVerified())
                .ifPresent(u -> sendCode(address, u.id(), "register"));
    }

    private void sendCode(String address, String userId, String purpose) {
        Instant now = now();
        if (store.codesSentSince(address, now.minus(Duration.ofHours(1))) >= CODES_PER_HOUR) {
            throw ApiException.rateLimited(3600);
        }
        String code = String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        store.insertCode(
                new AccountStore.CodeRow(
                        UUID.randomUUID().toString(),
                        address,
                        userId,
                        Hashes.sha256Hex(code),
                        purpose,
                        0,
                        now.plus(CODE_TTL),
                        null),
                now);
        email.send(
                address,
                "Your PeerClaw code",
                "Your code is " + code + ". It expires in " + CODE_TTL.toMinutes() + " minutes.");
    }

    // ------------------------------------------------------------------ profile

    public User me(Caller.User caller) {
        return view(existing(caller.userId()));
    }

    public User updateProfile(Caller.User caller, ProfileUpdate update) {
        var user = existing(caller.userId());
        var errors = new ArrayList<FieldError>();
        String displayName = user.displayName();
        if (update.displayName() != null) {
            displayName = update.displayName().strip();
            checkText(displayName, "display_name", 1, 100, errors);
        }
        String description = user.description();
        if (update.description() != null) {
            description = update.description();
            checkText(description, "description", 0, 2000, errors);
        }
        String newEmail = null;
        if (update.email() != null) {
            newEmail = normalizeEmail(update.email(), "email", errors);
        }
        if (update.password() != null) {
            checkPassword(update.password(), "password", errors);
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
        if (sensitive && !verify(update.currentPassword(), user.passwordHash())) {
            throw ApiException.forbidden("current_password is wrong");
        }
        Instant now = now();
        store.updateProfile(user.id(), displayName, description, now);
        if (newEmail != null && !newEmail.equals(user.email())) {
            if (config.requireEmailVerification()) {
                // The switch happens when the new address proves it is theirs.
                sendCode(newEmail, user.id(), "email_change");
            } else if (!store.updateEmail(user.id(), newEmail, false, now)) {
                throw ApiException.conflict("an account with this email already exists");
            }
        }
        if (update.password() != null) {
            List<String> revoked = store.changePassword(user.id(), hash(update.password()), now);
            revoked.forEach(session -> revokedSessions.put(session, true));
            audit.recordBy(
                    AuditEvent.PASSWORD_CHANGED,
                    user.id(),
                    AuditLog.details("sessions_revoked", Integer.toString(revoked.size())));
        }
        return view(existing(user.id()));
    }

    // ------------------------------------------------------------------ API keys

    public ApiKeyCreated createKey(Caller.User caller, ApiKeyRequest request) {
        if (caller.apiKeyId() != null) {
            throw ApiException.forbidden("API keys cannot create API keys; sign in instead");
        }
        var errors = new ArrayList<FieldError>();
        String name = request.name() == null ? "" : request.name().strip();
        checkText(name, "name", 1, 100, errors);
        Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        if (request.scopes() == null) {
            scopes.addAll(KeyScope.ALL);
        } else if (request.scopes().isEmpty()) {
            errors.add(
                    new FieldError("scopes", "needs at least one of read, invoke, manage_agents"));
        } else {
            for (int i = 0; i < request.scopes().size(); i++) {
                String text = request.scopes().get(i);
                var scope = text == null ? Optional.<KeyScope>empty() : KeyScope.parse(text);
                if (scope.isEmpty()) {
                    errors.add(
                            new FieldError(
                                    "scopes[" + i + "]",
                                    "must be one of read, invoke, manage_agents"));
                } else {
                    scopes.add(scope.get());
                }
            }
        }
        Instant now = now();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expires_at", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = USER_KEY_PREFIX + Encoding.hex(secret);
        String id = UUID.randomUUID().toString();
        String prefix = key.substring(0, 12);
        Instant expires =
                request.expiresAt() == null
                        ? null
                        : request.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        if (!store.insertKey(
                MAX_KEYS_PER_USER,
                id,
                caller.userId(),
                name,
                Hashes.sha256Hex(key),
                prefix,
                scopesText(scopes),
                now,
                expires)) {
            throw ApiException.conflict(
                    "an account may hold at most " + MAX_KEYS_PER_USER + " keys; revoke one first");
        }
        audit.recordBy(
                AuditEvent.USER_KEY_CREATED,
                caller.userId(),
                AuditLog.details("key_id", id, "prefix", prefix));
        return new ApiKeyCreated(id, key, prefix, name, scopeList(scopes), now, expires);
    }

    public List<ApiKey> listKeys(Caller.User caller) {
        return store.listKeys(caller.userId()).stream()
                .map(
                        k ->
                                new ApiKey(
                                        k.id(),
                                        k.prefix(),
                                        k.name(),
                                        scopeList(parseScopes(k.scopes())),
                                        k.createdAt(),
                                        k.expiresAt(),
                                        k.lastUsed()))
                .toList();
    }

    public void revokeKey(Caller.User caller, String keyId) {
        String hash =
                store.revokeKey(caller.userId(), keyId, now())
                        .orElseThrow(() -> ApiException.notFound("you have no API key " + keyId));
        keysByHash.invalidate(hash);
        audit.recordBy(
                AuditEvent.USER_KEY_REVOKED, caller.userId(), AuditLog.details("key_id", keyId));
    }

    // ------------------------------------------------------------------ credentials

    @Override
    public Check check(String bearerToken) {
        if (!config.enabled()) {
            return new Check.Invalid("user accounts are turned off on this node");
        }
        if (bearerToken.startsWith(USER_KEY_PREFIX)) {
            return checkKey(bearerToken);
        }
        return switch (tokens.parse(bearerToken)) {
            case AccessTokens.Parsed.Invalid invalid -> new Check.Invalid(invalid.reason());
            case AccessTokens.Parsed.Valid valid -> {
                var claimed = valid.claimed();
                boolean revoked =
                        revokedSessions.get(
                                claimed.sessionId(), id -> store.sessionRevoked(id, now()));
                yield revoked
                        ? new Check.Invalid("the session has ended; sign in again")
                        : new Check.Valid(
                                new Caller.User(
                                        claimed.userId(),
                                        claimed.role(),
                                        claimed.sessionId(),
                                        null,
                                        KeyScope.ALL));
            }
        };
    }

    private Check checkKey(String key) {
        if (key.length() != USER_KEY_PREFIX.length() + 64) {
            return new Check.Invalid("the bearer token is not a key this node issued");
        }
        String hash = Hashes.sha256Hex(key);
        Optional<AccountStore.KeyRow> row = keysByHash.get(hash, store::keyByHash);
        Instant now = now();
        if (row.isEmpty() || row.get().revokedAt() != null) {
            return new Check.Invalid("the API key is not valid");
        }
        var found = row.get();
        if (found.expiresAt() != null && !found.expiresAt().isAfter(now)) {
            return new Check.Invalid("the API key has expired");
        }
        if (keyTouched.asMap().putIfAbsent(found.id(), now) == null) {
            store.touchKey(found.id(), now.truncatedTo(ChronoUnit.SECONDS));
        }
        return new Check.Valid(
                new Caller.User(
                        found.userId(),
                        UserRole.parse(found.role()).orElse(UserRole.USER),
                        null,
                        found.id(),
                        parseScopes(found.scopes())));
    }

    /** Labels a user who came to own an agent as a provider (admins stay admins). */
    public void labelProvider(String userId) {
        store.promoteToProvider(userId, now());
    }

    @Override
    public Optional<UserRole> currentRole(String userId) {
        return store.role(userId).flatMap(UserRole::parse);
    }

    // ------------------------------------------------------------------ administration

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
        return new UserPage(page.stream().map(Accounts::view).toList(), next);
    }

    public Optional<User> user(String id) {
        return store.userById(id).map(Accounts::view);
    }

    /** Sets an account's role; an admin cannot change their own (so one always remains). */
    public User setRole(String id, UserRole role, String admin) {
        if (id.equals(admin)) {
            throw ApiException.conflict("you cannot change your own role");
        }
        if (!store.setRole(id, role.wire(), now())) {
            throw ApiException.notFound("no user " + id);
        }
        audit.recordBy(
                AuditEvent.ROLE_CHANGED,
                admin,
                AuditLog.details("user_id", id, "role", role.wire()));
        return view(existing(id));
    }

    /** Deletes an account with its sessions and keys; its agents stay, without an owner. */
    public void deleteUser(String id, String admin) {
        if (id.equals(admin)) {
            throw ApiException.conflict("you cannot delete your own account here");
        }
        var deleted =
                store.deleteUser(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        deleted.sessionIds().forEach(session -> revokedSessions.put(session, true));
        keysByHash.invalidateAll(deleted.keyHashes());
        audit.recordBy(AuditEvent.USER_DELETED, admin, AuditLog.details("user_id", id));
    }

    public java.util.Map<String, Long> countsByRole() {
        return store.countsByRole();
    }

    // ------------------------------------------------------------------ admin bootstrap

    /**
     * Creates a new admin account, never promoting an existing one (the first-start route must not
     * take over someone's account).
     *
     * @throws ApiException 400 for a bad email or password, 409 when the email has an account
     */
    public User createNewAdmin(String emailText, String password) {
        var errors = new ArrayList<FieldError>();
        String address = normalizeEmail(emailText, "email", errors);
        checkPassword(password, "password", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (store.userByEmail(address).isPresent()) {
            throw ApiException.conflict(
                    "an account with this email already exists; choose another email, or make it"
                            + " an admin with peerclaw --create-admin EMAIL");
        }
        createAdmin(address, password);
        return view(
                store.userByEmail(address)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "the admin account was created but cannot be read"
                                                        + " back")));
    }

    /** Creates {@code email} as an admin or promotes it; true when the account is new. */
    public boolean createAdmin(String emailText, String password) {
        var errors = new ArrayList<FieldError>();
        String address = normalizeEmail(emailText, "email", errors);
        checkPassword(password, "password", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Instant now = now();
        var row =
                new AccountStore.UserRow(
                        UUID.randomUUID().toString(),
                        address,
                        hash(password),
                        address.substring(0, address.indexOf('@')),
                        "",
                        UserRole.ADMIN.wire(),
                        true,
                        now,
                        now);
        boolean created = store.upsertAdmin(row, now);
        audit.record(
                AuditEvent.ADMIN_BOOTSTRAPPED,
                null,
                AuditLog.details("email", address, "created", Boolean.toString(created)));
        return created;
    }

    // ------------------------------------------------------------------ helpers

    private AccountStore.UserRow existing(String userId) {
        return store.userById(userId)
                .orElseThrow(() -> ApiException.unauthenticated("the account no longer exists"));
    }

    private static User view(AccountStore.UserRow row) {
        return new User(
                row.id(),
                row.email(),
                row.displayName(),
                row.description(),
                row.role(),
                row.emailVerified(),
                row.createdAt(),
                row.updatedAt());
    }

    private static UserRole role(AccountStore.UserRow row) {
        return UserRole.parse(row.role()).orElse(UserRole.USER);
    }

    private String hash(String password) {
        hashing.acquireUninterruptibly();
        try {
            return Passwords.hash(password, config.bcryptCost(), random);
        } finally {
            hashing.release();
        }
    }

    /** Checks a password; against the decoy hash when there is no account, to take as long. */
    private boolean verify(String password, String hash) {
        hashing.acquireUninterruptibly();
        try {
            boolean matches = Passwords.matches(password, hash != null ? hash : decoyHash.join());
            return hash != null && matches;
        } finally {
            hashing.release();
        }
    }

    private static ApiException lockedOut(long seconds) {
        return new ApiException(
                io.peerclaw.node.http.ErrorCode.RATE_LIMITED,
                "too many failed sign-ins; try again in " + seconds + " s",
                List.of(),
                java.util.Map.of("Retry-After", Long.toString(seconds)));
    }

    private String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Encoding.hex(bytes);
    }

    private String newTokenId() {
        return AccessTokens.randomId(random);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String normalizeEmail(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        String address = text.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            errors.add(new FieldError(field, "is not an email address"));
            return null;
        }
        return address;
    }

    static void checkPassword(String password, String field, List<FieldError> errors) {
        if (password == null) {
            errors.add(new FieldError(field, "is required"));
            return;
        }
        int bytes = Passwords.byteLength(password);
        if (bytes < Passwords.MIN_BYTES || bytes > Passwords.MAX_BYTES) {
            errors.add(
                    new FieldError(
                            field,
                            "must be "
                                    + Passwords.MIN_BYTES
                                    + " to "
                                    + Passwords.MAX_BYTES
                                    + " bytes long (UTF-8)"));
        }
    }

    private static void checkText(
            String text, String field, int min, int max, List<FieldError> errors) {
        if (text.length() < min || text.length() > max) {
            errors.add(
                    new FieldError(
                            field,
                            min > 0
                                    ? "must be " + min + " to " + max + " characters"
                                    : "must be at most " + max + " characters"));
        } else if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static String scopesText(Set<KeyScope> scopes) {
        return scopes.stream().map(KeyScope::wire).sorted().collect(Collectors.joining(","));
    }

    private static Set<KeyScope> parseScopes(String text) {
        Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        Arrays.stream(text.split(","))
                .map(KeyScope::parse)
                .flatMap(Optional::stream)
                .forEach(scopes::add);
        return scopes;
    }

    private static List<String> scopeList(Set<KeyScope> scopes) {
        return scopes.stream().map(KeyScope::wire).sorted().toList();
    }
}
