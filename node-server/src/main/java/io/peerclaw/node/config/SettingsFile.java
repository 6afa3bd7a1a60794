package io.peerclaw.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings an admin may edit from the console, read from and written to the node's YAML file. A
 * change is validated by the node's own loader (the file as it would be, with the same flags and
 * environment) before anything is written; other keys of the file are kept as they are.
 */
public final class SettingsFile {
    /** How a setting's value is edited. */
    public enum Kind {
        TEXT,
        INTEGER,
        DECIMAL,
        BOOLEAN,
        LIST,
        DURATION,
        SECRET
    }

    /** An editable key, its kind and what it does. */
    public record Editable(String key, Kind kind, String description, boolean readOnly) {}

    /**
     * A setting's value on the next start; a secret's value is never shown, only whether it is set.
     * {@code note} says when a flag or the environment overrides what the file says.
     */
    public record Setting(
            String key,
            String value,
            String kind,
            String description,
            Boolean set,
            Boolean readOnly,
            String note) {}

    /** One refused value, named by its key. */
    public record Refusal(String key, String message) {}

    /** The change cannot be saved; every refusal at once. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Refusal> refusals;

        Refused(List<Refusal> refusals) {
            super(refusals.toString());
            this.refusals = List.copyOf(refusals);
        }

        public List<Refusal> refusals() {
            return refusals;
        }
    }

    public static final List<Editable> EDITABLE =
            List.of(
                    new Editable(
                            "server.http_addr",
                            Kind.TEXT,
                            "Bind address and port, host:port or :port (e.g. :8080 for all"
                                    + " addresses, 127.0.0.1:8080 for this machine only)",
                            false),
                    new Editable(
                            "server.data_dir",
                            Kind.TEXT,
                            "The data folder; chosen with --data-dir when the node starts, not"
                                    + " editable here",
                            true),
                    new Editable(
                            "database.driver",
                            Kind.TEXT,
                            "Database: h2 (a file in the data folder) or postgres",
                            false),
                    new Editable(
                            "database.dsn",
                            Kind.SECRET,
                            "PostgreSQL connection (postgres://user:password@host:5432/db); empty"
                                    + " keeps the stored value",
                            false),
                    new Editable(
                            "rate_limit.enabled",
                            Kind.BOOLEAN,
                            "Limit requests per client address",
                            false),
                    new Editable(
                            "rate_limit.requests_per_sec",
                            Kind.DECIMAL,
                            "Sustained requests per second per client",
                            false),
                    new Editable(
                            "rate_limit.burst_size",
                            Kind.INTEGER,
                            "Requests a client may send at once above the sustained rate",
                            false),
                    new Editable(
                            "server.cors_origins",
                            Kind.LIST,
                            "Web origins allowed to call the API from a browser, comma-separated"
                                    + " (* for any)",
                            false),
                    new Editable(
                            "logging.level",
                            Kind.TEXT,
                            "Log level: debug, info, warn or error",
                            false));

    /** Made when the settings are first read or written, not when the node starts. */
    private static final class Yaml {
        static final YAMLMapper MAPPER =
                YAMLMapper.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .build();
    }

    private final ConfigSources sources;
    private final NodeConfig running;

    /**
     * @param sources where the running node's configuration came from
     * @param running the configuration the node runs with
     */
    public SettingsFile(ConfigSources sources, NodeConfig running) {
        this.sources = sources;
        this.running = running;
    }

    /** The file changes are written to: the {@code --config} file, else the data folder's. */
    public Path file() {
        return sources.configFile()
                .or(running::configFile)
                .orElse(running.dataDirectory().resolve(NodeConfigLoader.DEFAULT_FILE_NAME));
    }

