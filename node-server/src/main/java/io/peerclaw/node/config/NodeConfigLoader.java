package io.peerclaw.node.config;

import io.peerclaw.node.net.Cidr;
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

/**
 * Turns {@link ConfigSources} into a {@link NodeConfig}, or a {@link ConfigException} listing every
 * problem at once (one line each) so that a fix-and-retry loop takes one round.
 */
public final class NodeConfigLoader {
    /** The configuration and the warnings to log once logging is set up. */
    public record Result(NodeConfig config, List<String> warnings) {}

    /** The file looked for inside the data folder when {@code --config} is not given. */
    public static final String DEFAULT_FILE_NAME = "config.yaml";

    private final ConfigSources sources;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final RawSettings raw;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private NodeConfigLoader(ConfigSources sources) {
        this.sources = sources;
        this.raw = new RawSettings(sources, problems, warnings);
    }

    public static Result load(ConfigSources sources) {
        return new NodeConfigLoader(sources).run();
    }

    private Result run() {
        Optional<Path> file = sources.configFile();
        if (file.isPresent()) {
            raw.readFile(file.get());
        }
        Path dataDirectory = raw.dataDirectory(file.isPresent());
        if (file.isEmpty()) {
            Path candidate = dataDirectory.resolve(DEFAULT_FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                file = Optional.of(candidate);
                raw.readFile(candidate);
                if (raw.has("server.data_dir")) {
                    warnings.add(
                            "server.data_dir in "
                                    + candidate
                                    + " is ignored: a file inside the data folder cannot move it");
                    raw.forget("server.data_dir");
                }
            }
        }
        raw.applyEnvironment();
        raw.applyOverrides();
        for (var key : ConfigKeys.ALL) {
            values.put(key.path(), raw.convert(key));
        }
        NodeConfig config = build(dataDirectory, file);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Result(config, List.copyOf(warnings));
    }

    private void problem(String path, String message) {
        problems.add(path + raw.originOf(path) + ": " + message);
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
                smtp(),
                registry,
                new NodeConfig.Directory(
                        durationWithin(
                                "directory.page_cache_ttl", Duration.ZERO, Duration.ofMinutes(1))),
                security,
                reputation(),
                new NodeConfig.Verification(
                        durationWithin(
                                "verification.recheck_interval",
                                Duration.ofMinutes(1),
                                Duration.ofDays(365))),
                probe(),
                gateway(),
                signaling(),
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
        String publicUrl = text("server.public_url").strip();
        if (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
            problem(
                    "server.public_url",
                    "'" + publicUrl + "' is not a base URL such as https://node.example.com");
        }
        return new NodeConfig.Server(
                host.isEmpty() ? "0.0.0.0" : host,
                port,
                origins,
                publicUrl.isEmpty() ? Optional.empty() : Optional.of(publicUrl));
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
        int cost = (int) integerWithin("user_auth.bcrypt_cost", 4, 31);
        if (cost < 10) {
            warnings.add(
                    "user_auth.bcrypt_cost "
                            + cost
                            + " makes stolen password hashes cheap to crack; use 10 or more"
                            + " outside tests");
        }
        var admins = new ArrayList<String>();
        for (String email : stringListValue("user_auth.admin_emails")) {
            admins.add(email.strip().toLowerCase(java.util.Locale.ROOT));
        }
        boolean verify = bool("user_auth.require_email_verification");
        if (!admins.isEmpty() && !verify) {
            warnings.add(
                    "user_auth.admin_emails is ignored while"
                            + " user_auth.require_email_verification is off (an unverified email"
                            + " proves nothing); create admins with peerclaw --create-admin EMAIL");
        }
        return new NodeConfig.UserAuth(
                bool("user_auth.enabled"),
                secret,
                access,
                refresh,
                cost,
                List.copyOf(admins),
                verify);
    }

