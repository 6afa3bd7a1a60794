package io.peerclaw.node.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where configuration comes from, highest precedence first: {@code overrides} (programmatic, same
 * key paths), the {@code --port}/{@code --data-dir} flags, {@code PEERCLAW_*} variables in {@code
 * environment}, the YAML file, then the defaults.
 */
public record ConfigSources(
        Optional<Path> configFile,
        Optional<Path> dataDirectory,
        OptionalInt port,
        Map<String, String> environment,
        Map<String, String> overrides) {

    public ConfigSources {
        environment = Map.copyOf(environment);
        overrides = Map.copyOf(overrides);
    }

    public static ConfigSources ofEnvironment() {
        return new ConfigSources(
                Optional.empty(), Optional.empty(), OptionalInt.empty(), System.getenv(), Map.of());
    }
}
