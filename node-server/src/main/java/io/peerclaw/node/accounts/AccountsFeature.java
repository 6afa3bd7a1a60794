package io.peerclaw.node.accounts;

import io.helidon.webserver.http.HttpService;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.Secret;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.storage.Database;
import java.security.SecureRandom;
import java.time.InstantSource;

/** User accounts: the use cases, which also check user credentials, and their routes. */
public final class AccountsFeature {
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
            Secret sessionSecret) {
        var tokens = new AccessTokens(sessionSecret, config.accessTtl(), clock);
        return new AccountsFeature(
                new Accounts(
                        new AccountStore(database),
                        tokens,
                        audit,
                        clock,
                        random,
                        config,
                        smtp.configured() ? new SmtpEmailSender(smtp) : new LogEmailSender()));
    }

    public Accounts accounts() {
        return accounts;
    }

    public HttpService http(Authenticator authenticator) {
        return new AccountsHttpService(accounts, authenticator);
    }
}
