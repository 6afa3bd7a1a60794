package io.peerclaw.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /admin/restart}: the node comes back on its port with the configuration re-read. */
class NodeRestartIT {
    static TestNode node;
    static Users users;
    static Users.Session admin;

    @BeforeAll
    static void start() {
        node =
                TestNode.startWithAdmin(
                        TestNode.Engine.H2,
                        Map.of("user_auth.bcrypt_cost", "4"),
                        "restart-admin@example.org",
                        "restart password 1");
        users = new Users(node.uri());
        var login = users.login("restart-admin@example.org", "restart password 1");
        var me = users.get("/api/v1/auth/me", login.json().get("access_token").asText());
        admin =
                users.signIn(
                        me.json().get("id").asText(),
                        "restart-admin@example.org",
                        "restart password 1");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void theNodeRestartsOnItsPortWithSavedSettingsAndEndsLiveStreams() throws Exception {
        var before = users.get("/api/v1/admin/node", admin.accessToken()).json();
        var saved =
                users.send(
                        "PUT",
                        "/api/v1/admin/settings",
                        Map.of("settings", Map.of("rate_limit.burst_size", 321)),
                        admin.accessToken());
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(
                        users.get("/api/v1/admin/settings", admin.accessToken())
                                .json()
                                .get("restart_required")
                                .asBoolean())
                .isTrue();

        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var stream =
                client.sendAsync(
                                HttpRequest.newBuilder(node.uri("/api/v1/admin/activity"))
                                        .header("Authorization", "Bearer " + admin.accessToken())
                                        .build(),
                                HttpResponse.BodyHandlers.ofLines())
                        .get(10, TimeUnit.SECONDS);
        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> stream.body().count());

        var restart = users.post("/api/v1/admin/restart", "{}", admin.accessToken());
        assertThat(restart.status()).as(restart.toString()).isEqualTo(202);
        assertThat(restart.json().get("restarting").asBoolean()).isTrue();

        // The open stream ends when the node stops, instead of holding the stop up.
        assertThat(ended.get(15, TimeUnit.SECONDS)).isPositive();

        Instant startedBefore = Instant.parse(before.get("started_at").asText());
        Http.Response facts = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (Http.get(node.uri("/api/v1/health")).status() == 200) {
                    facts = users.get("/api/v1/admin/node", admin.accessToken());
                    if (facts.status() == 200
                            && Instant.parse(facts.json().get("started_at").asText())
                                    .isAfter(startedBefore)) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                // down while restarting
            }
            Thread.sleep(100);
        }
        assertThat(facts).isNotNull();
        assertThat(Instant.parse(facts.json().get("started_at").asText())).isAfter(startedBefore);
        assertThat(facts.json().get("port").asInt()).isEqualTo(before.get("port").asInt());
        var settings = users.get("/api/v1/admin/settings", admin.accessToken()).json();
        assertThat(settings.get("restart_required").asBoolean()).isFalse();
        client.shutdownNow();
    }
}
