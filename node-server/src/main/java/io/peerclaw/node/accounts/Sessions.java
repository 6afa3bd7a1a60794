package io.peerclaw.node.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.identity.UserCredentials.Check;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.protocol.api.Accounts.TokenPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.UUID;

/**
 * Sessions and refresh-token rotation. Sessions are rows; an access token names its session and
 * stops working as soon as the session is revoked, which this node learns at once and other nodes
 * within {@link BearerCredentials#REVOCATION_CHECK_INTERVAL}.
 */
final class Sessions {
    private final SessionStore store;
    private final UserStore users;
    private final AccessTokens tokens;
    private final AuditLog audit;
    private final InstantSource clock;
    private final SecureRandom random;
    private final Duration refreshTtl;
    private final Cache<String, Boolean> revokedSessions =
            Caffeine.newBuilder()
                    .maximumSize(100_000)
                    .expireAfterWrite(BearerCredentials.REVOCATION_CHECK_INTERVAL)
                    .build();

    Sessions(
            SessionStore store,
            UserStore users,
            AccessTokens tokens,
            AuditLog audit,
            InstantSource clock,
            SecureRandom random,
            Duration refreshTtl) {
        this.store = store;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.refreshTtl = refreshTtl;
    }

    /** Signs a user in: a new session and its first tokens. */
    TokenPair open(UserStore.UserRow user, Client client) {
        String sessionId = UUID.randomUUID().toString();
        String refresh = newRefreshToken();
        Instant now = clock.instant();
        store.insertSession(
                sessionId,
                user.id(),
                client.address(),
                clip(client.userAgent(), 256),
                Hashes.sha256Hex(refresh),
                now,
                now.plus(refreshTtl));
        return new TokenPair(
                tokens.issue(user.id(), user.userRole(), sessionId, newTokenId()),
                refresh,
                tokens.ttl().toSeconds());
    }

    TokenPair refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiException.invalid("refresh_token", "is required");
        }
        Instant now = clock.instant();
        String next = newRefreshToken();
        var rotation =
                store.rotate(
                        Hashes.sha256Hex(refreshToken.strip()),
                        Hashes.sha256Hex(next),
                        now,
                        now.plus(refreshTtl));
        return switch (rotation) {
            case SessionStore.Rotation.Rotated rotated -> {
                var user =
                        users.userById(rotated.userId())
                                .orElseThrow(
                                        () ->
                                                ApiException.unauthenticated(
                                                        "the account no longer exists"));
                yield new TokenPair(
                        tokens.issue(user.id(), user.userRole(), rotated.sessionId(), newTokenId()),
                        next,
                        tokens.ttl().toSeconds());
            }
            case SessionStore.Rotation.Reused reused -> {
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
            case SessionStore.Rotation.Unusable unusable ->
                    throw ApiException.unauthenticated(
                            "the refresh token is unknown, expired or revoked; sign in again");
        };
    }

    /** Ends the session of a refresh token; an unknown token is not an error (idempotent). */
    void logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiException.invalid("refresh_token", "is required");
        }
        store.revokeByRefreshToken(Hashes.sha256Hex(refreshToken.strip()), clock.instant())
                .ifPresent(session -> revokedSessions.put(session, true));
    }

    /** Ends the session an access token belongs to. */
    void logout(Caller.User user) {
        if (user.sessionId() != null) {
            store.revokeSession(user.sessionId(), "logout", clock.instant());
            revokedSessions.put(user.sessionId(), true);
        }
    }

    /** Tells this node at once about sessions revoked in the database by another use case. */
    void ended(Collection<String> sessionIds) {
        sessionIds.forEach(session -> revokedSessions.put(session, true));
    }

    /** Checks an access token, and that its session is still live. */
    Check check(String accessToken) {
        return switch (tokens.parse(accessToken)) {
            case AccessTokens.Parsed.Invalid invalid -> new Check.Invalid(invalid.reason());
            case AccessTokens.Parsed.Valid valid -> {
                var claimed = valid.claimed();
                boolean revoked =
                        revokedSessions.get(
                                claimed.sessionId(),
                                id -> store.sessionRevoked(id, clock.instant()));
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

    private String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Encoding.hex(bytes);
    }

    private String newTokenId() {
        return AccessTokens.randomId(random);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