    /** The settings as the node will use them on its next start (file, flags, environment). */
    public List<Setting> read() {
        Map<String, String> next =
                nextStart().map(NodeConfig::effective).orElse(running.effective());
        var out = new ArrayList<Setting>();
        for (var editable : EDITABLE) {
            String value = next.getOrDefault(editable.key(), "");
            if (editable.key().equals("server.data_dir")) {
                value = running.dataDirectory().toString();
            }
            if (editable.kind() == Kind.SECRET) {
                out.add(
                        new Setting(
                                editable.key(),
                                "",
                                wire(editable.kind()),
                                editable.description(),
                                !new Secret(secretValue(editable.key())).isEmpty(),
                                null,
                                overriddenBy(editable.key())));
            } else {
                out.add(
                        new Setting(
                                editable.key(),
                                value,
                                wire(editable.kind()),
                                editable.description(),
                                null,
                                editable.readOnly() ? true : null,
                                overriddenBy(editable.key())));
            }
        }
        return out;
    }

    /** Why a value saved in the file would not be the one used, or null when it would. */
    private String overriddenBy(String key) {
        if (sources.overrides().containsKey(key)) {
            return "set by the program that starts the node, which wins over the file";
        }
        var environment = ConfigKeys.find(key).map(ConfigKey::environmentName).orElse("");
        if (sources.environment().containsKey(environment)) {
            return "set by the environment variable " + environment + ", which wins over the file";
        }
        if (key.equals("server.http_addr") && sources.port().isPresent()) {
            return "the port is set by --port, which wins over the file";
        }
        return null;
    }

    /** Whether the next start would use other values for the editable keys than the node has. */
    public boolean restartRequired() {
        return nextStart()
                .map(
                        next ->
                                EDITABLE.stream()
                                        .anyMatch(
                                                e ->
                                                        !java.util.Objects.equals(
                                                                next.effective().get(e.key()),
                                                                running.effective().get(e.key()))))
                .orElse(false);
    }

