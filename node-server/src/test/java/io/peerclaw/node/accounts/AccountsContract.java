package io.peerclaw.node.accounts;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.shared.crypto.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Accounts, sessions and API keys through HTTP, on whichever engine the subclass starts. */
abstract class AccountsContract {
    static final Map<String, String> FAST_HASHING = Map.of("user_auth.bcrypt_cost", "4");

    static TestNode node;
    static Users users;

    static void startOn(TestNode.Engine engine) {
        node = TestNode.start(engine, FAST_HASHING);
        users = new Users(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    // ------------------------------------------------------------------ sign-up

    @Test
    void signUpAnswersTheUserWithoutSecrets() {
        String email = Users.uniqueEmail("Ada");
        var response = users.register("  " + email.toUpperCase() + " ", Users.PASSWORD);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var user = response.json().get("user");
        assertThat(user.get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(user.get("display_name").asText())
                .isEqualTo(email.substring(0, email.indexOf('@')).toLowerCase());
        assertThat(user.get("role").asText()).isEqualTo("user");
        assertThat(user.get("email_verified").asBoolean()).isFalse();
        assertThat(user.has("id")).isTrue();
        assertThat(response.text()).doesNotContain("password").doesNotContain("$2b$");
        assertThat(response.json().has("requires_verification")).isFalse();
    }

    @Test
    void aTakenEmailIsAConflictWhileVerificationIsOff() {
        String email = Users.uniqueEmail("twice");
        assertThat(users.register(email, Users.PASSWORD).status()).isEqualTo(201);
        assertProblem(users.register(email.toUpperCase(), "another password 1"), 409, "conflict");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not-an-email|long enough password|email",
                "a@b|long enough password|email",
                "ok@example.org|short|password",
                "ok@example.org|xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|password",
            })
    void badSignUpFieldsAreNamed(String email, String password, String field) {
        var response = users.register(email, password);
        assertProblem(response, 400, "validation_error");
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly(field);
    }

    @Test
    void passwordLimitsCountUtf8Bytes() {
        // 24 three-byte characters: 72 bytes, the most bcrypt reads.
        assertThat(users.register(Users.uniqueEmail("utf"), "€".repeat(24)).status())
                .isEqualTo(201);
        assertProblem(
                users.register(Users.uniqueEmail("utf"), "€".repeat(25)), 400, "validation_error");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        var response =
                users.post(
                        "/api/v1/auth/register",
                        Map.of(
                                "email",
                                "nope",
                                "password",
                                "short",
                                "display_name",
                                "x".repeat(101)),
                        null);
        assertProblem(response, 400, "validation_error");
        assertThat(response.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("email", "password", "display_name");
    }

    @Test
    void everyMemberOfTheWrongTypeIsReportedAtOnce() {
        for (String path : List.of("/api/v1/auth/register", "/api/v1/auth/login")) {
            var response =
                    users.post(path, "{\"email\":42,\"password\":true,\"pasword\":\"x\"}", null);
            assertProblem(response, 400, "validation_error");
            var errors = response.json().get("errors");
            assertThat(errors.findValuesAsText("field"))
                    .as(path)
                    .containsExactly("email", "password", "pasword");
            assertThat(errors.findValuesAsText("message"))
                    .as(path)
                    .containsExactly(
                            "must be text", "must be text", "is not a field this request takes");
            assertThat(response.json().get("detail").asText()).isEqualTo("3 fields are invalid");
        }
        // One bad member alone keeps its own sentence as the detail.
        var one = users.post("/api/v1/auth/login", "{\"email\":42,\"password\":\"p\"}", null);
        assertThat(one.json().get("detail").asText()).isEqualTo("email must be text");
    }

    @Test
    void aBodyThatIsNotAnObjectIsNamedInWords() {
        for (String body : List.of("[]", "null", "{", "")) {
            var response = users.post("/api/v1/auth/login", body, null);
            assertProblem(response, 400, "validation_error");
            assertThat(response.json().at("/errors/0/field").asText()).as(body).isEqualTo("$");
            assertThat(response.json().get("detail").asText())
                    .as(body)
                    .startsWith("the request body ")
                    .doesNotContain("$");
        }
    }

    @Test
    void malformedBodiesAreValidationProblems() {
        assertProblem(users.post("/api/v1/auth/register", "{", null), 400, "validation_error");
        assertProblem(users.post("/api/v1/auth/login", "{}", null), 400, "validation_error");
        assertProblem(users.post("/api/v1/auth/login", "[]", null), 400, "validation_error");
        assertProblem(
                users.send("GET", "/api/v1/auth/login", null, null), 405, "method_not_allowed");
    }

    // ------------------------------------------------------------------ sign-in

    @Test
    void signInGivesATokenPairThatOpensTheProfile() {
        var session = users.signUp("sign-in");
        var me = users.get("/api/v1/auth/me", session.accessToken());
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(session.id());
        var login = users.login(session.email(), Users.PASSWORD);
        assertThat(login.json().get("expires_in").asLong()).isEqualTo(900);
        assertThat(login.json().get("refresh_token").asText()).hasSize(64);
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void unknownEmailAndWrongPasswordAnswerAlike() {
        var session = users.signUp("alike");
        var wrong = users.login(session.email(), "wrong password!");
        var unknown = users.login(Users.uniqueEmail("nobody"), "wrong password!");
        assertProblem(wrong, 401, "auth_error");
        assertProblem(unknown, 401, "auth_error");
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
        assertThat(wrong.text()).doesNotContain(session.email());
    }

    @Test
    void repeatedFailuresLockTheEmailOutEvenForTheRightPassword() {
        var session = users.signUp("locked");
        for (int i = 0; i < SignIn.FAILURES_PER_EMAIL - 1; i++) {
            assertProblem(users.login(session.email(), "wrong password!"), 401, "auth_error");
        }
        var locking = users.login(session.email(), "wrong password!");
        assertProblem(locking, 429, "rate_limited");
        assertThat(Long.parseLong(locking.header("Retry-After"))).isBetween(1L, 900L);
        var right = users.login(session.email(), Users.PASSWORD);
        assertProblem(right, 429, "rate_limited");
        assertThat(right.header("Retry-After")).isNotNull();
        // Unknown emails lock the same way, so a lockout tells nothing about the account.
        String nobody = Users.uniqueEmail("ghost");
        for (int i = 0; i < SignIn.FAILURES_PER_EMAIL - 1; i++) {
            users.login(nobody, "wrong password!");
        }
        assertProblem(users.login(nobody, "wrong password!"), 429, "rate_limited");
    }

    @Test
    void theProfileNeedsAValidToken() {
        assertProblem(users.get("/api/v1/auth/me", null), 401, "auth_error");
        assertProblem(users.get("/api/v1/auth/me", "garbage"), 401, "auth_error");
        var session = users.signUp("tamper");
        String[] parts = session.accessToken().split("\\.");
        String payload =
                new String(Encoding.fromBase64Url(parts[1]).orElseThrow(), StandardCharsets.UTF_8);
        String forged =
                Encoding.base64Url(
                        payload.replace("\"role\":\"user\"", "\"role\":\"admin\"")
                                .getBytes(StandardCharsets.UTF_8));
        var tampered = users.get("/api/v1/auth/me", parts[0] + "." + forged + "." + parts[2]);
        assertProblem(tampered, 401, "auth_error");
        String none =
                Encoding.base64Url("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                        + "."
                        + parts[1]
                        + ".";
        assertProblem(users.get("/api/v1/auth/me", none), 401, "auth_error");
    }

    // ------------------------------------------------------------------ refresh and sign-out

    @Test
    void refreshRotatesAndReuseRevokesTheWholeSession() {
        var session = users.signUp("rotate");
        var first =
                users.post(
                        "/api/v1/auth/refresh",
                        Map.of("refresh_token", session.refreshToken()),
                        null);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String newAccess = first.json().get("access_token").asText();
        String newRefresh = first.json().get("refresh_token").asText();
        assertThat(newRefresh).isNotEqualTo(session.refreshToken());
        assertThat(users.get("/api/v1/auth/me", newAccess).status()).isEqualTo(200);

        var reuse =
                users.post(
                        "/api/v1/auth/refresh",
                        Map.of("refresh_token", session.refreshToken()),
                        null);
        assertProblem(reuse, 401, "auth_error");
        assertThat(reuse.json().get("detail").asText()).contains("already used");
        assertProblem(users.get("/api/v1/auth/me", newAccess), 401, "auth_error");
        assertProblem(users.get("/api/v1/auth/me", session.accessToken()), 401, "auth_error");
        assertProblem(
                users.post("/api/v1/auth/refresh", Map.of("refresh_token", newRefresh), null),
                401,
                "auth_error");
    }

    @Test
    void concurrentUsesOfOneRefreshTokenLetAtMostOneThrough() throws Exception {
        var session = users.signUp("race");
        List<Future<Http.Response>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                results.add(
                        pool.submit(
                                () ->
                                        users.post(
                                                "/api/v1/auth/refresh",
                                                Map.of("refresh_token", session.refreshToken()),
                                                null)));
            }
        }
        long ok = 0;
        for (var result : results) {
            int status = result.get().status();
            assertThat(status).isIn(200, 401);
            ok += status == 200 ? 1 : 0;
        }
        assertThat(ok).isLessThanOrEqualTo(1);
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        var session = users.signUp("logout");
        var out =
                users.post(
                        "/api/v1/auth/logout",
                        Map.of("refresh_token", session.refreshToken()),
                        null);
        assertThat(out.status()).isEqualTo(204);
        assertProblem(users.get("/api/v1/auth/me", session.accessToken()), 401, "auth_error");
        assertProblem(
                users.post(
                        "/api/v1/auth/refresh",
                        Map.of("refresh_token", session.refreshToken()),
                        null),
                401,
                "auth_error");
        // Twice is fine; an unknown token too.
        assertThat(
                        users.post(
                                        "/api/v1/auth/logout",
                                        Map.of("refresh_token", session.refreshToken()),
                                        null)
                                .status())
                .isEqualTo(204);

        var other = users.signUp("logout-bearer");
        assertThat(users.post("/api/v1/auth/logout", null, other.accessToken()).status())
                .isEqualTo(204);
        assertProblem(users.get("/api/v1/auth/me", other.accessToken()), 401, "auth_error");
        assertProblem(users.post("/api/v1/auth/logout", null, null), 401, "auth_error");
    }

    // ------------------------------------------------------------------ profile

    @Test
    void profileUpdatesArePartial() {
        var session = users.signUp("partial");
        var first =
                users.send(
                        "PUT",
                        "/api/v1/auth/me",
                        Map.of("description", "builds agents"),
                        session.accessToken());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        var second =
                users.send(
                        "PUT",
                        "/api/v1/auth/me",
                        Map.of("display_name", "Ada L."),
                        session.accessToken());
        assertThat(second.json().get("display_name").asText()).isEqualTo("Ada L.");
        assertThat(second.json().get("description").asText()).isEqualTo("builds agents");
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/auth/me",
                        Map.of("display_name", ""),
                        session.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.send("PUT", "/api/v1/auth/me", Map.of("description", "x"), null),
                401,
                "auth_error");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsEverySession() {
        var session = users.signUp("password");
        var other = users.signIn(session.id(), session.email(), Users.PASSWORD);
        var missing =
                users.send(
                        "PUT",
                        "/api/v1/auth/me",
                        Map.of("password", "a new password 1"),
                        session.accessToken());
        assertProblem(missing, 400, "validation_error");
        assertThat(missing.json().get("errors").findValuesAsText("field"))
                .contains("current_password");
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/auth/me",
                        Map.of("password", "a new password 1", "current_password", "not it at all"),
                        session.accessToken()),
                403,
                "forbidden");
        var changed =
                users.send(
                        "PUT",
                        "/api/v1/auth/me",
                        Map.of("password", "a new password 1", "current_password", Users.PASSWORD),
                        session.accessToken());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertProblem(users.get("/api/v1/auth/me", session.accessToken()), 401, "auth_error");
        assertProblem(users.get("/api/v1/auth/me", other.accessToken()), 401, "auth_error");
        assertProblem(
                users.post(
                        "/api/v1/auth/refresh",
                        Map.of("refresh_token", other.refreshToken()),
                        null),
                401,
                "auth_error");
        assertProblem(users.login(session.email(), Users.PASSWORD), 401, "auth_error");
        assertThat(users.login(session.email(), "a new password 1").status()).isEqualTo(200);
    }

    @Test
    void anEmailChangeNeedsTheCurrentPasswordAndAFreeAddress() {
        var session = users.signUp("mover");
        var taken = users.signUp("taken");
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/auth/me",
                        Map.of("email", taken.email()),
                        session.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.send(
                        "PUT",
                        "/api/v1/auth/me",
                        Map.of("email", taken.email(), "current_password", Users.PASSWORD),
                        session.accessToken()),
                409,
                "conflict");
        String fresh = Users.uniqueEmail("moved");
        var moved =
                users.send(
                        "PUT",
                        "/api/v1/auth/me",
                        Map.of("email", fresh, "current_password", Users.PASSWORD),
                        session.accessToken());
        assertThat(moved.json().get("email").asText()).isEqualTo(fresh);
        assertThat(moved.json().get("role").asText()).isEqualTo("user");
    }

