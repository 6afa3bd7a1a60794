package io.peerclaw.node.config;

import static io.peerclaw.node.config.ConfigKey.bool;
import static io.peerclaw.node.config.ConfigKey.decimal;
import static io.peerclaw.node.config.ConfigKey.duration;
import static io.peerclaw.node.config.ConfigKey.integer;
import static io.peerclaw.node.config.ConfigKey.list;
import static io.peerclaw.node.config.ConfigKey.objects;
import static io.peerclaw.node.config.ConfigKey.secret;
import static io.peerclaw.node.config.ConfigKey.string;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key the node understands, with its default. The first block mirrors the original project's
 * configuration file so that its files load unchanged; later blocks are our own sections. See
 * {@code docs/configuration.md}.
 */
final class ConfigKeys {
    /**
     * The default rule of each reputation event type: upstream's names and signed weights, our
     * targets, and how many of them one agent may earn per {@code reputation.cap_window}. Review
     * targets come from the rating, so reviews have no target key.
     */
    static final Map<String, NodeConfig.Reputation.Rule> REPUTATION_RULES = reputationRules();

    /** Event types whose target is not configurable (it is computed from the event). */
    static final List<String> COMPUTED_TARGETS =
            List.of("review_positive", "review_neutral", "review_negative");

    private static Map<String, NodeConfig.Reputation.Rule> reputationRules() {
        var rules = new LinkedHashMap<String, NodeConfig.Reputation.Rule>();
        rules.put("registration", new NodeConfig.Reputation.Rule(0.2, 0.6, 1));
        rules.put("heartbeat_success", new NodeConfig.Reputation.Rule(0.1, 0.7, 1));
        rules.put("heartbeat_miss", new NodeConfig.Reputation.Rule(-0.3, 0.0, 1));
        rules.put("verification_pass", new NodeConfig.Reputation.Rule(1.0, 1.0, 3));
        rules.put("verification_fail", new NodeConfig.Reputation.Rule(-0.5, 0.0, 3));
        rules.put("bridge_success", new NodeConfig.Reputation.Rule(0.3, 1.0, 120));
        rules.put("bridge_error", new NodeConfig.Reputation.Rule(-0.2, 0.0, 120));
        rules.put("bridge_timeout", new NodeConfig.Reputation.Rule(-0.3, 0.0, 120));
        rules.put("review_positive", new NodeConfig.Reputation.Rule(0.4, 1.0, 20));
        rules.put("review_neutral", new NodeConfig.Reputation.Rule(0.4, 0.5, 20));
        rules.put("review_negative", new NodeConfig.Reputation.Rule(-0.4, 0.0, 20));
        return java.util.Collections.unmodifiableMap(rules);
    }

