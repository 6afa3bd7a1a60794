package io.peerclaw.node.accounts;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.Secret;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.UserCredentials;
import io.peerclaw.node.storage.Database;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * User accounts: the use cases, the user credentials they check for the rest of the node, and their
 * routes. Built before {@code identity}, which checks credentials through it, so its routes take
 * the authenticator when the root asks for them.
 */
public final class AccountsFeature implements Feature {
    private final SelfService self;
    private final BearerCredentials credentials;
    private final UserAdministration administration;

    private AccountsFeature(
            SelfService self, BearerCredentials credentials, UserAdministration administration) {
        this.self = self;
        this.credentials = credentials;
        this.administration = administration;
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
        // The database keeps milliseconds: use cases store and compare instants at that grain.
        InstantSource millis = () -> clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var users = new UserStore(database);
        var passwords = new PasswordHasher(config.bcryptCost(), random);
        EmailSender email =
                smtp.configured() ? new SmtpEmailSender(smtp, background) : new LogEmailSender();
        boolean verification = config.requireEmailVerification();
        var sessions =
                new Sessions(
                        new SessionStore(database),
                        users,
                        new AccessTokens(sessionSecret, config.accessTtl(), clock),
                        audit,
                        millis,
                        random,
                        config.refreshTtl());
        var codes =
                new EmailCodes(
                        new EmailCodeStore(database),
                        users,
                        sessions,
                        email,
                        millis,
                        random,
                        config);
        var keys = new UserApiKeys(new UserKeyStore(database), audit, millis, random);
        return new AccountsFeature(
                new SelfService(
                        new SignUp(users, passwords, codes, email, audit, millis, verification),
                        new SignIn(users, passwords, sessions, audit, millis, verification),
                        sessions,
                        codes,
                        new Profiles(
                                users, passwords, codes, sessions, audit, millis, verification),
                        keys),
                new BearerCredentials(config.enabled(), sessions, keys, users),
                new UserAdministration(
                        new UserAdminStore(database),
                        users,
                        passwords,
                        sessions,
                        keys,
                        audit,
                        millis));
    }

    /** Checks users' bearer tokens (access tokens and API keys) for the identity feature. */
    public UserCredentials credentials() {
        return credentials;
    }

    /** The user management of the admin area and of the first-start setup. */
    public UserAdministration administration() {
        return administration;
    }

    /** Labels a user who came to own an agent as a provider (admins stay admins). */
    public void labelProvider(String userId) {
        administration.labelProvider(userId);
    }

    /** Creates {@code email} as an admin or promotes it; true when the account is new. */
    public boolean createAdmin(String email, String password) {
        return administration.createAdmin(email, password);
    }

    /** The routes under {@code /api/v1/auth}; only when {@code user_auth.enabled}. */
    public List<Mount> routes(Authenticator authenticator) {
        return Mount.under(Mount.API, new AccountsHttpService(self, authenticator));
    }
}
