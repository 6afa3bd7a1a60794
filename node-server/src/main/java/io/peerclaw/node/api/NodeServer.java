package io.peerclaw.node.api;

import io.peerclaw.node.boot.NodeLogging;
import io.peerclaw.node.boot.NodeWiring;
import io.peerclaw.node.config.ConfigException;
import io.peerclaw.node.config.ConfigSources;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.NodeConfigLoader;
import io.peerclaw.node.net.Cidr;
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
        var started = new Started(options, auditOut);
        started.wiring = launch(configure(options), started);
        return started;
    }

    private static NodeWiring launch(NodeConfig config, Started started) {
        try {
            return NodeWiring.start(
                    config,
                    started.options.clock(),
                    started.auditOut,
                    new NodeWiring.Host(sources(started.options), started::restartSoon));
        } catch (StorageException | UncheckedIOException | IllegalStateException e) {
            throw new NodeStartException(List.of(e.getMessage()), false, e);
        } catch (RuntimeException e) {
            throw new NodeStartException(List.of(describe(e, config)), false, e);
        }
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
            loaded = NodeConfigLoader.load(sources(options));
        } catch (ConfigException e) {
            throw new NodeStartException(e.problems(), true, e);
        }
        NodeConfig config = loaded.config();
        if (!options.alsoAllowedAddresses().isEmpty()) {
            // Each address on its own (/32, /128): never the block around it.
            config =
                    config.allowingAlso(
                            options.alsoAllowedAddresses().stream()
                                    .map(
                                            a ->
                                                    Cidr.of(
                                                            a.getHostAddress()
                                                                    + (a.getAddress().length == 4
                                                                            ? "/32"
                                                                            : "/128")))
                                    .toList());
        }
        NodeLogging.configure(config.logging().level(), config.logging().json());
        loaded.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        config.configFile()
                .ifPresent(f -> LOG.log(System.Logger.Level.INFO, "configuration from {0}", f));
        return config;
    }

    private static ConfigSources sources(NodeOptions options) {
        return new ConfigSources(
                options.configFile(),
                options.dataDirectory(),
                options.port(),
                options.environment(),
                options.settings());
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

    /** A running node; a restart swaps the wiring underneath, the object stays. */
    private static final class Started implements RunningNode {
        private final NodeOptions options;
        private final OutputStream auditOut;
        private volatile NodeWiring wiring;
        private boolean closed;

        /** True when a restart could start neither configuration: nothing is left to close. */
        private boolean down;

        private final java.util.concurrent.atomic.AtomicBoolean restartPending =
                new java.util.concurrent.atomic.AtomicBoolean();

        Started(NodeOptions options, OutputStream auditOut) {
            this.options = options;
            this.auditOut = auditOut;
        }

        @Override
        public int port() {
            return wiring.port();
        }

        @Override
        public URI baseUri() {
            return wiring.baseUri();
        }

        @Override
        public Path dataDirectory() {
            return wiring.config().dataDirectory();
        }

        @Override
        public String database() {
            return wiring.databaseDescription();
        }

        void restartSoon() {
            if (!restartPending.compareAndSet(false, true)) {
                return; // one restart at a time; a second request joins the first
            }
            Thread.ofPlatform()
                    .name("peerclaw-restart")
                    .start(
                            () -> {
                                try {
                                    // Lets the answer to the request asking for it leave first.
                                    Thread.sleep(200);
                                    restart();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                } catch (RuntimeException e) {
                                    restartPending.set(false);
                                    LOG.log(
                                            System.Logger.Level.ERROR,
                                            "the node did not come back after a restart: "
                                                    + e.getMessage());
                                }
                                restartPending.set(false);
                            });
        }

        /**
         * Stops the node and starts it again with the configuration re-read (same options, same
         * data folder). A port chosen by 0 stays the one bound, so clients find the node again.
         * When the new configuration cannot start, the previous one is started instead.
         */
        @Override
        public synchronized void restart() {
            if (closed || down) {
                throw new IllegalStateException("the node is stopped");
            }
            NodeWiring old = wiring;
            int port = old.port();
            NodeConfig previous = old.config();
            if (previous.server().port() == 0) {
                previous = previous.withPort(port);
            }
            LOG.log(System.Logger.Level.INFO, "restarting the node");
            old.close();
            NodeConfig next;
            try {
                next = configure(options);
                if (next.server().port() == 0) {
                    next = next.withPort(port);
                }
            } catch (NodeStartException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "the configuration cannot be used, so the node restarts with the one it"
                                + " had: "
                                + e.getMessage());
                next = previous;
            }
            try {
                wiring = launch(next, this);
            } catch (NodeStartException e) {
                if (next == previous) {
                    down = true;
                    throw e;
                }
                LOG.log(
                        System.Logger.Level.ERROR,
                        "the node cannot start with its new configuration, so it restarts with the"
                                + " one it had: "
                                + e.getMessage());
                try {
                    wiring = launch(previous, this);
                } catch (NodeStartException again) {
                    down = true;
                    throw again;
                }
            }
            LOG.log(System.Logger.Level.INFO, "node restarted on " + wiring.baseUri());
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                if (!down) {
                    wiring.close();
                }
            }
        }
    }
}
