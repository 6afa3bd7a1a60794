package io.peerclaw.node.admin;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import io.peerclaw.shared.json.Json;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first start of an empty node: creating the first admin from this machine, once. */
class SetupIT {
    static TestNode node;
    static Users users;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("user_auth.bcrypt_cost", "4"));
        users = new Users(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void theFirstAdminIsCreatedOnceFromThisMachineOnly() {
        var status = users.get("/api/v1/setup", null);
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        assertThat(status.json().get("needs_admin").asBoolean()).isTrue();

        var credentials = Map.of("email", "first@example.org", "password", "first password 1");
        var proxied =
                Http.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/setup/admin"))
                                .header("Content-Type", "application/json")
                                .header("X-Forwarded-For", "203.0.113.9")
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArray(
                                                Json.bytes(credentials)))
                                .build());
        assertProblem(proxied, 403, "forbidden");

        var invalid =
                users.post(
                        "/api/v1/setup/admin",
                        Map.of("email", "not-an-email", "password", "first password 1"),
                        null);
        assertProblem(invalid, 400, "validation_error");
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("email");

        // An existing account is not taken over, even while there is no admin.
        var taken = users.register("taken@example.org", Users.PASSWORD);
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        var takeover =
                users.post(
                        "/api/v1/setup/admin",
                        Map.of("email", "Taken@example.org", "password", "other password 1"),
                        null);
        assertProblem(takeover, 409, "conflict");
        assertThat(users.login("taken@example.org", Users.PASSWORD).status()).isEqualTo(200);

        var created = users.post("/api/v1/setup/admin", credentials, null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("user").get("email").asText()).isEqualTo("first@example.org");
        assertThat(created.json().get("user").get("role").asText()).isEqualTo("admin");

        var admin =
                users.signIn(
                        created.json().get("user").get("id").asText(),
                        "first@example.org",
                        "first password 1");
        assertThat(users.get("/api/v1/admin/node", admin.accessToken()).status()).isEqualTo(200);
        assertThat(users.get("/api/v1/setup", null).json().get("needs_admin").asBoolean())
                .isFalse();

        var again =
                users.post(
                        "/api/v1/setup/admin",
                        Map.of("email", "second@example.org", "password", "second password 1"),
                        null);
        assertProblem(again, 409, "conflict");
    }
}