    /** The per-type keys: {@code reputation.weights.T}, {@code .targets.T}, {@code .caps.T}. */
    static final List<ConfigKey> ALL =
            withReputationRules(
                    List.of(
                            string("server.http_addr", ":8080"),
                            list("server.cors_origins"),
                            string("server.data_dir", ""),
                            string("server.public_url", ""),
                            bool("auth.required", true),
                            duration("auth.signature_max_skew", Duration.ofSeconds(300)),
                            string("database.driver", "h2"),
                            secret("database.dsn"),
                            integer("database.max_connections", 10),
                            string("redis.addr", "localhost:6379"),
                            secret("redis.password"),
                            integer("redis.db", 0),
                            bool("signaling.enabled", true),
                            list("signaling.allowed_origins"),
                            list("signaling.turn.urls"),
                            string("signaling.turn.username", ""),
                            secret("signaling.turn.credential"),
                            secret("signaling.turn.secret"),
                            duration("signaling.turn.ttl", Duration.ofHours(24)),
                            integer("signaling.mailbox.max_bytes", 1 << 20),
                            bool("bridge.a2a.enabled", true),
                            bool("bridge.mcp.enabled", true),
                            bool("bridge.acp.enabled", true),
                            bool("federation.enabled", false),
                            string("federation.node_name", "node-1"),
                            secret("federation.auth_token"),
                            objects("federation.peers"),
                            bool("federation.dns_enabled", false),
                            string("federation.dns_domain", ""),
                            bool("rate_limit.enabled", true),
                            decimal("rate_limit.requests_per_sec", 100),
                            integer("rate_limit.burst_size", 200),
                            integer("rate_limit.max_connections", 10_000),
                            integer("rate_limit.max_message_bytes", 1 << 20),
                            list("rate_limit.trusted_proxies"),
                            bool("observability.enabled", false),
                            string("observability.otlp_endpoint", "localhost:4317"),
                            string("observability.service_name", "peerclaw-gateway"),
                            decimal("observability.traces_sampling", 0.1),
                            bool("audit_log.enabled", true),
                            string("audit_log.output", "stdout"),
                            bool("user_auth.enabled", true),
                            secret("user_auth.jwt_secret"),
                            duration("user_auth.access_ttl", Duration.ofMinutes(15)),
                            duration("user_auth.refresh_ttl", Duration.ofHours(168)),
                            integer("user_auth.bcrypt_cost", 12),
                            list("user_auth.admin_emails"),
                            bool("user_auth.require_email_verification", false),
                            string("logging.level", "info"),
                            string("logging.format", "text"),
                            string("smtp.host", ""),
                            integer("smtp.port", 587),
                            secret("smtp.username"),
                            secret("smtp.password"),
                            string("smtp.from", ""),
                            bool("smtp.tls", true),
                            bool("retention.enabled", true),
                            integer("retention.reputation_events_days", 90),
                            integer("retention.invocations_days", 30),
                            integer("retention.abuse_reports_days", 365),
                            duration("retention.cleanup_interval", Duration.ofHours(1)),
                            bool("version_check.enabled", true),
                            string("version_check.repo", "peerclaw/peerclaw-cli"),
                            duration("version_check.interval", Duration.ofHours(1)),
                            bool("notification.enabled", true),
                            integer("notification.retention_days", 90),
                            bool("notification.email_enabled", false),
                            bool("notification.email_on_offline", true),
                            // Our own sections.
                            duration("registry.heartbeat_interval", Duration.ofSeconds(30)),
                            duration("registry.offline_after", Duration.ofMinutes(5)),
                            duration("registry.heartbeat_flush_interval", Duration.ofSeconds(5)),
                            duration("directory.page_cache_ttl", Duration.ofSeconds(2)),
                            list("security.allowed_private_cidrs"),
                            decimal("reputation.alpha", 0.1),
                            decimal("reputation.trusted_threshold", 0.8),
                            duration("reputation.decay_half_life", Duration.ofDays(30)),
                            duration("reputation.decay_interval", Duration.ofHours(1)),
                            duration("reputation.uptime_period", Duration.ofHours(1)),
                            duration("reputation.cap_window", Duration.ofHours(1)),
                            duration("verification.recheck_interval", Duration.ofHours(24)),
                            bool("probe.enabled", true),
                            duration("probe.interval", Duration.ofMinutes(5)),
                            duration("probe.timeout", Duration.ofSeconds(5)),
                            integer("probe.concurrency", 8),
                            duration("gateway.call_timeout", Duration.ofSeconds(50)),
                            duration("gateway.stream_timeout", Duration.ofMinutes(5)),
                            duration("gateway.task_ttl", Duration.ofHours(24)),
                            duration("gateway.session_ttl", Duration.ofHours(1)),
                            integer("gateway.preview_bytes", 1024),
                            integer("invoke.anonymous_per_hour", 10),
                            integer("invoke.user_per_hour", 100),
                            decimal("bridge.send_per_sec", 1),
                            integer("bridge.send_burst", 10)));

    private static List<ConfigKey> withReputationRules(List<ConfigKey> keys) {
        var all = new ArrayList<>(keys);
        all.addAll(reputationRuleKeys());
        return List.copyOf(all);
    }

    private static List<ConfigKey> reputationRuleKeys() {
        var keys = new ArrayList<ConfigKey>();
        REPUTATION_RULES.forEach(
                (type, rule) -> {
                    keys.add(decimal("reputation.weights." + type, rule.weight()));
                    if (!COMPUTED_TARGETS.contains(type)) {
                        keys.add(decimal("reputation.targets." + type, rule.target()));
                    }
                    keys.add(integer("reputation.caps." + type, rule.cap()));
                });
        return keys;
    }

    /** The fields a {@code federation.peers} entry may have. */
    static final List<String> PEER_FIELDS = List.of("name", "address", "token");

    private static final Map<String, ConfigKey> BY_PATH = index();

    private ConfigKeys() {}

    static Optional<ConfigKey> find(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    private static Map<String, ConfigKey> index() {
        var map = new LinkedHashMap<String, ConfigKey>();
        for (var key : ALL) {
            map.put(key.path(), key);
        }

        return Map.copyOf(map);
    }
}
