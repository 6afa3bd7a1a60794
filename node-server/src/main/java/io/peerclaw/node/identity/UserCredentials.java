package io.peerclaw.node.identity;

/**
 * Checks the bearer credentials of people (access tokens and user API keys). The accounts feature
 * implements it; identity declares it so that it need not know how accounts are stored.
 */
public interface UserCredentials {

    /** The outcome of checking one bearer token. */
    sealed interface Check {
        record Valid(Caller.User user) implements Check {}

        /** Not usable; {@code reason} is safe to show to the caller. */
        record Invalid(String reason) implements Check {}
    }

    Check check(String bearerToken);

    /** The role stored now, for routes that must not trust the role inside a token. */
    java.util.Optional<UserRole> currentRole(String userId);
}
