package io.peerclaw.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.peerclaw.node.net.Cidr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Turns {@link ConfigSources} into a {@link NodeConfig}, or a {@link ConfigException} listing every
 * problem at once (one line each) so that a fix-and-retry loop takes one round.
 */
public final class NodeConfigLoader {
    /** The configuration and the warnings to log once logging is set up. */
    public record Result(NodeConfig config, List<String> warnings) {}

    /** The file looked for inside the data folder when {@code --config} is not given. */
    public static final String DEFAULT_FILE_NAME = "config.yaml";

    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Set<String> ENVIRONMENT_NOT_KEYS =
            Set.of("PEERCLAW_JAVA_OPTS", "PEERCLAW_ADMIN_PASSWORD", "PEERCLAW_JAVA_HOME");

    private final ConfigSources sources;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Raw> raw = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** A value before conversion, and where it came from (for messages). */
    private record Raw(Object value, String origin, boolean fromFile) {}

    private NodeConfigLoader(ConfigSources sources) {
        this.sources = sources;
    }

    public static Result load(ConfigSources sources) {
        return new NodeConfigLoader(sources).run();
    }

    private Result run() {
        Optional<Path> file = sources.configFile();
        if (file.isPresent()) {
            readFile(file.get());
        }
        Path dataDirectory = dataDirectory(file.isPresent());
        if (file.isEmpty()) {
            Path candidate = dataDirectory.resolve(DEFAULT_FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                file = Optional.of(candidate);
                readFile(candidate);
                if (raw.containsKey("server.data_dir")) {
                    warnings.add(
                            "server.data_dir in "
                                    + candidate
                                    + " is ignored: a file inside the data folder cannot move it");
                    raw.remove("server.data_dir");
                }
            }
        }
        applyEnvironment();
        applyOverrides();
        for (var key : ConfigKeys.ALL) {
            values.put(key.path(), convert(key));
        }
        NodeConfig config = build(dataDirectory, file);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Result(config, List.copyOf(warnings));
    }

    // ---------------------------------------------------------------- sources

