package io.peerclaw.node.identity;

import io.helidon.webserver.http.HttpService;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.storage.Database;
import java.security.SecureRandom;
import java.time.InstantSource;

/** Caller authentication and agent bearer keys: the feature's public parts. */
public record IdentityFeature(Authenticator authenticator, HttpService http) {
    public static IdentityFeature create(
            Database database,
            KeyDirectory directory,
            AuditLog audit,
            NodeConfig.Auth config,
            InstantSource clock,
            SecureRandom random,
            UserCredentials users) {
        var keys = new AgentKeys(new AgentKeyStore(database), audit, clock, random);
        var authenticator =
                new Authenticator(
                        directory,
                        keys,
                        new NonceCache(config.signatureMaxSkew()),
                        config.signatureMaxSkew(),
                        clock,
                        audit,
                        users);
        return new IdentityFeature(authenticator, new AgentKeysHttpService(keys, authenticator));
    }
}
