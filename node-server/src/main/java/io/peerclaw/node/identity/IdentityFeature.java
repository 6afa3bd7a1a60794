package io.peerclaw.node.identity;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.storage.Database;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;

/** Caller authentication and agent bearer keys: the feature's public parts. */
public final class IdentityFeature implements Feature {
    private final Authenticator authenticator;
    private final AgentKeysHttpService http;

    private IdentityFeature(Authenticator authenticator, AgentKeysHttpService http) {
        this.authenticator = authenticator;
        this.http = http;
    }

    public static IdentityFeature create(
            Database database,
            KeyDirectory directory,
            PendingRegistrations pending,
            AuditLog audit,
            NodeConfig.Auth config,
            InstantSource clock,
            SecureRandom random,
            UserCredentials users) {
        var keys = new AgentKeys(new AgentKeyStore(database), audit, clock, random);
        var authenticator =
                new Authenticator(
                        directory,
                        pending,
                        keys,
                        new NonceCache(config.signatureMaxSkew()),
                        config.signatureMaxSkew(),
                        clock,
                        audit,
                        users);
        return new IdentityFeature(authenticator, new AgentKeysHttpService(keys, authenticator));
    }

    /** Who is calling: every feature's routes ask it. */
    public Authenticator authenticator() {
        return authenticator;
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(Mount.API, http);
    }
}
