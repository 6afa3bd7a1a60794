package io.peerclaw.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
    @TempDir Path data;

    private NodeConfig running() {
        return NodeConfigLoader.load(
                        new ConfigSources(
                                Optional.empty(),
                                Optional.of(data),
                                OptionalInt.empty(),
                                Map.of(),
                                Map.of()))
                .config();
    }

    @Test
    void writesTheDataFoldersFileWhenThereIsNoConfigFile() throws Exception {
        var settings =
                new SettingsFile(
                        new ConfigSources(
                                Optional.empty(),
                                Optional.of(data),
                                OptionalInt.empty(),
                                Map.of(),
                                Map.of()),
                        running());
        Path written = settings.save(Map.of("logging.level", "debug", "rate_limit.enabled", false));
        assertThat(written).isEqualTo(data.resolve("config.yaml"));
        assertThat(Files.readString(written)).contains("level: debug", "enabled: false");
        // What the node reads on its next start.
        var next =
                NodeConfigLoader.load(
                                new ConfigSources(
                                        Optional.empty(),
                                        Optional.of(data),
                                        OptionalInt.empty(),
                                        Map.of(),
                                        Map.of()))
                        .config();
        assertThat(next.logging().level()).isEqualTo("debug");
        assertThat(next.rateLimit().enabled()).isFalse();
        assertThat(settings.restartRequired()).isTrue();
    }

    @Test
    void everyBadKeyIsRefusedAtOnceAndNothingIsWritten() {
        var settings =
                new SettingsFile(
                        new ConfigSources(
                                Optional.empty(),
                                Optional.of(data),
                                OptionalInt.empty(),
                                Map.of(),
                                Map.of()),
                        running());
        var refused =
                catchThrowableOfType(
                        SettingsFile.Refused.class,
                        () ->
                                settings.save(
                                        Map.of(
                                                "server.http_addr", "nowhere:99999",
                                                "rate_limit.burst_size", "many",
                                                "server.shoe_size", "42")));
        assertThat(refused.refusals())
                .extracting(SettingsFile.Refusal::key)
                .containsExactlyInAnyOrder(
                        "server.http_addr", "rate_limit.burst_size", "server.shoe_size");
        assertThat(data.resolve("config.yaml")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeWrittenIsOneClearFailureAndNothingChanges() throws Exception {
        // A folder where the file should be: the final move cannot replace it.
        Path blocked = Files.createDirectories(data.resolve("blocked.yaml"));
        Files.writeString(blocked.resolve("inside"), "x");
        var settings =
                new SettingsFile(
                        new ConfigSources(
                                Optional.of(blocked),
                                Optional.of(data),
                                OptionalInt.empty(),
                                Map.of(),
                                Map.of()),
                        running());
        var failure =
                catchThrowableOfType(
                        UncheckedIOException.class,
                        () -> settings.save(Map.of("rate_limit.burst_size", 10)));
        assertThat(failure.getMessage()).startsWith("cannot write the config file " + blocked);
        try (var left = Files.list(data)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("blocked.yaml");
        }
    }
}
