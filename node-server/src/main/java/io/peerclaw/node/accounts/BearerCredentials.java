package io.peerclaw.node.accounts;

import io.peerclaw.node.identity.UserCredentials;
import io.peerclaw.node.identity.UserRole;
import java.time.Duration;
import java.util.Optional;

/** Checks a user's bearer token for the rest of the node: an access token or an API key. */
final class BearerCredentials implements UserCredentials {
    /**
     * How long this node may still accept a session or key that another node revoked: both are
     * remembered that long to spare a database read per request.
     */
    static final Duration REVOCATION_CHECK_INTERVAL = Duration.ofSeconds(10);

    private final boolean enabled;
    private final Sessions sessions;
    private final UserApiKeys keys;
    private final UserStore users;

    BearerCredentials(boolean enabled, Sessions sessions, UserApiKeys keys, UserStore users) {
        this.enabled = enabled;
        this.sessions = sessions;
        this.keys = keys;
        this.users = users;
    }

    @Override
    public Check check(String bearerToken) {
        if (!enabled) {
            return new Check.Invalid("user accounts are turned off on this node");
        }
        if (bearerToken.startsWith(UserApiKeys.PREFIX)) {
            return keys.check(bearerToken);
        }
        return sessions.check(bearerToken);
    }

    @Override
    public Optional<UserRole> currentRole(String userId) {
        return users.role(userId).flatMap(UserRole::parse);
    }
}
