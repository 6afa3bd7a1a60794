package io.peerclaw.node.accounts;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.api.NodeOptions;
import io.peerclaw.node.api.NodeServer;
import io.peerclaw.node.api.NodeStartException;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Expiry, email verification, the admin bootstrap and address lockouts, each on its own node. */
class AccountLifecycleIT {
    static final Map<String, String> FAST = AccountsContract.FAST_HASHING;
    final MailCatcher mail = new MailCatcher();

    @org.junit.jupiter.api.AfterEach
    void stopListening() {
        mail.close();
    }

    @Test
    void accessTokensAndKeysExpireButTheSessionRefreshes() {
        var clock = MutableClock.atSystemTime();
        try (var node = TestNode.start(TestNode.Engine.H2, FAST, clock)) {
            var users = new Users(node.uri());
            var session = users.signUp("expiry");
            var key =
                    users.post(
                            "/api/v1/auth/api-keys",
                            Map.of(
                                    "name",
                                    "short",
                                    "expires_at",
                                    clock.instant().plusSeconds(3600).toString()),
                            session.accessToken());
            assertThat(key.status()).as(key.toString()).isEqualTo(201);
            clock.advance(Duration.ofMinutes(16));
            var expired = users.get("/api/v1/auth/me", session.accessToken());
            assertProblem(expired, 401, "auth_error");
            assertThat(expired.json().get("detail").asText()).contains("expired");
            var refreshed =
                    users.post(
                            "/api/v1/auth/refresh",
                            Map.of("refresh_token", session.refreshToken()),
                            null);
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(
                            users.get(
                                            "/api/v1/auth/me",
                                            refreshed.json().get("access_token").asText())
                                    .status())
                    .isEqualTo(200);
            String rawKey = key.json().get("key").asText();
            assertThat(users.get("/api/v1/auth/me", rawKey).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(45));
            assertProblem(users.get("/api/v1/auth/me", rawKey), 401, "auth_error");
            // The refresh token lives a week from its last use, not longer.
            clock.advance(Duration.ofDays(8));
            assertProblem(
                    users.post(
                            "/api/v1/auth/refresh",
                            Map.of("refresh_token", refreshed.json().get("refresh_token").asText()),
                            null),
                    401,
                    "auth_error");
        }
    }

    @Test
    void withVerificationOnCodesGateSignInAndLookAlikeForTakenEmails() {
        var settings = new java.util.HashMap<>(FAST);
        settings.put("user_auth.require_email_verification", "true");
        settings.put("user_auth.admin_emails", "boss@example.org");
        try (var node = TestNode.start(TestNode.Engine.H2, settings)) {
            mail.listen();
            var users = new Users(node.uri());
            String email = Users.uniqueEmail("verify");
            var registered = users.register(email, Users.PASSWORD);
            assertThat(registered.status()).isEqualTo(201);
            assertThat(registered.json().get("requires_verification").asBoolean()).isTrue();
            var again = users.register(email, "another password 2");
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.json().fieldNames())
                    .toIterable()
                    .containsExactlyElementsOf(() -> registered.json().fieldNames());

            var refused = users.login(email, Users.PASSWORD);
            assertProblem(refused, 403, "forbidden");
            assertThat(refused.json().get("detail").asText()).contains("requires_verification");

            String code = mail.codeFor(email);
            assertProblem(
                    users.post(
                            "/api/v1/auth/verify-email",
                            Map.of("email", email, "code", "00000000"),
                            null),
                    400,
                    "validation_error");
            var verified =
                    users.post(
                            "/api/v1/auth/verify-email",
                            Map.of("email", email, "code", code),
                            null);
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.json().get("access_token").asText()).isNotBlank();
            assertThat(users.login(email, Users.PASSWORD).status()).isEqualTo(200);
            assertProblem(
                    users.post(
                            "/api/v1/auth/verify-email",
                            Map.of("email", email, "code", code),
                            null),
                    400,
                    "validation_error");

