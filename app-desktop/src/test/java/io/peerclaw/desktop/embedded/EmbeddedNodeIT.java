package io.peerclaw.desktop.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.desktop.client.HttpNodeClient;
import io.peerclaw.desktop.client.NodeClientException;
import io.peerclaw.node.api.NodeOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedNodeIT {
    @TempDir Path data;

    @Test
    void stopAndStartKeepTheAddressOfAFreePortChosenAtFirst() {
        try (var node =
                new EmbeddedNode(
                        NodeOptions.defaults()
                                .withEnvironment(Map.of())
                                .withDataDirectory(data)
                                .withPort(0))) {
            URI first = node.start();
            assertThat(new HttpNodeClient(first).needsAdmin()).isTrue();

            node.stop();
            assertThat(node.running()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new HttpNodeClient(first).needsAdmin())
                    .isInstanceOf(NodeClientException.class)
                    .hasMessageContaining("cannot reach the node");

            assertThat(node.start()).isEqualTo(first);
            assertThat(new HttpNodeClient(first).needsAdmin()).isTrue();
        }
    }

    @Test
    void aNodeThatCannotStartSaysWhyInOneMessage() {
        var node =
                new EmbeddedNode(
                        NodeOptions.defaults()
                                .withEnvironment(Map.of())
                                .withDataDirectory(data)
                                .with("logging.level", "loud"));

        org.assertj.core.api.Assertions.assertThatThrownBy(node::start)
                .isInstanceOf(NodeClientException.class)
                .hasMessageStartingWith("the node did not start: ")
                .hasMessageContaining("logging.level");
    }
}
