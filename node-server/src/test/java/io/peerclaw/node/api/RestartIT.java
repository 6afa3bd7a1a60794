package io.peerclaw.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.NodeAgents;
import io.peerclaw.node.fixtures.TestNode;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RunningNode#restart()} re-reads the configuration file, and never strands the node. */
class RestartIT {
    Path data;
    Path file;
    RunningNode node;

    @BeforeEach
    void start() throws Exception {
        data = TestNode.temporaryDirectory();
        file = data.resolve("node.yaml");
        int port = NodeAgents.freePort();
        write(port);
        node =
                NodeServer.start(
                        NodeOptions.defaults()
                                .withConfigFile(file)
                                .withDataDirectory(data)
                                .withEnvironment(Map.of())
                                .with("logging.level", "warn"),
                        OutputStream.nullOutputStream());
        assertThat(node.port()).isEqualTo(port);
    }

    @AfterEach
    void stop() {
        node.close();
        TestNode.deleteRecursively(data);
    }

    private void write(int port) throws Exception {
        Files.writeString(file, "server:\n  http_addr: \"127.0.0.1:" + port + "\"\n");
    }

    @Test
    void aRestartListensWhereTheFileNowSays() throws Exception {
        int next = NodeAgents.freePort();
        write(next);
        node.restart();
        assertThat(node.port()).isEqualTo(next);
        assertThat(Http.get(node.baseUri().resolve("/api/v1/health")).status()).isEqualTo(200);
    }

    @Test
    void whenTheNewConfigurationCannotStartThePreviousOneComesBack() throws Exception {
        int before = node.port();
        try (var taken = new ServerSocket(0)) {
            write(taken.getLocalPort());
            node.restart();
            assertThat(node.port()).isEqualTo(before);
        }
        assertThat(Http.get(node.baseUri().resolve("/api/v1/health")).status()).isEqualTo(200);

        Files.writeString(file, "server:\n  http_addr: \"127.0.0.1:99999\"\n");
        node.restart();
        assertThat(node.port()).isEqualTo(before);
        assertThat(Http.get(node.baseUri().resolve("/api/v1/health")).status()).isEqualTo(200);
    }
}
