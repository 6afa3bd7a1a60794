package io.peerclaw.node.api;

import io.peerclaw.node.boot.NodeLogging;
import io.peerclaw.node.boot.NodeWiring;
import io.peerclaw.node.config.ConfigException;
import io.peerclaw.node.config.ConfigSources;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.NodeConfigLoader;
import io.peerclaw.node.storage.StorageException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts PeerClaw nodes. {@code try (RunningNode node = NodeServer.start(NodeOptions.defaults())) {
 * … }}
 */
public final class NodeServer {
    private static final System.Logger LOG = System.getLogger(NodeServer.class.getName());

    private NodeServer() {}

    /**
     * Loads and validates the configuration, sets up logging, opens storage and starts serving.
     *
     * @param auditOut where {@code audit_log.output: stdout} writes
     * @throws NodeStartException with one line per problem
     */
    public static RunningNode start(NodeOptions options, OutputStream auditOut) {
        NodeConfig config = configure(options);
        NodeWiring wiring;
        try {
            wiring = NodeWiring.start(config, options.clock(), auditOut);
        } catch (StorageException | UncheckedIOException | IllegalStateException e) {
            throw new NodeStartException(List.of(e.getMessage()), false, e);
        } catch (RuntimeException e) {
            throw new NodeStartException(List.of(describe(e, config)), false, e);
        }
        return new Started(wiring);
    }

    /**
     * Creates the account {@code email} as an admin, or makes the existing account an admin and
     * sets its password, in the node's database; the server is not started. This is the only way to
     * the first admin.
     *
     * @return true when the account was created, false when an existing one was promoted
     * @throws NodeStartException when the configuration, the database, the email or the password
     *     cannot be used (usage problems are flagged as configuration problems)
     */
    public static boolean createAdmin(
            NodeOptions options, OutputStream auditOut, String email, String password) {
        NodeConfig config = configure(options);
        try {
            return NodeWiring.createAdmin(config, options.clock(), auditOut, email, password);
        } catch (io.peerclaw.node.http.ApiException e) {
            var problems =
                    e.errors().isEmpty()
                            ? List.of(e.getMessage())
                            : e.errors().stream().map(f -> f.field() + " " + f.message()).toList();
            throw new NodeStartException(problems, true, e);
        } catch (StorageException | UncheckedIOException | IllegalStateException e) {
            throw new NodeStartException(List.of(e.getMessage()), false, e);
        }
    }

    private static NodeConfig configure(NodeOptions options) {
        NodeConfigLoader.Result loaded;
        try {
            loaded =
                    NodeConfigLoader.load(
                            new ConfigSources(
                                    options.configFile(),
                                    options.dataDirectory(),
                                    options.port(),
                                    options.environment(),
                                    options.settings()));
        } catch (ConfigException e) {
            throw new NodeStartException(e.problems(), true, e);
        }
        NodeConfig config = loaded.config();
        NodeLogging.configure(config.logging().level(), config.logging().json());
        loaded.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        config.configFile()
                .ifPresent(f -> LOG.log(System.Logger.Level.INFO, "configuration from {0}", f));
        return config;
    }

    private static String describe(RuntimeException e, NodeConfig config) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof java.net.BindException) {
            return "cannot listen on "
                    + config.server().host()
                    + ":"
                    + config.server().port()
                    + " ("
                    + root.getMessage()
                    + "); choose another port with --port or server.http_addr";
        }
        return "the node failed to start: " + root;
    }

    private record Started(NodeWiring wiring) implements RunningNode {
        @Override
        public int port() {
            return wiring.port();
        }

        @Override
        public URI baseUri() {
            String host = wiring.config().server().host();
            boolean anyAddress = host.equals("0.0.0.0") || host.equals("::");
            String shown = anyAddress ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
            return URI.create("http://" + shown + ":" + port());
        }

        @Override
        public Path dataDirectory() {
            return wiring.config().dataDirectory();
        }

        @Override
        public String database() {
            return wiring.databaseDescription();
        }

        @Override
        public void close() {
            wiring.close();
        }
    }
}
