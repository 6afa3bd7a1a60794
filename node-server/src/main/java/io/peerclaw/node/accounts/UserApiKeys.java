package io.peerclaw.node.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.identity.UserCredentials.Check;
import io.peerclaw.node.identity.UserRole;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.protocol.api.Accounts.ApiKey;
import io.peerclaw.shared.protocol.api.Accounts.ApiKeyCreated;
import io.peerclaw.shared.protocol.api.Accounts.ApiKeyRequest;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The API keys ({@code pck_…}) users make for scripts: created, listed and revoked by a signed-in
 * user, checked as bearer tokens. Only a key's hash is stored.
 */
final class UserApiKeys {
    static final String PREFIX = "pck_";
    static final int MAX_PER_USER = 25;

    private final UserKeyStore store;
    private final AuditLog audit;
    private final InstantSource clock;
    private final SecureRandom random;
    private final Cache<String, Optional<UserKeyStore.KeyRow>> keysByHash =
            Caffeine.newBuilder()
                    .maximumSize(100_000)
                    .expireAfterWrite(BearerCredentials.REVOCATION_CHECK_INTERVAL)
                    .build();

    /** Keys whose last use was written lately: at most one write a minute per key. */
    private final Cache<String, Instant> keyTouched =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();

    UserApiKeys(UserKeyStore store, AuditLog audit, InstantSource clock, SecureRandom random) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    ApiKeyCreated create(Caller.User caller, ApiKeyRequest request) {
        if (caller.apiKeyId() != null) {
            throw ApiException.forbidden("API keys cannot create API keys; sign in instead");
        }
        var errors = new ArrayList<FieldError>();
        String name = request.name() == null ? "" : request.name().strip();
        AccountInput.checkText(name, "name", 1, 100, errors);
        Set<KeyScope> scopes = requestedScopes(request.scopes(), errors);
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expires_at", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Encoding.hex(secret);
        String id = UUID.randomUUID().toString();
        String prefix = key.substring(0, 12);
        Instant expires =
                request.expiresAt() == null
                        ? null
                        : request.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        if (!store.insertKey(
                MAX_PER_USER,
                id,
                caller.userId(),
                name,
                Hashes.sha256Hex(key),
                prefix,
                scopesText(scopes),
                now,
                expires)) {
            throw ApiException.conflict(
                    "an account may hold at most " + MAX_PER_USER + " keys; revoke one first");
        }
        audit.recordBy(
                AuditEvent.USER_KEY_CREATED,
                caller.userId(),
                AuditLog.details("key_id", id, "prefix", prefix));
        return new ApiKeyCreated(id, key, prefix, name, scopeList(scopes), now, expires);
    }

    /** Every scope when none are named; an error for each name that is not a scope. */
    private static Set<KeyScope> requestedScopes(List<String> names, List<FieldError> errors) {
        Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        if (names == null) {
            scopes.addAll(KeyScope.ALL);
        } else if (names.isEmpty()) {
            errors.add(
                    new FieldError("scopes", "needs at least one of read, invoke, manage_agents"));
        } else {
            for (int i = 0; i < names.size(); i++) {
                String text = names.get(i);
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
        return scopes;
    }

    List<ApiKey> list(Caller.User caller) {
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

    void revoke(Caller.User caller, String keyId) {
        String hash =
                store.revokeKey(caller.userId(), keyId, clock.instant())
                        .orElseThrow(() -> ApiException.notFound("you have no API key " + keyId));
        keysByHash.invalidate(hash);
        audit.recordBy(
                AuditEvent.USER_KEY_REVOKED, caller.userId(), AuditLog.details("key_id", keyId));
    }

    /** Tells this node at once about keys deleted in the database by another use case. */
    void forget(Collection<String> keyHashes) {
        keysByHash.invalidateAll(keyHashes);
    }

    /** Checks a bearer token that starts with {@link #PREFIX}. */
    Check check(String key) {
        if (key.length() != PREFIX.length() + 64) {
            return new Check.Invalid("the bearer token is not a key this node issued");
        }
        String hash = Hashes.sha256Hex(key);
        Optional<UserKeyStore.KeyRow> row = keysByHash.get(hash, store::keyByHash);
        Instant now = clock.instant();
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