    private NodeConfig.Smtp smtp() {
        String host = text("smtp.host").strip();
        String from = text("smtp.from").strip();
        if (!host.isEmpty() && !from.matches("[^@\\s]+@[^@\\s]+")) {
            problem("smtp.from", "must be the sender's email address when smtp.host is set");
        }
        return new NodeConfig.Smtp(
                host,
                (int) integerWithin("smtp.port", 1, 65535),
                new Secret((String) values.get("smtp.username")),
                new Secret((String) values.get("smtp.password")),
                from,
                bool("smtp.tls"));
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

    private NodeConfig.Reputation reputation() {
        double alpha = decimalWithin("reputation.alpha", 0.001, 1);
        double threshold = decimalWithin("reputation.trusted_threshold", 0.5, 1);
        Duration halfLife =
                durationWithin(
                        "reputation.decay_half_life", Duration.ofHours(1), Duration.ofDays(3650));
        Duration interval =
                durationWithin(
                        "reputation.decay_interval", Duration.ofSeconds(1), Duration.ofDays(1));
        Duration uptime =
                durationWithin(
                        "reputation.uptime_period", Duration.ofMinutes(1), Duration.ofDays(7));
        Duration window =
                durationWithin("reputation.cap_window", Duration.ofMinutes(1), Duration.ofDays(7));
        var rules = new java.util.LinkedHashMap<String, NodeConfig.Reputation.Rule>();
        ConfigKeys.REPUTATION_RULES.forEach(
                (type, defaults) -> {
                    double weight = decimalWithin("reputation.weights." + type, -1, 1);
                    double target = defaults.target();
                    if (!ConfigKeys.COMPUTED_TARGETS.contains(type)) {
                        // Being online alone must never make an agent excellent.
                        double highest = type.equals("heartbeat_success") ? 0.7 : 1;
                        target = decimalWithin("reputation.targets." + type, 0, highest);
                    }
                    int cap = (int) integerWithin("reputation.caps." + type, 0, 1_000_000);
                    rules.put(type, new NodeConfig.Reputation.Rule(weight, target, cap));
                });
        return new NodeConfig.Reputation(
                alpha, threshold, halfLife, interval, uptime, window, Map.copyOf(rules));
    }

    private NodeConfig.Signaling signaling() {
        var urls = stringListValue("signaling.turn.urls");
        var secret = new Secret((String) values.get("signaling.turn.secret"));
        String username = text("signaling.turn.username").strip();
        var credential = new Secret((String) values.get("signaling.turn.credential"));
        if (!secret.isEmpty() && (!username.isEmpty() || !credential.isEmpty())) {
            problem(
                    "signaling.turn.secret",
                    "set either signaling.turn.secret (ephemeral credentials) or"
                            + " signaling.turn.username and signaling.turn.credential, not both");
        }
        if (username.isEmpty() != credential.isEmpty()) {
            problem(
                    "signaling.turn.credential",
                    "signaling.turn.username and signaling.turn.credential go together");
        }
        if (urls.isEmpty() && (!secret.isEmpty() || !username.isEmpty())) {
            warnings.add(
                    "TURN credentials are set but signaling.turn.urls is empty; agents get no ICE"
                            + " servers");
        }
        for (String origin : stringListValue("signaling.allowed_origins")) {
            if (!origin.matches("https?://[^/\\s]+")) {
                problem(
                        "signaling.allowed_origins",
                        "'" + origin + "' is not an origin such as https://app.example.com");
            }
        }
        return new NodeConfig.Signaling(
                bool("signaling.enabled"),
                List.copyOf(stringListValue("signaling.allowed_origins")),
                (int) integerWithin("rate_limit.max_connections", 1, 1_000_000),
                List.copyOf(urls),
                username,
                credential,
                secret,
                durationWithin("signaling.turn.ttl", Duration.ofMinutes(1), Duration.ofDays(7)),
                integerWithin("signaling.mailbox.max_bytes", 1024, 1L << 30));
    }

    private NodeConfig.Gateway gateway() {
        Duration call =
                durationWithin(
                        "gateway.call_timeout", Duration.ofSeconds(1), Duration.ofMinutes(5));
        Duration stream =
                durationWithin(
                        "gateway.stream_timeout", Duration.ofSeconds(1), Duration.ofMinutes(5));
        if (stream.compareTo(call) < 0) {
            problem("gateway.stream_timeout", "must not be shorter than gateway.call_timeout");
        }
        return new NodeConfig.Gateway(
                bool("bridge.a2a.enabled"),
                bool("bridge.mcp.enabled"),
                bool("bridge.acp.enabled"),
                call,
                stream,
                durationWithin("gateway.task_ttl", Duration.ofMinutes(1), Duration.ofDays(365)),
                durationWithin("gateway.session_ttl", Duration.ofMinutes(1), Duration.ofDays(30)),
                (int) integerWithin("gateway.preview_bytes", 0, 8192),
                Duration.ofDays(integerWithin("retention.invocations_days", 1, 100_000)),
                (int) integerWithin("invoke.anonymous_per_hour", 0, 1_000_000),
                (int) integerWithin("invoke.user_per_hour", 1, 1_000_000),
                decimalWithin("bridge.send_per_sec", 0.001, 10_000),
                (int) integerWithin("bridge.send_burst", 1, 100_000));
    }

    private NodeConfig.Probe probe() {
        Duration interval =
                durationWithin("probe.interval", Duration.ofSeconds(30), Duration.ofDays(7));
        Duration timeout =
                durationWithin("probe.timeout", Duration.ofSeconds(1), Duration.ofMinutes(1));
        if (timeout.compareTo(interval) >= 0) {
            problem("probe.timeout", "must be shorter than probe.interval");
        }
        int concurrency = (int) integerWithin("probe.concurrency", 1, 64);
        return new NodeConfig.Probe(bool("probe.enabled"), interval, timeout, concurrency);
    }

    private double decimalWithin(String path, double min, double max) {
        double value = ((Number) values.get(path)).doubleValue();
        if (!(value >= min && value <= max)) {
            problem(path, value + " is out of range (" + min + " to " + max + ")");
            return Double.isNaN(value) ? min : Math.clamp(value, min, max);
        }
        return value;
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
        integerWithin("retention.reputation_events_days", 1, 100_000);
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