    private void readFile(Path path) {
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

    private void applyEnvironment() {
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

    private void applyOverrides() {
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

    private Path dataDirectory(boolean fileGiven) {
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

    // ---------------------------------------------------------------- conversion

    private Object convert(ConfigKey key) {
        Raw given = raw.get(key.path());
        if (given == null) {
            return key.defaultValue();
        }
        return switch (key.kind()) {
            case STRING, SECRET -> {
                String text = scalar(key, given);
                yield text == null ? key.defaultValue() : text;
            }
            case BOOLEAN -> parseOr(key, given, NodeConfigLoader::parseBoolean, "true or false");
            case INTEGER -> parseOr(key, given, NodeConfigLoader::parseInteger, "a whole number");
            case DECIMAL -> parseOr(key, given, NodeConfigLoader::parseDecimal, "a number");
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

    private void problem(String path, String message) {
        Raw given = raw.get(path);
        problems.add(path + (given == null ? "" : " (" + given.origin() + ")") + ": " + message);
    }

    // ---------------------------------------------------------------- records

    private NodeConfig build(Path dataDirectory, Optional<Path> file) {
        var server = server();
        var auth =
                new NodeConfig.Auth(
                        bool("auth.required"),
                        durationWithin(
                                "auth.signature_max_skew",
                                Duration.ofSeconds(1),
                                Duration.ofHours(1)));
        var database =
                DatabaseSettings.resolve(
                        text("database.driver"),
                        (String) values.get("database.dsn"),
                        dataDirectory,
                        (int) integerWithin("database.max_connections", 1, 500),
                        this::problem,
                        warnings::add);
        var rateLimit = rateLimit();
        var auditLog = auditLog(dataDirectory);
        var logging = logging();
        var userAuth = userAuth();
        var registry = registry();
        var security = new NodeConfig.Security(cidrs("security.allowed_private_cidrs"));
        checkSectionsNotYetActive();
        return new NodeConfig(
                dataDirectory,
                file,
                server,
                auth,
                database,
                rateLimit,
                auditLog,
                logging,
                userAuth,
                registry,
                security,
                effective());
    }

    private NodeConfig.Server server() {
        String address = text("server.http_addr");
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "" : address.substring(0, colon);
        String portText = colon < 0 ? address : address.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = 8080;
        if (colon < 0 || !portText.matches("\\d{1,5}") || Integer.parseInt(portText) > 65535) {
            problem(
                    "server.http_addr",
                    "'" + address + "' is not host:port or :port with a port from 0 to 65535");
        } else {
            port = Integer.parseInt(portText);
        }
        if (sources.port().isPresent()) {
            port = sources.port().getAsInt();
        }
        var origins = stringListValue("server.cors_origins");
        for (var origin : origins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                problem(
                        "server.cors_origins",
                        "'" + origin + "' is not an origin such as https://app.example.com (or *)");
            }
        }
        return new NodeConfig.Server(host.isEmpty() ? "0.0.0.0" : host, port, origins);
    }

    private NodeConfig.RateLimit rateLimit() {
        double perSecond = (double) values.get("rate_limit.requests_per_sec");
        if (perSecond <= 0) {
            problem("rate_limit.requests_per_sec", "must be greater than 0");
        }
        int burst = (int) integerWithin("rate_limit.burst_size", 1, 1_000_000);
        integerWithin("rate_limit.max_connections", 1, 10_000_000);
        long maxBody = integerWithin("rate_limit.max_message_bytes", 1024, 1L << 30);
        return new NodeConfig.RateLimit(
                bool("rate_limit.enabled"),
                perSecond,
                burst,
                maxBody,
                cidrs("rate_limit.trusted_proxies"));
    }

    private NodeConfig.AuditLog auditLog(Path dataDirectory) {
        String output = text("audit_log.output").strip();
        Optional<Path> fileOutput = Optional.empty();
        if (output.startsWith("file:") && output.length() > 5) {
            fileOutput = Optional.of(dataDirectory.resolve(output.substring(5)).normalize());
        } else if (!output.equals("stdout")) {
            problem("audit_log.output", "'" + output + "' is neither stdout nor file:PATH");
        }
        return new NodeConfig.AuditLog(bool("audit_log.enabled"), fileOutput);
    }

    private NodeConfig.Logging logging() {
        String level = text("logging.level").toLowerCase(Locale.ROOT);
        if (level.equals("warning")) {
            level = "warn";
        }
        if (!Set.of("debug", "info", "warn", "error").contains(level)) {
            problem("logging.level", "'" + level + "' is not one of debug, info, warn, error");
            level = "info";
        }
        String format = text("logging.format").toLowerCase(Locale.ROOT);
        if (!Set.of("text", "json").contains(format)) {
            problem("logging.format", "'" + format + "' is not text or json");
        }
        return new NodeConfig.Logging(level, format.equals("json"));
    }

    private NodeConfig.UserAuth userAuth() {
        var secret = new Secret((String) values.get("user_auth.jwt_secret"));
        if (!secret.isEmpty()
                && secret.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            problem(
                    "user_auth.jwt_secret",
                    "is shorter than 32 bytes; use a long random value (openssl rand -base64 48) or"
                            + " leave it unset to have one generated");
        }
        Duration access =
                durationWithin("user_auth.access_ttl", Duration.ofSeconds(30), Duration.ofDays(1));
        Duration refresh =
                durationWithin(
                        "user_auth.refresh_ttl", Duration.ofMinutes(1), Duration.ofDays(365));
        if (refresh.compareTo(access) <= 0) {
            problem("user_auth.refresh_ttl", "must be longer than user_auth.access_ttl");
        }
        integerWithin("user_auth.bcrypt_cost", 4, 31);
        return new NodeConfig.UserAuth(secret);
    }

    private NodeConfig.Registry registry() {
        Duration interval =
                durationWithin(
                        "registry.heartbeat_interval", Duration.ofSeconds(1), Duration.ofHours(1));
        Duration offline =
                durationWithin("registry.offline_after", Duration.ofSeconds(2), Duration.ofDays(7));
        if (offline.compareTo(interval) <= 0) {
            problem("registry.offline_after", "must be longer than registry.heartbeat_interval");
        }
        Duration flush =
                durationWithin(
                        "registry.heartbeat_flush_interval",
                        Duration.ofMillis(50),
                        Duration.ofSeconds(5));
        return new NodeConfig.Registry(interval, offline, flush);
    }

    private void checkSectionsNotYetActive() {
        if (bool("federation.enabled")) {
            if (((String) values.get("federation.auth_token")).isEmpty()) {
                problem("federation.auth_token", "is required when federation.enabled is true");
            }
            warnings.add(
                    "federation.enabled is true, but this node does not federate yet; the setting"
                            + " is kept for a later version");
        }
        @SuppressWarnings("unchecked")
        var peers = (List<Map<String, String>>) values.get("federation.peers");
        for (int i = 0; i < peers.size(); i++) {
            String address = peers.get(i).getOrDefault("address", "");
            if (!address.matches("https?://\\S+")) {
                problem(
                        "federation.peers",
                        "entry " + i + " needs an address such as https://node2.example.com");
            }
        }
        double sampling = (double) values.get("observability.traces_sampling");
        if (sampling < 0 || sampling > 1) {
            problem("observability.traces_sampling", "must be between 0 and 1");
        }
        if (bool("observability.enabled")) {
            warnings.add(
                    "observability.enabled is true, but OpenTelemetry export is not part of this"
                            + " version; nothing is exported");
        }
        for (var url : stringListValue("signaling.turn.urls")) {
            if (!url.matches("(turns?|stuns?):\\S+")) {
                problem("signaling.turn.urls", "'" + url + "' is not a turn:, turns: or stun: URL");
            }
        }
        String redis = text("redis.addr");
        if (!redis.matches("[^\\s:]+:\\d{1,5}")) {
            problem("redis.addr", "'" + redis + "' is not host:port");
        }
        integerWithin("redis.db", 0, 1_000_000);
        integerWithin("smtp.port", 1, 65535);
        integerWithin("retention.reputation_events_days", 1, 100_000);
        integerWithin("retention.invocations_days", 1, 100_000);
        integerWithin("retention.abuse_reports_days", 1, 100_000);
        integerWithin("notification.retention_days", 1, 100_000);
        durationWithin("retention.cleanup_interval", Duration.ofSeconds(1), Duration.ofDays(30));
        durationWithin("version_check.interval", Duration.ofSeconds(1), Duration.ofDays(30));
    }

    private Map<String, String> effective() {
        var out = new LinkedHashMap<String, String>();
        for (var key : ConfigKeys.ALL) {
            Object value = values.get(key.path());
            String shown =
                    switch (key.kind()) {
                        case SECRET -> new Secret((String) value).toString();
                        case DURATION -> Durations.format((Duration) value);
                        case OBJECT_LIST -> ((List<?>) value).size() + " entries";
                        case STRING_LIST -> String.join(",", castList(value));
                        default -> String.valueOf(value);
                    };
            out.put(key.path(), shown);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }

    // ---------------------------------------------------------------- typed access

    private String text(String path) {
        return (String) values.get(path);
    }

    private boolean bool(String path) {
        return (boolean) values.get(path);
    }

    private List<String> stringListValue(String path) {
        return castList(values.get(path));
    }

    private long integerWithin(String path, long min, long max) {
        long value = ((Number) values.get(path)).longValue();
        if (value < min || value > max) {
            problem(path, value + " is out of range (" + min + " to " + max + ")");
            return Math.clamp(value, min, max);
        }
        return value;
    }

    private Duration durationWithin(String path, Duration min, Duration max) {
        Duration value = (Duration) values.get(path);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problem(
                    path,
                    Durations.format(value)
                            + " is out of range ("
                            + Durations.format(min)
                            + " to "
                            + Durations.format(max)
                            + ")");
            return value.compareTo(min) < 0 ? min : max;
        }
        return value;
    }

    private List<Cidr> cidrs(String path) {
        var out = new ArrayList<Cidr>();
        for (var text : stringListValue(path)) {
            Cidr.parse(text)
                    .ifPresentOrElse(
                            out::add,
                            () ->
                                    problem(
                                            path,
                                            "'"
                                                    + text
                                                    + "' is not an address block such as"
                                                    + " 10.0.0.0/8"));
        }
        return List.copyOf(out);
    }

    /** Used by {@link DatabaseSettings} to report against a key. */
    interface ProblemSink {
        void report(String path, String message);
    }
}
