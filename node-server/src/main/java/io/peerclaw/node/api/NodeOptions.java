package io.peerclaw.node.api;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to start a node: where its configuration and data are, overrides of single keys, the
 * environment to read {@code PEERCLAW_*} and {@code ${VAR}} from, and the clock.
 */
public record NodeOptions(
        Optional<Path> configFile,
        Optional<Path> dataDirectory,
        OptionalInt port,
        Map<String, String> environment,
        Map<String, String> settings,
        InstantSource clock) {

    public NodeOptions {
        environment = Map.copyOf(environment);
        settings = Map.copyOf(settings);
    }

    /** Defaults: no file, the process environment, the system clock. */
    public static NodeOptions defaults() {
        return new NodeOptions(
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                System.getenv(),
                Map.of(),
                InstantSource.system());
    }

    public NodeOptions withConfigFile(Path file) {
        return new NodeOptions(
                Optional.of(file), dataDirectory, port, environment, settings, clock);
    }

    public NodeOptions withDataDirectory(Path directory) {
        return new NodeOptions(
                configFile, Optional.of(directory), port, environment, settings, clock);
    }

    public NodeOptions withPort(int value) {
        return new NodeOptions(
                configFile, dataDirectory, OptionalInt.of(value), environment, settings, clock);
    }

    public NodeOptions withEnvironment(Map<String, String> value) {
        return new NodeOptions(configFile, dataDirectory, port, value, settings, clock);
    }

    /** Sets one configuration key (dotted path, e.g. {@code auth.required}), above all sources. */
    public NodeOptions with(String key, String value) {
        var copy = new HashMap<>(settings);
        copy.put(key, value);
        return new NodeOptions(configFile, dataDirectory, port, environment, copy, clock);
    }

    public NodeOptions withClock(InstantSource value) {
        return new NodeOptions(configFile, dataDirectory, port, environment, settings, value);
    }
}
