package io.peerclaw.node.accounts;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.Secret;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.storage.Database;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * User accounts: the use cases, which also check user credentials, and their routes. Built before
 * {@code identity}, which checks credentials through it, so its routes take the authenticator when
 * the root asks for them.
 */
public final class AccountsFeature implements Feature {
    private final Accounts accounts;

    private AccountsFeature(Accounts accounts) {
        this.accounts = accounts;
    }

    public static AccountsFeature create(
            Database database,
            AuditLog audit,
            InstantSource clock,
            SecureRandom random,
            NodeConfig.UserAuth config,
            NodeConfig.Smtp smtp,
            Secret sessionSecret,
            ExecutorService background) {
        var tokens = new AccessTokens(sessionSecret, config.accessTtl(), clock);
        return new AccountsFeature(
                new Accounts(
                        new AccountStore(database),
                        tokens,
                        audit,
                        clock,
                        random,
                        config,
                        smtp.configured()
                                ? new SmtpEmailSender(smtp, background)
                                : new LogEmailSender(),
                        background));
    }

    public Accounts accounts() {
        return accounts;
    }

    /** The routes under {@code /api/v1/auth}; only when {@code user_auth.enabled}. */
    public List<Mount> routes(Authenticator authenticator) {
        return Mount.under(Mount.API, new AccountsHttpService(accounts, authenticator));
    }
}
