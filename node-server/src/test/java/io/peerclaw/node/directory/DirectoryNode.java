package io.peerclaw.node.directory;

import io.peerclaw.node.boot.NodeWiring;
import io.peerclaw.node.config.ConfigSources;
import io.peerclaw.node.config.NodeConfigLoader;
import io.peerclaw.node.fixtures.PostgresDatabases;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A whole node started through its composition root, so that tests can reach the directory's hooks
 * and run SQL the way moderation code will (H2 runs in memory inside this JVM).
 */
final class DirectoryNode implements AutoCloseable {
    private final NodeWiring wiring;
    private final Path directory;
    private final String postgresUrl;
    private final String jdbcUrl;
    private final String user;

    private DirectoryNode(
            NodeWiring wiring, Path directory, String postgresUrl, String jdbcUrl, String user) {
        this.wiring = wiring;
        this.directory = directory;
        this.postgresUrl = postgresUrl;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    static DirectoryNode start(TestNode.Engine engine) {
        Path directory = TestNode.temporaryDirectory();
        String postgresUrl = engine == TestNode.Engine.POSTGRES ? PostgresDatabases.create() : null;
        var settings = new HashMap<String, String>();
        settings.put("logging.level", "warn");
        settings.put("rate_limit.enabled", "false");
        settings.put("audit_log.output", "stdout");
        if (postgresUrl != null) {
            settings.put("database.driver", "postgres");
            settings.put("database.dsn", postgresUrl);
        } else {
            settings.put("database.dsn", "mem:directory-" + UUID.randomUUID());
        }
        var loaded =
                NodeConfigLoader.load(
                        new ConfigSources(
                                Optional.empty(),
                                Optional.of(directory),
                                OptionalInt.of(0),
                                Map.of(),
                                settings));
        var config = loaded.config();
        var wiring =
                NodeWiring.start(config, InstantSource.system(), OutputStream.nullOutputStream());
        return new DirectoryNode(
                wiring,
                directory,
                postgresUrl,
                config.database().jdbcUrl(),
                config.database().user());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + wiring.port()).resolve(path);
    }

    TestAgent newAgent() {
        return new TestAgent(URI.create("http://127.0.0.1:" + wiring.port()));
    }

    DirectoryFeature directory() {
        return wiring.directory();
    }

    /** Runs one statement on the node's database, as moderation code would. */
    int sql(String statement, Object... parameters) {
        try (Connection connection =
                        user == null
                                ? DriverManager.getConnection(jdbcUrl)
                                : DriverManager.getConnection(jdbcUrl, user, "");
                PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value instanceof java.time.Instant instant) {
                    value = instant.atOffset(java.time.ZoneOffset.UTC);
                }
                prepared.setObject(i + 1, value);
            }
            return prepared.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        wiring.close();
        if (postgresUrl != null) {
            PostgresDatabases.drop(postgresUrl);
        }
        TestNode.deleteRecursively(directory);
    }
}