    // ------------------------------------------------------------------ API keys

    @Test
    void apiKeysAreShownOnceAndActForTheirOwner() {
        var session = users.signUp("keys");
        var created =
                users.post(
                        "/api/v1/auth/api-keys",
                        Map.of("name", "ci", "scopes", List.of("read")),
                        session.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.json().get("key").asText();
        assertThat(key).startsWith("pck_").hasSize(68);
        assertThat(created.json().get("prefix").asText()).isEqualTo(key.substring(0, 12));
        assertThat(created.json().get("scopes").toString()).isEqualTo("[\"read\"]");

        var me = users.get("/api/v1/auth/me", key);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(session.id());

        var list = users.get("/api/v1/auth/api-keys", session.accessToken());
        assertThat(list.json().get("keys")).hasSize(1);
        assertThat(list.text()).doesNotContain(key);
        assertThat(list.json().get("keys").get(0).get("last_used").isNull()).isFalse();

        assertProblem(
                users.post("/api/v1/auth/api-keys", Map.of("name", "nested"), key),
                403,
                "forbidden");
        assertProblem(
                users.send("PUT", "/api/v1/auth/me", Map.of("description", "x"), key),
                403,
                "forbidden");

        String id = created.json().get("id").asText();
        var stranger = users.signUp("stranger");
        assertProblem(
                users.send("DELETE", "/api/v1/auth/api-keys/" + id, null, stranger.accessToken()),
                404,
                "not_found");
        assertThat(users.get("/api/v1/auth/me", key).status()).isEqualTo(200);
        assertThat(users.get("/api/v1/auth/api-keys", stranger.accessToken()).json().get("keys"))
                .isEmpty();

        assertThat(
                        users.send(
                                        "DELETE",
                                        "/api/v1/auth/api-keys/" + id,
                                        null,
                                        session.accessToken())
                                .status())
                .isEqualTo(204);
        assertProblem(users.get("/api/v1/auth/me", key), 401, "auth_error");
        assertProblem(
                users.send("DELETE", "/api/v1/auth/api-keys/" + id, null, session.accessToken()),
                404,
                "not_found");
    }

    @Test
    void badApiKeyRequestsAreNamed() {
        var session = users.signUp("bad-keys");
        var response =
                users.post(
                        "/api/v1/auth/api-keys",
                        Map.of(
                                "name",
                                "",
                                "scopes",
                                List.of("read", "root"),
                                "expires_at",
                                "2001-01-01T00:00:00Z"),
                        session.accessToken());
        assertProblem(response, 400, "validation_error");
        assertThat(response.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("name", "scopes[1]", "expires_at");
        assertProblem(
                users.post(
                        "/api/v1/auth/api-keys",
                        Map.of("name", "x", "scopes", List.of()),
                        session.accessToken()),
                400,
                "validation_error");
        assertProblem(
                users.post("/api/v1/auth/api-keys", Map.of("name", "x"), null), 401, "auth_error");
        assertProblem(users.get("/api/v1/auth/me", "pck_" + "0".repeat(64)), 401, "auth_error");
    }

    @Test
    void anAccountHoldsABoundedNumberOfKeys() {
        var session = users.signUp("many-keys");
        for (int i = 0; i < UserApiKeys.MAX_PER_USER; i++) {
            assertThat(
                            users.post(
                                            "/api/v1/auth/api-keys",
                                            Map.of("name", "k" + i),
                                            session.accessToken())
                                    .status())
                    .isEqualTo(201);
        }
        assertProblem(
                users.post(
                        "/api/v1/auth/api-keys", Map.of("name", "one more"), session.accessToken()),
                409,
                "conflict");
    }
}