    /**
     * Validates the file with these changes and writes it. A value of {@code null} removes the key
     * (back to its default); an empty secret keeps the stored one.
     *
     * @return the file written
     * @throws Refused naming each bad key
     */
    public Path save(Map<String, Object> changes) {
        var refusals = new ArrayList<Refusal>();
        Path target = file();
        ObjectNode tree = readTree(target);
        for (var change : changes.entrySet()) {
            var editable =
                    EDITABLE.stream().filter(e -> e.key().equals(change.getKey())).findFirst();
            if (editable.isEmpty()) {
                refusals.add(new Refusal(change.getKey(), "is not a setting the console edits"));
                continue;
            }
            if (editable.get().readOnly()) {
                refusals.add(
                        new Refusal(
                                change.getKey(),
                                "cannot be changed here; start the node with --data-dir instead"));
                continue;
            }
            Object value = change.getValue();
            if (editable.get().kind() == Kind.SECRET && "".equals(value)) {
                continue;
            }
            try {
                put(tree, change.getKey(), value == null ? null : node(editable.get(), value));
            } catch (IllegalArgumentException e) {
                refusals.add(new Refusal(change.getKey(), e.getMessage()));
            }
        }
        byte[] text;
        try {
            text = Yaml.MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The values that could be read are checked even when others could not: one answer
        // names every bad key.
        try {
            validate(target, text);
        } catch (Refused e) {
            for (var refusal : e.refusals()) {
                if (refusals.stream().noneMatch(r -> r.key().equals(refusal.key()))) {
                    refusals.add(refusal);
                }
            }
        }
        if (!refusals.isEmpty()) {
            throw new Refused(refusals);
        }
        ConfigFileWrites.write(target, text, holdsSecret(tree));
        return target;
    }

    // ---------------------------------------------------------------- validation

    private void validate(Path target, byte[] text) {
        Path candidate;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            candidate =
                    Files.createTempFile(
                            target.toAbsolutePath().getParent(), ".candidate-", ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write next to " + target + ": " + e.getMessage(), e);
        }
        try {
            Files.write(candidate, text);
            NodeConfigLoader.load(candidateSources(candidate));
        } catch (ConfigException e) {
            throw new Refused(e.problems().stream().map(SettingsFile::refusal).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(candidate);
            } catch (IOException ignored) {
                // A leftover candidate holds nothing the real file will not.
            }
        }
    }

    /** The same flags and environment, the candidate file, and the data folder in use. */
    private ConfigSources candidateSources(Path candidate) {
        return new ConfigSources(
                Optional.of(candidate),
                Optional.of(running.dataDirectory()),
                sources.port(),
                sources.environment(),
                sources.overrides());
    }

    private static Refusal refusal(String problem) {
        for (var key : ConfigKeys.ALL) {
            if (problem.startsWith(key.path() + " ") || problem.startsWith(key.path() + ":")) {
                int colon = problem.indexOf(": ");
                return new Refusal(key.path(), colon < 0 ? problem : problem.substring(colon + 2));
            }
        }
        return new Refusal("settings", problem);
    }

    private Optional<NodeConfig> nextStart() {
        try {
            return Optional.of(NodeConfigLoader.load(sources).config());
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    private String secretValue(String key) {
        JsonNode node = readTree(file());
        for (String part : key.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        if (node != null && node.isTextual() && !node.asText().isEmpty()) {
            return node.asText();
        }
        // Not in the file: given by the starting program or the environment, if at all.
        String given = sources.overrides().get(key);
        if (given == null) {
            given =
                    ConfigKeys.find(key)
                            .map(k -> sources.environment().get(k.environmentName()))
                            .orElse(null);
        }
        return given == null ? "" : given;
    }

    // ---------------------------------------------------------------- YAML

    private static ObjectNode readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode root = Yaml.MAPPER.readTree(Files.readAllBytes(file));
            if (root instanceof ObjectNode object) {
                return object;
            }
            return JsonNodeFactory.instance.objectNode();
        } catch (IOException e) {
            throw new Refused(
                    List.of(
                            new Refusal(
                                    "settings",
                                    "the config file "
                                            + file
                                            + " cannot be read: "
                                            + e.getMessage())));
        }
    }

    private static void put(ObjectNode tree, String key, JsonNode value) {
        String[] parts = key.split("\\.");
        ObjectNode section = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = section.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = section.putObject(parts[i]);
            }
            section = (ObjectNode) child;
        }
        if (value == null) {
            section.remove(parts[parts.length - 1]);
        } else {
            section.set(parts[parts.length - 1], value);
        }
    }

    /** The JSON value as YAML of the key's kind; lists may come as arrays or comma-separated. */
    private static JsonNode node(Editable editable, Object value) {
        var nodes = JsonNodeFactory.instance;
        String text = value instanceof List<?> ? null : String.valueOf(value).strip();
        return switch (editable.kind()) {
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield nodes.booleanNode(b);
                }
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("must be true or false");
                }
                yield nodes.booleanNode(Boolean.parseBoolean(text));
            }
            case INTEGER -> {
                try {
                    yield nodes.numberNode(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a whole number", e);
                }
            }
            case DECIMAL -> {
                try {
                    double parsed = Double.parseDouble(text);
                    if (!Double.isFinite(parsed)) {
                        throw new NumberFormatException(text);
                    }
                    yield nodes.numberNode(parsed);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a number", e);
                }
            }
            case LIST -> {
                var array = nodes.arrayNode();
                List<?> items = value instanceof List<?> list ? list : List.of(text.split(","));
                for (Object item : items) {
                    String entry = String.valueOf(item).strip();
                    if (!entry.isEmpty()) {
                        array.add(entry);
                    }
                }
                yield array;
            }
            case TEXT, DURATION, SECRET -> {
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    throw new IllegalArgumentException("must be text");
                }
                yield nodes.textNode(text);
            }
        };
    }

    private static boolean holdsSecret(ObjectNode tree) {
        for (var key : ConfigKeys.ALL) {
            if (key.kind() != ConfigKey.Kind.SECRET) {
                continue;
            }
            JsonNode node = tree;
            for (String part : key.path().split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            if (node != null && !node.asText("").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String wire(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
