package io.peerclaw.node.config;

import io.peerclaw.node.config.NodeConfig.Database.Driver;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Resolves {@code database.driver} and {@code database.dsn} into a JDBC URL. Accepts the original
 * project's spellings: {@code sqlite} (served by embedded H2, with a warning) and PostgreSQL DSNs
 * as {@code postgres://user:pass@host:port/db?sslmode=…}, as {@code key=value} pairs, or as a plain
 * JDBC URL.
 */
final class DatabaseSettings {
    /**
     * H2 would otherwise close the database from its own JVM shutdown hook, which runs alongside
     * the node's: on SIGTERM it closed the database while the audit log was still writing its last
     * batch ("Database is already closed"). The node closes it itself, after every writer
     * (NodeWiring).
     */
    static final String CLOSED_BY_THE_NODE = ";DB_CLOSE_ON_EXIT=FALSE";

    /**
     * H2 settings the node relies on: PostgreSQL-compatible SQL (one migration set for both
     * engines), lower-case names, space reused one second after it is freed (safe because {@code
     * Database} syncs every commit; H2's default of 45 s let a burst of registrations grow the file
     * to gigabytes), and up to three seconds of compaction when the node stops. The write delay
     * stays H2's default: setting it to 0 would also stop H2's background compaction (ADR 6).
     */
    static final String H2_SETTINGS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;RETENTION_TIME=1000"
                    + ";MAX_COMPACT_TIME=3000"
                    + CLOSED_BY_THE_NODE;

    private DatabaseSettings() {}

    static NodeConfig.Database resolve(
            String driverText,
            String dsn,
            Path dataDirectory,
            int maxConnections,
            NodeConfigLoader.ProblemSink problems,
            Consumer<String> warnings) {
        String driver = driverText.strip().toLowerCase(Locale.ROOT);
        return switch (driver) {
            case "h2", "sqlite" -> {
                if (driver.equals("sqlite")) {
                    warnings.accept(
                            "database.driver is 'sqlite': this node stores its data in the embedded"
                                    + " H2 engine instead (existing SQLite files are not read)");
                }
                yield new NodeConfig.Database(
                        Driver.H2, h2Url(dsn, dataDirectory), "sa", new Secret(""), maxConnections);
            }
            case "postgres", "postgresql" -> postgres(dsn, maxConnections, problems);
            default -> {
                problems.report(
                        "database.driver",
                        "'" + driverText + "' is not one of h2, sqlite, postgres");
                yield new NodeConfig.Database(
                        Driver.H2, h2Url("", dataDirectory), "sa", new Secret(""), maxConnections);
            }
        };
    }

    private static String h2Url(String dsn, Path dataDirectory) {
        String text = dsn == null ? "" : dsn.strip();
        if (text.startsWith("jdbc:h2:")) {
            if (!text.contains("MODE=")) {
                return text + H2_SETTINGS;
            }
            return text.contains("DB_CLOSE_ON_EXIT") ? text : text + CLOSED_BY_THE_NODE;
        }
        if (text.startsWith("mem:")) {
            return "jdbc:h2:" + text + ";DB_CLOSE_DELAY=-1" + H2_SETTINGS;
        }
        if (text.isEmpty()) {
            text = "peerclaw";
        }
        if (text.endsWith(".db")) {
            text = text.substring(0, text.length() - 3);
        }
        Path file = dataDirectory.resolve(text).toAbsolutePath().normalize();
        return "jdbc:h2:file:" + file + H2_SETTINGS;
    }

    private static NodeConfig.Database postgres(
            String dsn, int maxConnections, NodeConfigLoader.ProblemSink problems) {
        String text = dsn == null ? "" : dsn.strip();
        if (text.isEmpty()) {
            problems.report(
                    "database.dsn",
                    "is required when database.driver is postgres (e.g."
                            + " postgres://user:pass@host:5432/peerclaw)");
            return new NodeConfig.Database(Driver.POSTGRES, "", "", new Secret(""), maxConnections);
        }
        if (text.startsWith("jdbc:postgresql:")) {
            return new NodeConfig.Database(
                    Driver.POSTGRES, text, null, new Secret(""), maxConnections);
        }
        if (text.startsWith("postgres://") || text.startsWith("postgresql://")) {
            return fromUrl(text, maxConnections, problems);
        }
        if (text.contains("=")) {
            return fromKeyValues(text, maxConnections, problems);
        }
        problems.report(
                "database.dsn",
                "is not a PostgreSQL DSN (postgres://…, key=value pairs or jdbc:postgresql:…)");
        return new NodeConfig.Database(Driver.POSTGRES, "", "", new Secret(""), maxConnections);
    }

    private static NodeConfig.Database fromUrl(
            String text, int maxConnections, NodeConfigLoader.ProblemSink problems) {
        try {
            URI uri = new URI(text);
            String user = null;
            String password = "";
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : "";
            }
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String database =
                    uri.getPath() == null || uri.getPath().length() <= 1
                            ? "postgres"
                            : uri.getPath().substring(1);
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String url = "jdbc:postgresql://" + host + ":" + port + "/" + database + query;
            return new NodeConfig.Database(
                    Driver.POSTGRES, url, user, new Secret(password), maxConnections);
        } catch (URISyntaxException e) {
            problems.report("database.dsn", "is not a valid URL: " + e.getReason());
            return new NodeConfig.Database(Driver.POSTGRES, "", "", new Secret(""), maxConnections);
        }
    }

    private static NodeConfig.Database fromKeyValues(
            String text, int maxConnections, NodeConfigLoader.ProblemSink problems) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String part : text.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                problems.report("database.dsn", "'" + part + "' is not a key=value pair");
                continue;
            }
            pairs.put(part.substring(0, eq), unquote(part.substring(eq + 1)));
        }
        String host = pairs.getOrDefault("host", "localhost");
        String port = pairs.getOrDefault("port", "5432");
        String database = pairs.getOrDefault("dbname", "postgres");
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        if (pairs.containsKey("sslmode")) {
            url += "?sslmode=" + pairs.get("sslmode");
        }
        return new NodeConfig.Database(
                Driver.POSTGRES,
                url,
                pairs.get("user"),
                new Secret(pairs.getOrDefault("password", "")),
                maxConnections);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
