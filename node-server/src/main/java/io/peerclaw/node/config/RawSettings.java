package io.peerclaw.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration as given, before conversion: values from the YAML file, {@code PEERCLAW_*}
 * variables and overrides, each with where it came from. Unknown keys become warnings; values are
 * converted by {@link #convert(ConfigKey)}, which substitutes {@code ${VAR}} references in file
 * values and reports each bad value against its key.
 */
final class RawSettings {
    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    /** The launcher's own variables (./peerclaw reads them), and the admin password's. */
    private static final Set<String> ENVIRONMENT_NOT_KEYS =
            Set.of(
                    "PEERCLAW_JAVA_OPTS",
                    "PEERCLAW_ADMIN_PASSWORD",
                    "PEERCLAW_JAVA_HOME",
                    "PEERCLAW_SKIP_BUILD",
                    "PEERCLAW_AOT");

    private final ConfigSources sources;
    private final List<String> problems;
    private final List<String> warnings;
    private final Map<String, Raw> raw = new LinkedHashMap<>();

    /** A value before conversion, and where it came from (for messages). */
    private record Raw(Object value, String origin, boolean fromFile) {}

    RawSettings(ConfigSources sources, List<String> problems, List<String> warnings) {
        this.sources = sources;
        this.problems = problems;
        this.warnings = warnings;
    }

    boolean has(String path) {
        return raw.containsKey(path);
    }

    void forget(String path) {
        raw.remove(path);
    }

    /** Where a key's value came from, for messages: {@code " (peerclaw.yaml)"} or empty. */
    String originOf(String path) {
        Raw given = raw.get(path);
        return given == null ? "" : " (" + given.origin() + ")";
    }

    void readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            problems.add("config file " + path + " does not exist or is not a file");
            return;
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readAllBytes(path));
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            problems.add(
                    "config file "
                            + path
                            + " is not valid YAML"
                            + (location == null ? "" : " (line " + location.getLineNr() + ")")
                            + ": "
                            + e.getOriginalMessage());
            return;
        } catch (IOException e) {
            problems.add("config file " + path + " cannot be read: " + e.getMessage());
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            problems.add("config file " + path + " must be a YAML mapping of sections");
            return;
        }
        collect(root, "", path.getFileName().toString());
    }

    private void collect(JsonNode node, String prefix, String origin) {
        for (var field : node.properties()) {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (ConfigKeys.find(path).isPresent()) {
                raw.put(path, new Raw(value, origin, true));
            } else if (isSection(path) && value.isObject()) {
                collect(value, path, origin);
            } else if (isSection(path) && value.isNull()) {
                continue; // an empty section such as "bridge:" is fine
            } else {
                warnings.add(
                        "unknown configuration key '" + path + "' in " + origin + " is ignored");
            }
        }
    }

    private static boolean isSection(String path) {
        return ConfigKeys.ALL.stream().anyMatch(key -> key.path().startsWith(path + "."));
    }

    void applyEnvironment() {
        for (var key : ConfigKeys.ALL) {
            String value = sources.environment().get(key.environmentName());
            if (value != null) {
                raw.put(key.path(), new Raw(value, "environment " + key.environmentName(), false));
            }
        }
        for (var name : sources.environment().keySet()) {
            if (name.startsWith("PEERCLAW_")
                    && !ENVIRONMENT_NOT_KEYS.contains(name)
                    && ConfigKeys.ALL.stream().noneMatch(k -> k.environmentName().equals(name))) {
                warnings.add(
                        "environment variable "
                                + name
                                + " matches no configuration key and is ignored");
            }
        }
    }

    void applyOverrides() {
        sources.overrides()
                .forEach(
                        (path, value) -> {
                            if (ConfigKeys.find(path).isEmpty()) {
                                problems.add(
                                        "override of unknown configuration key '" + path + "'");
                            } else {
                                raw.put(path, new Raw(value, "override", false));
                            }
                        });
    }

    Path dataDirectory(boolean fileGiven) {
        if (sources.overrides().containsKey("server.data_dir")) {
            return absolute(Path.of(sources.overrides().get("server.data_dir")));
        }
        if (sources.dataDirectory().isPresent()) {
            return absolute(sources.dataDirectory().get());
        }
        String fromEnvironment = sources.environment().get("PEERCLAW_SERVER_DATA_DIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return absolute(Path.of(fromEnvironment));
        }
        if (fileGiven && raw.containsKey("server.data_dir")) {
            String text =
                    scalar(
                            ConfigKeys.find("server.data_dir").orElseThrow(),
                            raw.get("server.data_dir"));
            if (text != null && !text.isBlank()) {
                return absolute(Path.of(text));
            }
        }
        String xdg = sources.environment().get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return absolute(Path.of(xdg, "peerclaw"));
        }
        String home = sources.environment().getOrDefault("HOME", System.getProperty("user.home"));
        return absolute(Path.of(home, ".peerclaw"));
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    Object convert(ConfigKey key) {
        Raw given = raw.get(key.path());
        if (given == null) {
            return key.defaultValue();
        }
        return switch (key.kind()) {
            case STRING, SECRET -> {
                String text = scalar(key, given);
                yield text == null ? key.defaultValue() : text;
            }
            case BOOLEAN -> parseOr(key, given, RawSettings::parseBoolean, "true or false");
            case INTEGER -> parseOr(key, given, RawSettings::parseInteger, "a whole number");
            case DECIMAL -> parseOr(key, given, RawSettings::parseDecimal, "a number");
            case DURATION -> {
                if (given.value() instanceof JsonNode node && node.isNumber()) {
                    problem(
                            key,
                            given,
                            "'" + node.asText() + "' needs a unit, e.g. 30s, 15m or 1h");
                    yield key.defaultValue();
                }
                yield parseOr(key, given, Durations::parse, "a duration such as 30s, 15m or 1h");
            }
            case STRING_LIST -> stringList(key, given);
            case OBJECT_LIST -> objectList(key, given);
        };
    }

    private String scalar(ConfigKey key, Raw given) {
        if (given.value() instanceof String text) {
            return given.fromFile() ? substitute(key, given, text) : text;
        }
        JsonNode node = (JsonNode) given.value();
        if (node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            problem(key, given, "must be a single value, not a list or section");
            return null;
        }
        return substitute(key, given, node.asText());
    }

    private <T> Object parseOr(
            ConfigKey key,
            Raw given,
            java.util.function.Function<String, Optional<T>> parser,
            String expected) {
        String text = scalar(key, given);
        if (text == null) {
            return key.defaultValue();
        }
        Optional<T> parsed = parser.apply(text.strip());
        if (parsed.isEmpty()) {
            problem(key, given, "'" + text + "' is not " + expected);
            return key.defaultValue();
        }
        return parsed.get();
    }

    private List<String> stringList(ConfigKey key, Raw given) {
        if (given.value() instanceof JsonNode node && node.isArray()) {
            var out = new ArrayList<String>();
            for (var item : node) {
                if (!item.isValueNode()) {
                    problem(key, given, "must be a list of plain values");
                    return List.of();
                }
                out.add(substitute(key, given, item.asText()).strip());
            }
            return List.copyOf(out);
        }
        String text = scalar(key, given);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private List<Map<String, String>> objectList(ConfigKey key, Raw given) {
        JsonNode node;
        if (given.value() instanceof String text) {
            try {
                node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            } catch (JsonProcessingException e) {
                problem(key, given, "must be a JSON array of objects");
                return List.of();
            }
        } else {
            node = (JsonNode) given.value();
        }
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(key, given, "must be a list of entries");
            return List.of();
        }
        var out = new ArrayList<Map<String, String>>();
        int index = 0;
        for (var item : node) {
            if (!item.isObject()) {
                problem(
                        key,
                        given,
                        "entry " + index + " must be a mapping with " + ConfigKeys.PEER_FIELDS);
                continue;
            }
            var entry = new LinkedHashMap<String, String>();
            for (var field : item.properties()) {
                if (!ConfigKeys.PEER_FIELDS.contains(field.getKey())) {
                    warnings.add(
                            "unknown configuration key '"
                                    + key.path()
                                    + "["
                                    + index
                                    + "]."
                                    + field.getKey()
                                    + "' is ignored");
                    continue;
                }
                String value = field.getValue().asText();
                entry.put(field.getKey(), given.fromFile() ? substitute(key, given, value) : value);
            }
            out.add(Map.copyOf(entry));
            index++;
        }
        return List.copyOf(out);
    }

    /** Replaces {@code ${VAR}} and {@code ${VAR:-fallback}}; an unset variable is a problem. */
    private String substitute(ConfigKey key, Raw given, String text) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            String value = sources.environment().get(matcher.group(1));
            if (value == null) {
                if (matcher.group(2) != null) {
                    value = matcher.group(3);
                } else {
                    problem(
                            key,
                            given,
                            "${" + matcher.group(1) + "} is not set in the environment");
                    value = "";
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        String result = out.toString();
        if (result.contains("${")) {
            problem(key, given, "has a malformed ${...} reference");
        }
        return result;
    }

    private static Optional<Boolean> parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Optional.of(true);
            case "false", "no", "off", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static Optional<Long> parseInteger(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> parseDecimal(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void problem(ConfigKey key, Raw given, String message) {
        problems.add(key.path() + " (" + given.origin() + "): " + message);
    }
}