            // Five wrong guesses kill a code, even if the sixth is right.
            String guessed = Users.uniqueEmail("guessed");
            users.register(guessed, Users.PASSWORD);
            String right = mail.codeFor(guessed);
            for (int i = 0; i < EmailCodes.ATTEMPTS; i++) {
                users.post(
                        "/api/v1/auth/verify-email",
                        Map.of("email", guessed, "code", "1234567" + i),
                        null);
            }
            assertProblem(
                    users.post(
                            "/api/v1/auth/verify-email",
                            Map.of("email", guessed, "code", right),
                            null),
                    400,
                    "validation_error");

            // admin_emails applies when such an address proves itself at sign-up.
            users.register("boss@example.org", Users.PASSWORD);
            var boss =
                    users.post(
                            "/api/v1/auth/verify-email",
                            Map.of(
                                    "email",
                                    "boss@example.org",
                                    "code",
                                    mail.codeFor("boss@example.org")),
                            null);
            var me = users.get("/api/v1/auth/me", boss.json().get("access_token").asText());
            assertThat(me.json().get("role").asText()).isEqualTo("admin");
        }
    }

    @Test
    void codesTravelThroughTheConfiguredSmtpServer() throws Exception {
        var smtp =
                new com.icegreen.greenmail.util.GreenMail(
                        new com.icegreen.greenmail.util.ServerSetup(
                                0,
                                "127.0.0.1",
                                com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            var settings = new java.util.HashMap<>(FAST);
            settings.put("user_auth.require_email_verification", "true");
            settings.put("smtp.host", "127.0.0.1");
            settings.put("smtp.port", Integer.toString(smtp.getSmtp().getPort()));
            settings.put("smtp.tls", "false");
            settings.put("smtp.from", "node@example.org");
            try (var node = TestNode.start(TestNode.Engine.H2, settings)) {
                var users = new Users(node.uri());
                String email = Users.uniqueEmail("mailed");
                assertThat(users.register(email, Users.PASSWORD).status()).isEqualTo(201);
                assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
                var message = smtp.getReceivedMessages()[0];
                assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
                assertThat(message.getFrom()[0].toString()).isEqualTo("node@example.org");
                var matcher =
                        Pattern.compile("code is (\\d{8})")
                                .matcher(
                                        com.icegreen.greenmail.util.GreenMailUtil.getBody(message));
                assertThat(matcher.find()).isTrue();
                var verified =
                        users.post(
                                "/api/v1/auth/verify-email",
                                Map.of("email", email, "code", matcher.group(1)),
                                null);
                assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void anEmailChangeToAnAdminAddressGrantsNothing() {
        var settings = new java.util.HashMap<>(FAST);
        settings.put("user_auth.require_email_verification", "true");
        settings.put("user_auth.admin_emails", "chief@example.org");
        try (var node = TestNode.start(TestNode.Engine.H2, settings)) {
            mail.listen();
            var users = new Users(node.uri());
            String email = Users.uniqueEmail("climber");
            users.register(email, Users.PASSWORD);
            var tokens =
                    users.post(
                            "/api/v1/auth/verify-email",
                            Map.of("email", email, "code", mail.codeFor(email)),
                            null);
            String access = tokens.json().get("access_token").asText();
            var pending =
                    users.send(
                            "PUT",
                            "/api/v1/auth/me",
                            Map.of(
                                    "email",
                                    "chief@example.org",
                                    "current_password",
                                    Users.PASSWORD),
                            access);
            assertThat(pending.json().get("email").asText()).isEqualTo(email);
            var confirmed =
                    users.post(
                            "/api/v1/auth/verify-email",
                            Map.of(
                                    "email",
                                    "chief@example.org",
                                    "code",
                                    mail.codeFor("chief@example.org")),
                            null);
            assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
            var me = users.get("/api/v1/auth/me", access);
            assertThat(me.json().get("email").asText()).isEqualTo("chief@example.org");
            assertThat(me.json().get("role").asText()).isEqualTo("user");
        }
    }

    @Test
    void theAdminBootstrapCreatesOrPromotesInTheNodesDatabase() {
        var directory = TestNode.temporaryDirectory();
        try {
            var options =
                    NodeOptions.defaults()
                            .withDataDirectory(directory)
                            .withEnvironment(Map.of())
                            .with("user_auth.bcrypt_cost", "4")
                            .with("logging.level", "warn");
            assertThat(
                            NodeServer.createAdmin(
                                    options,
                                    OutputStream.nullOutputStream(),
                                    "Root@Example.org",
                                    "root password 1"))
                    .isTrue();
            assertThatThrownBy(
                            () ->
                                    NodeServer.createAdmin(
                                            options,
                                            OutputStream.nullOutputStream(),
                                            "x@example.org",
                                            "short"))
                    .isInstanceOf(NodeStartException.class)
                    .satisfies(
                            e ->
                                    assertThat(((NodeStartException) e).problems())
                                            .containsExactly(
                                                    "password must be 10 to 72 bytes long"
                                                            + " (UTF-8)"));

            String plainEmail;
            var first = TestNode.startOn(directory, FAST);
            try {
                var node = first;
                var users = new Users(node.uri());
                var root = users.login("root@example.org", "root password 1");
                assertThat(root.status()).isEqualTo(200);
                assertThat(
                                users.get(
                                                "/api/v1/auth/me",
                                                root.json().get("access_token").asText())
                                        .json()
                                        .get("role")
                                        .asText())
                        .isEqualTo("admin");
                plainEmail = users.signUp("promoted").email();
            } finally {
                first.stop();
            }
            assertThat(
                            NodeServer.createAdmin(
                                    options,
                                    OutputStream.nullOutputStream(),
                                    plainEmail,
                                    "chosen password 9"))
                    .isFalse();
            var second = TestNode.startOn(directory, FAST);
            try {
                var node = second;
                var users = new Users(node.uri());
                assertProblem(users.login(plainEmail, Users.PASSWORD), 401, "auth_error");
                var promoted = users.login(plainEmail, "chosen password 9");
                assertThat(
                                users.get(
                                                "/api/v1/auth/me",
                                                promoted.json().get("access_token").asText())
                                        .json()
                                        .get("role")
                                        .asText())
                        .isEqualTo("admin");
            } finally {
                second.stop();
            }
        } finally {
            TestNode.deleteRecursively(directory);
        }
    }

    @Test
    void oneAddressFailingAcrossManyEmailsIsLockedOut() {
        try (var node = TestNode.start(TestNode.Engine.H2, FAST)) {
            var users = new Users(node.uri());
            var session = users.signUp("bystander");
            io.peerclaw.node.fixtures.Http.Response last = null;
            for (int i = 0; i < SignIn.FAILURES_PER_ADDRESS; i++) {
                last = users.login(Users.uniqueEmail("spray"), "wrong password!");
            }
            assertProblem(last, 429, "rate_limited");
            assertProblem(users.login(session.email(), Users.PASSWORD), 429, "rate_limited");
        }
    }

    /** Reads the codes the log sender writes. */
    static final class MailCatcher extends Handler {
        private static final Pattern CODE = Pattern.compile("email to (\\S+) .*code is (\\d{8})");
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Logger logger = Logger.getLogger(LogEmailSender.class.getName());

        void listen() {
            logger.setLevel(Level.INFO);
            logger.addHandler(this);
        }

        String codeFor(String email) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                var matcher = CODE.matcher(lines.get(i));
                if (matcher.find() && matcher.group(1).equals(email)) {
                    return matcher.group(2);
                }
            }
            throw new AssertionError("no code was sent to " + email + ": " + lines);
        }

        @Override
        public void publish(LogRecord record) {
            String text = record.getMessage();
            Object[] parameters = record.getParameters();
            if (parameters != null) {
                text = java.text.MessageFormat.format(text, parameters);
            }
            lines.add(text);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
