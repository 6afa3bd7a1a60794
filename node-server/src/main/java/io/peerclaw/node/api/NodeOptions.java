package io.peerclaw.node.api;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to start a node: where its configuration and data are, overrides of single keys, the
 * environment to read {@code PEERCLAW_*} and {@code ${VAR}} from, the clock, and single private
 * addresses the node may reach on top of {@code security.allowed_private_cidrs} (the demo agent's).
 */
public record NodeOptions(
        Optional<Path> configFile,
        Optional<Path> dataDirectory,
        OptionalInt port,
        Map<String, String> environment,
        Map<String, String> settings,
        InstantSource clock,
        List<InetAddress> alsoAllowedAddresses) {

    public NodeOptions {
        environment = Map.copyOf(environment);
        settings = Map.copyOf(settings);
        alsoAllowedAddresses = List.copyOf(alsoAllowedAddresses);
    }

    /** Defaults: no file, the process environment, the system clock. */
    public static NodeOptions defaults() {
        return new NodeOptions(
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                System.getenv(),
                Map.of(),
                InstantSource.system(),
                List.of());
    }

    public NodeOptions withConfigFile(Path file) {
        return new NodeOptions(
                Optional.of(file),
                dataDirectory,
                port,
                environment,
                settings,
                clock,
                alsoAllowedAddresses);
    }

    public NodeOptions withDataDirectory(Path directory) {
        return new NodeOptions(
                configFile,
                Optional.of(directory),
                port,
                environment,
                settings,
                clock,
                alsoAllowedAddresses);
    }

    public NodeOptions withPort(int value) {
        return new NodeOptions(
                configFile,
                dataDirectory,
                OptionalInt.of(value),
                environment,
                settings,
                clock,
                alsoAllowedAddresses);
    }

    public NodeOptions withEnvironment(Map<String, String> value) {
        return new NodeOptions(
                configFile, dataDirectory, port, value, settings, clock, alsoAllowedAddresses);
    }

    /** Sets one configuration key (dotted path, e.g. {@code auth.required}), above all sources. */
    public NodeOptions with(String key, String value) {
        var copy = new HashMap<>(settings);
        copy.put(key, value);
        return new NodeOptions(
                configFile, dataDirectory, port, environment, copy, clock, alsoAllowedAddresses);
    }

    public NodeOptions withClock(InstantSource value) {
        return new NodeOptions(
                configFile,
                dataDirectory,
                port,
                environment,
                settings,
                value,
                alsoAllowedAddresses);
    }

    /**
     * Lets the node's outbound client reach this one address (and only it) although it is private,
     * in addition to the configured blocks: for an agent the program itself runs on loopback.
     */
    public NodeOptions allowingAddress(InetAddress address) {
        var copy = new ArrayList<>(alsoAllowedAddresses);
        copy.add(address);
        return new NodeOptions(configFile, dataDirectory, port, environment, settings, clock, copy);
    }
}
