package io.peerclaw.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a start leaves behind: a private data folder, one generated secret, and no secret in the
 * log.
 */
class StartupIT {
    @Test
    void generatesTheSessionSecretOnceWithOwnerOnlyAccess() throws Exception {
        var node = TestNode.start();
        var secret = node.dataDirectory().resolve(NodeSecrets.JWT_SECRET_FILE);
        String first = Files.readString(secret);
        assertThat(first.strip()).hasSizeGreaterThanOrEqualTo(64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(node.dataDirectory())))
                .isEqualTo("rwx------");
        node.stop();
        var again = TestNode.restart(node, Map.of());
        try {
            assertThat(Files.readString(secret)).isEqualTo(first);
        } finally {
            again.close();
        }
    }

    @Test
    void secretsNeverReachTheLog() {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String jwt = "jwt-secret-value-that-must-not-leak-0123456789";
        String token = "federation-token-that-must-not-leak";
        try (var node =
                TestNode.start(
                        Map.of(
                                "logging.level", "debug",
                                "user_auth.jwt_secret", jwt,
                                "federation.enabled", "true",
                                "federation.auth_token", token,
                                "redis.password", "redis-password-that-must-not-leak"))) {
            var agent = node.newAgent();
            Http.send(agent.signed("POST", "/api/v1/agents", agent.card("logged")));
            Http.get(node.uri("/api/v1/agents"));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log)
                .contains("federation.enabled is true")
                .contains("POST /api/v1/agents -> 201");
        assertThat(log)
                .doesNotContain(jwt)
                .doesNotContain(token)
                .doesNotContain("redis-password-that-must-not-leak");
    }
}
