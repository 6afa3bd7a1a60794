package io.peerclaw.node.identity;

import io.peerclaw.shared.model.AgentId;
import java.util.Set;

/** The authenticated party behind a request. */
public sealed interface Caller {

    /** No credentials were presented. */
    record Anonymous() implements Caller {}

    /**
     * An agent, proven by a request signature with its registered key or by one of its bearer keys
     * ({@code keyId} set).
     */
    record Agent(AgentId id, Credential credential, String keyId) implements Caller {
        public boolean signed() {
            return credential == Credential.SIGNATURE;
        }
    }

    /**
     * A person with an account, proven by an access token ({@code sessionId} set) or by one of
     * their API keys ({@code apiKeyId} set, limited to its scopes). The role is as the credential
     * states it; privileged routes re-read it.
     */
    record User(
            String userId, UserRole role, String sessionId, String apiKeyId, Set<KeyScope> scopes)
            implements Caller {
        public User {
            scopes = Set.copyOf(scopes);
        }

        public boolean may(KeyScope scope) {
            return scopes.contains(scope);
        }
    }

    /** How an agent proved itself. */
    enum Credential {
        SIGNATURE,
        API_KEY
    }

    Caller ANONYMOUS = new Anonymous();

    /** Whether this caller is the agent itself. */
    default boolean is(AgentId agent) {
        return this instanceof Agent a && a.id().equals(agent);
    }
}
