package io.peerclaw.desktop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.api.NodeOptions;
import io.peerclaw.node.api.NodeServer;
import io.peerclaw.node.api.RunningNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's client against a real node on a free port: answers, and failures as text. */
class HttpNodeClientIT {
    static final String ADMIN = "admin@example.com";
    static final String PASSWORD = "correct horse battery";

    @TempDir static Path data;
    static RunningNode node;
    static URI base;

    @BeforeAll
    static void start() {
        var options =
                NodeOptions.defaults()
                        .withEnvironment(Map.of())
                        .withDataDirectory(data)
                        .withPort(0);
        NodeServer.createAdmin(options, OutputStream.nullOutputStream(), ADMIN, PASSWORD);
        node = NodeServer.start(options, OutputStream.nullOutputStream());
        base = URI.create("http://127.0.0.1:" + node.port());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void anAdminReadsTheNodesCountsUsersAndAuditTrail() {
        var client = new HttpNodeClient(base);
        assertThat(client.needsAdmin()).isFalse();
        client.signIn(ADMIN, PASSWORD);

        assertThat(client.dashboard().totalUsers()).isGreaterThanOrEqualTo(1);
        assertThat(client.users("admin")).extracting(NodeClient.UserRow::email).contains(ADMIN);
        assertThat(client.agents("")).isEmpty();
        assertThat(client.reports("pending")).isEmpty();
        assertThat(client.audit(10)).isNotEmpty();
    }

    @Test
    void anExpiredSessionIsRenewedWithoutAskingAgain(@TempDir Path other) throws Exception {
        var now = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.now());
        java.time.InstantSource clock = now::get;
        var options =
                NodeOptions.defaults()
                        .withEnvironment(Map.of())
                        .withDataDirectory(other)
                        .withPort(0)
                        .withClock(clock);
        NodeServer.createAdmin(options, OutputStream.nullOutputStream(), ADMIN, PASSWORD);
        try (var clocked = NodeServer.start(options, OutputStream.nullOutputStream())) {
            var client = new HttpNodeClient(URI.create("http://127.0.0.1:" + clocked.port()));
            client.signIn(ADMIN, PASSWORD);
            String first = client.accessToken();
            now.set(now.get().plus(java.time.Duration.ofMinutes(20)));

            var http = java.net.http.HttpClient.newHttpClient();
            var stale =
                    http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            client.baseUri().resolve("/api/v1/admin/dashboard"))
                                    .header("Authorization", "Bearer " + first)
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(stale.statusCode()).as("the first access token has expired").isEqualTo(401);

            assertThat(client.dashboard().totalUsers()).isEqualTo(1);
            assertThat(client.accessToken()).isNotEqualTo(first);
        }
    }

    @Test
    void theActivityFeedPushesAuditEventsAsTheyHappen() throws Exception {
        var client = new HttpNodeClient(base);
        client.signIn(ADMIN, PASSWORD);
        var events = new java.util.concurrent.CopyOnWriteArrayList<NodeClient.Activity>();
        var errors = new java.util.concurrent.CopyOnWriteArrayList<String>();
        AutoCloseable feed = client.activity(events::add, errors::add);
        try {
            Thread.sleep(500); // the subscription is made before the event
            var intruder = new HttpNodeClient(base);
            org.assertj.core.api.Assertions.catchThrowable(
                    () -> intruder.signIn(ADMIN, "guessing"));

            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> !events.isEmpty());
        } finally {
            feed.close();
        }
        assertThat(events.getFirst().type()).isNotBlank();
        assertThat(events.getFirst().time()).isNotNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void aWrongPasswordIsAReadableRefusal() {
        var client = new HttpNodeClient(base);

        assertThatThrownBy(() -> client.signIn(ADMIN, "not the password"))
                .isInstanceOfSatisfying(
                        NodeClientException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(401);
                            assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception");
                        });
    }

    @Test
    void adminCallsWithoutSigningInAreRefused() {
        var client = new HttpNodeClient(base);

        assertThatThrownBy(client::dashboard)
                .isInstanceOfSatisfying(
                        NodeClientException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void badInputNamesTheField() {
        var client = new HttpNodeClient(base);
        client.signIn(ADMIN, PASSWORD);
        String admin = client.users(ADMIN).getFirst().id();

        assertThatThrownBy(() -> client.setRole(admin, "emperor"))
                .isInstanceOfSatisfying(
                        NodeClientException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(400);
                            assertThat(e.fieldErrors())
                                    .extracting(NodeClientException.FieldError::field)
                                    .contains("role");
                            assertThat(e.getMessage())
                                    .contains("role: must be user, provider or admin");
                        });
    }

    @Test
    void aNodeThatIsNotThereIsSaidPlainly() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var client = new HttpNodeClient(URI.create("http://127.0.0.1:" + port));

        assertThatThrownBy(() -> client.signIn(ADMIN, PASSWORD))
                .isInstanceOf(NodeClientException.class)
                .hasMessage(
                        "cannot reach the node at http://127.0.0.1:" + port + " (is it running?)");
    }
}
