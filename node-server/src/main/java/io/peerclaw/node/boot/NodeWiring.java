package io.peerclaw.node.boot;

import io.helidon.webserver.WebServer;
import io.peerclaw.node.accounts.AccountsFeature;
import io.peerclaw.node.admin.AdminFeature;
import io.peerclaw.node.admin.NodeControl;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.ConfigSources;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.SettingsFile;
import io.peerclaw.node.contacts.ContactsFeature;
import io.peerclaw.node.directory.DirectoryFeature;
import io.peerclaw.node.gateway.GatewayFeature;
import io.peerclaw.node.gateway.InvocationLog;
import io.peerclaw.node.gateway.a2a.A2aFeature;
import io.peerclaw.node.gateway.acp.AcpFeature;
import io.peerclaw.node.gateway.connect.Connectors;
import io.peerclaw.node.gateway.invoke.InvokeFeature;
import io.peerclaw.node.gateway.mcp.McpFeature;
import io.peerclaw.node.health.HealthFeature;
import io.peerclaw.node.http.PublicBase;
import io.peerclaw.node.identity.IdentityFeature;
import io.peerclaw.node.net.AddressPolicy;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.provider.ProviderFeature;
import io.peerclaw.node.registry.RegistryFeature;
import io.peerclaw.node.reputation.ReputationFeature;
import io.peerclaw.node.reviews.ReviewsFeature;
import io.peerclaw.node.signaling.SignalingFeature;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.uptime.UptimeFeature;
import io.peerclaw.node.verification.VerificationFeature;
import java.io.OutputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's composition root. Every feature is built here, in dependency order, and nowhere else;
 * each part is registered with a {@link Closer} as it is made, so that {@link #close()} takes them
 * down in reverse and a start that fails part way closes what it had opened.
 */
public final class NodeWiring implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NodeWiring.class.getName());

    private final NodeConfig config;
    private final Database database;
    private final WebServer server;
    private final RouteTable routes;
    private final Closer closer;
    private final DirectoryFeature directory;
    private final VerificationFeature verification;
    private final GatewayFeature gateway;

    /**
     * What the node's host (the {@code api} package) lends the node: where its configuration came
     * from, for the settings routes, and how to restart it.
     */
    public record Host(ConfigSources sources, Runnable restartSoon) {
        /** For a node nobody restarts (tests that wire a node directly). */
        static Host fixed(NodeConfig config) {
            return new Host(
                    new ConfigSources(
                            config.configFile(),
                            java.util.Optional.of(config.dataDirectory()),
                            java.util.OptionalInt.empty(),
                            Map.of(),
                            Map.of()),
                    () -> {
                        throw io.peerclaw.node.http.ApiException.conflict(
                                "this node cannot be restarted from here");
                    });
        }
    }

    private NodeWiring(
            NodeConfig config,
            Database database,
            WebServer server,
            RouteTable routes,
            Closer closer,
            DirectoryFeature directory,
            VerificationFeature verification,
            GatewayFeature gateway) {
        this.config = config;
        this.database = database;
        this.server = server;
        this.routes = routes;
        this.closer = closer;
        this.directory = directory;
        this.verification = verification;
        this.gateway = gateway;
    }

    /** Opens storage, builds the features and starts serving. */
    public static NodeWiring start(NodeConfig config, InstantSource clock, OutputStream stdout) {
        return start(config, clock, stdout, Host.fixed(config));
    }

    /** Opens storage, builds the features and starts serving, for a host that can restart it. */
    public static NodeWiring start(
            NodeConfig config, InstantSource clock, OutputStream stdout, Host host) {
        var closer = new Closer();
        try {
            return assemble(config, clock, stdout, host, closer);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    private static NodeWiring assemble(
            NodeConfig config, InstantSource clock, OutputStream stdout, Host host, Closer closer) {
        var startedAt = clock.instant();
        long began = System.nanoTime();
        var warmUp = WarmUp.start();
        var random = new SecureRandom();
        NodeSecrets.prepareDataDirectory(config.dataDirectory());
        var sessionSecret = NodeSecrets.sessionSecret(config, random);

        // Foundations. The closer closes in reverse: the database last, the audit log just before
        // it, so every feature's last write and last audit event reach storage (close()).
        var database = closer.add("database", Database.open(config.database()));
        long databaseOpen = System.nanoTime();
        warmUp.join();
        long warm = System.nanoTime();
        var audit =
                closer.add(
                        "audit log", AuditLog.create(config.auditLog(), database, clock, stdout));
        var addresses = new AddressPolicy(config.security().allowedPrivateCidrs());
        // The one client for URLs others supply; features that fetch receive it here.
        var outbound = closer.add("outbound HTTP", OutboundHttp.create(addresses));
        // Calls to agents get their own pool: many at once to the same few hosts.
        var agentOutbound =
                closer.add("agent HTTP", OutboundHttp.create(addresses, Connectors.POOL));
        var threads = closer.add("executors", new NodeThreads());
        var upkeep = threads.scheduler("peerclaw-upkeep");
        var background = threads.virtual("peerclaw-background-");

        // Features, each after what it uses.
        var accounts =
                closer.add(
                        "accounts",
                        AccountsFeature.create(
                                database,
                                audit,
                                clock,
                                random,
                                config.userAuth(),
                                config.smtp(),
                                sessionSecret,
                                background));
        var registry =
                closer.add(
                        "registry",
                        RegistryFeature.create(
                                database,
                                audit,
                                clock,
                                config.registry(),
                                addresses,
                                accounts::labelProvider,
                                upkeep));
        var identity =
                closer.add(
                        "identity",
                        IdentityFeature.create(
                                database,
                                registry.keyDirectory(),
                                registry.pendingCards(),
                                audit,
                                config.auth(),
                                clock,
                                random,
                                accounts.credentials()));
        var callers = identity.authenticator();
        var reputation =
                closer.add(
                        "reputation",
                        ReputationFeature.create(database, config.reputation(), clock, upkeep));
        registry.onChange(reputation.registryListener());
        registry.onLiveness(reputation.livenessListener());
        var uptime =
                closer.add(
                        "uptime",
                        UptimeFeature.create(
                                database,
                                registry.reads(),
                                registry.ownedAgents(),
                                reputation.engine(),
                                outbound,
                                config.probe(),
                                clock,
                                random,
                                callers,
                                upkeep,
                                threads.virtual("peerclaw-probe-")));
        registry.onChange(uptime.registryListener());
        var directory =
                closer.add(
                        "directory",
                        DirectoryFeature.create(
                                database,
                                config.directory().pageCacheTtl(),
                                reputation.engine(),
                                uptime.health(),
                                threads.scheduler("peerclaw-directory-index")));
        registry.onChange(directory.registryListener());
        // The call log's read side, for the provider and admin figures.
        var invocations = InvocationLog.create(database);
        var provider =
                closer.add(
                        "provider",
                        ProviderFeature.create(
                                database,
                                registry.registrations(),
                                registry.pendingCards(),
                                registry.ownedAgents(),
                                registry.reads(),
                                directory.categories(),
                                audit,
                                clock,
                                random,
                                invocations,
                                callers));
        var reviews =
                closer.add(
                        "reviews",
                        ReviewsFeature.create(
                                database,
                                registry.reads(),
                                registry.moderation(),
                                directory::publicViewChanged,
                                (agent, user, rating) ->
                                        reputation.engine().reviewChanged(agent, user, rating),
                                audit,
                                clock,
                                callers));
        var bound = new AtomicReference<WebServer>();
        var admin =
                AdminFeature.create(
                        accounts.administration(),
                        registry.reads(),
                        registry.ownedAgents(),
                        registry.moderation(),
                        reviews.reviews(),
                        directory.categories(),
                        invocations,
                        audit,
                        clock,
                        callers,
                        new AdminFeature.Console(
                                nodeControl(config, startedAt, bound::get, database, host),
                                NodeLogging.recent(),
                                new SettingsFile(host.sources(), config),
                                reputation.engine()));
        var verification =
                closer.add(
                        "verification",
                        VerificationFeature.create(
                                database,
                                config.verification(),
                                registry.reads(),
                                registry.ownedAgents(),
                                registry.moderation(),
                                registry.keyDirectory(),
                                reputation.engine(),
                                outbound,
                                random,
                                clock,
                                directory::publicViewChanged,
                                callers,
                                upkeep,
                                background));
        var contacts =
                closer.add(
                        "contacts",
                        ContactsFeature.create(
                                database,
                                registry.reads(),
                                registry.ownedAgents(),
                                audit,
                                clock,
                                callers));
        var signaling =
                closer.add(
                        "signaling",
                        SignalingFeature.create(
                                database,
                                config.signaling(),
                                registry.reads(),
                                registry.keyDirectory(),
                                contacts.book(),
                                callers,
                                clock,
                                random,
                                upkeep,
                                audit));
        registry.onChange(signaling.registryListener());
        var gateway =
                closer.add(
                        "gateway",
                        GatewayFeature.create(
                                database,
                                registry.reads(),
                                provider::granted,
                                contacts.book()::allows,
                                reputation.engine(),
                                Connectors.create(agentOutbound),
                                audit,
                                clock,
                                config.gateway(),
                                upkeep,
                                threads.scheduler("peerclaw-task-persister"),
                                directory::setRecentCalls));
        var health = HealthFeature.create(database::ping, registry.registrations()::count);

        // Where two features' paths overlap, the more specific comes first (RouteTableIT).
        var routes =
                RouteTable.builder()
                        // POST /agents/claim before the registry's /agents/{id}; review writes
                        // before the directory's reads on the same path.
                        .then("provider", provider.routes())
                        .then("reviews", reviews.routes())
                        .then("admin", admin.routes())
                        .then("verification", verification.routes())
                        .then("contacts", contacts.routes())
                        .then("uptime", uptime.routes())
                        .then(
                                "invoke",
                                InvokeFeature.create(
                                                gateway.gateway(),
                                                invocations,
                                                registry.reads(),
                                                registry.ownedAgents(),
                                                registry.moderation(),
                                                directory::listing,
                                                callers,
                                                audit,
                                                config.gateway())
                                        .routes())
                        .thenIf(
                                config.gateway().a2a(),
                                "a2a",
                                () ->
                                        A2aFeature.create(
                                                        gateway.gateway(),
                                                        callers,
                                                        directory::listing,
                                                        // The port only serves a request without
                                                        // a usable Host header.
                                                        new PublicBase(
                                                                config.server().publicUrl(),
                                                                config.server()::port),
                                                        clock)
                                                .routes())
                        .thenIf(
                                config.gateway().acp(),
                                "acp",
                                () -> AcpFeature.create(gateway.gateway(), callers).routes())
                        .thenIf(
                                config.gateway().mcp(),
                                "mcp",
                                () ->
                                        McpFeature.create(
                                                        database,
                                                        gateway.gateway(),
                                                        callers,
                                                        directory,
                                                        reputation.engine(),
                                                        registry.reads(),
                                                        config.server(),
                                                        clock,
                                                        background)
                                                .routes())
                        .then("registry", registry.routes(callers, config.auth().required()))
                        .then("identity", identity.routes())
                        .then("directory", directory.routes())
                        .then("health", health.routes())
                        .thenIf(
                                config.userAuth().enabled(),
                                "accounts",
                                () -> accounts.routes(callers))
                        .build();

        long featuresBuilt = System.nanoTime();
        var server = NodeServerSetup.serve(config, routes, signaling.sockets(), audit);
        bound.set(server);
        LOG.log(
                System.Logger.Level.DEBUG,
                () ->
                        String.format(
                                "start-up took %d ms: database %d, then waiting for the warm-up"
                                        + " %d, features %d, server %d",
                                millis(System.nanoTime() - began),
                                millis(databaseOpen - began),
                                millis(warm - databaseOpen),
                                millis(featuresBuilt - warm),
                                millis(System.nanoTime() - featuresBuilt)));
        closer.add("server", server::stop);
        // Live streams end first: the server waits for open requests before it stops.
        closer.add("admin live streams", admin);
        if (!server.isRunning()) {
            // Helidon logs and swallows listener failures; say why in one line instead.
            throw new IllegalStateException(NodeServerSetup.bindFailure(config.server()));
        }
        return new NodeWiring(
                config, database, server, routes, closer, directory, verification, gateway);
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /**
     * Creates or promotes an admin account in the node's database without starting the server.
     * Returns true when the account was created.
     */
    public static boolean createAdmin(
            NodeConfig config,
            InstantSource clock,
            OutputStream stdout,
            String email,
            String password) {
        var random = new SecureRandom();
        NodeSecrets.prepareDataDirectory(config.dataDirectory());
        var sessionSecret = NodeSecrets.sessionSecret(config, random);
        try (var database = Database.open(config.database());
                var audit = AuditLog.create(config.auditLog(), database, clock, stdout);
                var threads = new NodeThreads();
                var accounts =
                        AccountsFeature.create(
                                database,
                                audit,
                                clock,
                                random,
                                config.userAuth(),
                                config.smtp(),
                                sessionSecret,
                                threads.virtual("peerclaw-background-"))) {
            return accounts.createAdmin(email, password);
        }
    }

    /** The node as the admin routes see it: its facts, and a restart through its host. */
    private static NodeControl nodeControl(
            NodeConfig config,
            java.time.Instant startedAt,
            java.util.function.Supplier<WebServer> server,
            Database database,
            Host host) {
        return new NodeControl() {
            @Override
            public Facts facts() {
                int port = server.get() == null ? 0 : server.get().port();
                return new Facts(
                        io.peerclaw.shared.Version.current(),
                        startedAt,
                        baseUri(config.server(), port).toString(),
                        port,
                        config.dataDirectory().toString(),
                        config.configFile().map(Object::toString).orElse(null),
                        config.database().driver().name().toLowerCase(java.util.Locale.ROOT),
                        database.describe());
            }

            @Override
            public void restartSoon() {
                host.restartSoon().run();
            }
        };
    }

    public int port() {
        return server.port();
    }

    /** Where a local client reaches the node, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        return baseUri(config.server(), port());
    }

    static URI baseUri(NodeConfig.Server server, int port) {
        String host = server.host();
        boolean anyAddress = host.equals("0.0.0.0") || host.equals("::");
        String shown = anyAddress ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + port);
    }

    /** Endpoint verification, whose re-check run tests drive with their own clock. */
    public VerificationFeature verification() {
        return verification;
    }

    /** The directory, whose invalidation hook moderation code and tests call. */
    public DirectoryFeature directory() {
        return directory;
    }

    /** The protocol gateway, whose pending records tests flush. */
    public GatewayFeature gateway() {
        return gateway;
    }

    public NodeConfig config() {
        return config;
    }

    public String databaseDescription() {
        return database.describe();
    }

    /** The services in the order the router tries them (for the route precedence test). */
    RouteTable routeTable() {
        return routes;
    }

    /**
     * Stops the node in one order, the reverse of {@link #assemble}'s (docs/architecture.md,
     * "Stopping"): live streams end; the server stops taking requests and waits for open ones; each
     * feature cancels its jobs and writes what it buffers (the gateway's call records with their
     * reputation events, the registry's heartbeat times), newest feature first; the executors let
     * running jobs finish; outbound HTTP closes; the audit log stores every queued event and the
     * throttling summaries; last the pool closes, and with it the database. Each buffering writer,
     * once closed, writes on the caller's thread, so a late writer loses nothing either.
     */
    @Override
    public void close() {
        long started = System.nanoTime();
        LOG.log(System.Logger.Level.INFO, "stopping the node");
        closer.close();
        LOG.log(
                System.Logger.Level.INFO,
                "node stopped in {0} ms",
                String.valueOf(Duration.ofNanos(System.nanoTime() - started).toMillis()));
    }
}
