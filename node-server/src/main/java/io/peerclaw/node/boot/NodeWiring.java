package io.peerclaw.node.boot;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.peerclaw.node.accounts.AccountsFeature;
import io.peerclaw.node.admin.AdminFeature;
import io.peerclaw.node.admin.NodeControl;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.ConfigSources;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.SettingsFile;
import io.peerclaw.node.directory.DirectoryFeature;
import io.peerclaw.node.gateway.GatewayFeature;
import io.peerclaw.node.gateway.InvocationLog;
import io.peerclaw.node.gateway.acp.AcpHttpService;
import io.peerclaw.node.gateway.connect.Connectors;
import io.peerclaw.node.gateway.mcp.McpFeature;
import io.peerclaw.node.health.HealthFeature;
import io.peerclaw.node.http.ClientAddresses;
import io.peerclaw.node.http.CorsFilter;
import io.peerclaw.node.http.Problems;
import io.peerclaw.node.http.RateLimitFilter;
import io.peerclaw.node.http.RequestContextFilter;
import io.peerclaw.node.http.TokenBuckets;
import io.peerclaw.node.identity.IdentityFeature;
import io.peerclaw.node.net.AddressPolicy;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.provider.ProviderFeature;
import io.peerclaw.node.registry.RegistryFeature;
import io.peerclaw.node.reputation.ReputationFeature;
import io.peerclaw.node.reviews.ReviewsFeature;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.uptime.UptimeFeature;
import io.peerclaw.node.verification.VerificationFeature;
import java.io.OutputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's composition root. Every feature is built here, in dependency order, and nowhere else;
 * {@link #close()} takes them down in reverse.
 */
public final class NodeWiring implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NodeWiring.class.getName());

    private final NodeConfig config;
    private final Database database;
    private final AuditLog audit;
    private final RegistryFeature registry;
    private final DirectoryFeature directory;
    private final VerificationFeature verification;
    private final OutboundHttp outbound;
    private final OutboundHttp agentOutbound;
    private final UptimeFeature uptime;
    private final GatewayFeature gateway;
    private final ScheduledExecutorService scheduler;
    private final WebServer server;
    private final AdminFeature admin;

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
            AuditLog audit,
            RegistryFeature registry,
            DirectoryFeature directory,
            VerificationFeature verification,
            OutboundHttp outbound,
            OutboundHttp agentOutbound,
            UptimeFeature uptime,
            GatewayFeature gateway,
            ScheduledExecutorService scheduler,
            WebServer server,
            AdminFeature admin) {
        this.config = config;
        this.database = database;
        this.audit = audit;
        this.registry = registry;
        this.directory = directory;
        this.verification = verification;
        this.outbound = outbound;
        this.agentOutbound = agentOutbound;
        this.uptime = uptime;
        this.gateway = gateway;
        this.scheduler = scheduler;
        this.server = server;
        this.admin = admin;
    }

    /** Opens storage, builds the features and starts serving. */
    public static NodeWiring start(NodeConfig config, InstantSource clock, OutputStream stdout) {
        return start(config, clock, stdout, Host.fixed(config));
    }

    /** Opens storage, builds the features and starts serving, for a host that can restart it. */
    public static NodeWiring start(
            NodeConfig config, InstantSource clock, OutputStream stdout, Host host) {
        var startedAt = clock.instant();
        var bound = new java.util.concurrent.atomic.AtomicReference<WebServer>();
        var random = new SecureRandom();
        NodeSecrets.prepareDataDirectory(config.dataDirectory());
        var sessionSecret = NodeSecrets.sessionSecret(config, random);
        var database = Database.open(config.database());
        AuditLog audit = null;
        ScheduledExecutorService scheduler = null;
        DirectoryFeature directory = null;
        OutboundHttp outbound = null;
        OutboundHttp agentOutbound = null;
        UptimeFeature uptime = null;
        GatewayFeature gateway = null;
        AdminFeature admin = null;
        try {
            audit = AuditLog.create(config.auditLog(), database, clock, stdout);
            var addresses = new AddressPolicy(config.security().allowedPrivateCidrs());
            // The one client for URLs others supply; features that fetch receive it here.
            outbound = OutboundHttp.create(addresses);
            // Calls to agents get their own pool: many at once to the same few hosts.
            agentOutbound = OutboundHttp.create(addresses, Connectors.POOL);
            var accounts =
                    AccountsFeature.create(
                            database,
                            audit,
                            clock,
                            random,
                            config.userAuth(),
                            config.smtp(),
                            sessionSecret);
            var registry =
                    RegistryFeature.create(
                            database,
                            audit,
                            clock,
                            config.registry(),
                            addresses,
                            accounts.accounts()::labelProvider);
            var identity =
                    IdentityFeature.create(
                            database,
                            registry.keyDirectory(),
                            audit,
                            config.auth(),
                            clock,
                            random,
                            accounts.accounts());
            var reputation = ReputationFeature.create(database, config.reputation(), clock);
            registry.onChange(reputation.registryListener());
            registry.onLiveness(reputation.livenessListener());
            uptime =
                    UptimeFeature.create(
                            database,
                            registry.registry(),
                            reputation.engine(),
                            outbound,
                            config.probe(),
                            clock,
                            random);
            registry.onChange(uptime.registryListener());
            directory =
                    DirectoryFeature.create(
                            database,
                            config.directory().pageCacheTtl(),
                            reputation.engine(),
                            uptime.health());
            registry.onChange(directory.registryListener());
            var health = HealthFeature.create(database::ping, registry.registry()::count);

            // The call log's read side, for the provider and admin figures.
            var invocations = InvocationLog.create(database);
            var problems = new Problems(config.rateLimit().maxBodyBytes());
            var routing = HttpRouting.builder();
            routing.addFilter(new CorsFilter(config.server().corsOrigins()));
            routing.addFilter(
                    new RequestContextFilter(
                            new ClientAddresses(config.rateLimit().trustedProxies())));
            if (config.rateLimit().enabled()) {
                var buckets =
                        new TokenBuckets(
                                config.rateLimit().requestsPerSecond(),
                                config.rateLimit().burstSize(),
                                System::nanoTime);
                AuditLog auditLog = audit;
                routing.addFilter(
                        new RateLimitFilter(
                                buckets,
                                client ->
                                        auditLog.recordThrottled(
                                                AuditEvent.RATE_LIMITED, null, Map.of())));
            }
            var provider =
                    ProviderFeature.create(
                            database,
                            registry.registry(),
                            directory.categories(),
                            audit,
                            clock,
                            random,
                            invocations);
            var reviews =
                    ReviewsFeature.create(
                            database,
                            registry.registry(),
                            directory::publicViewChanged,
                            (agent, user, rating) ->
                                    reputation.engine().reviewChanged(agent, user, rating),
                            audit,
                            clock);
            admin =
                    AdminFeature.create(
                            accounts.accounts(),
                            registry.registry(),
                            reviews.reviews(),
                            directory.categories(),
                            invocations,
                            audit,
                            clock);
            // Before the registry and the directory: /agents/claim must not be taken for an agent
            // id, and review writes share their path with the directory's review reads.
            routing.register("/api/v1", provider.http(identity.authenticator()));
            routing.register("/api/v1", reviews.http(identity.authenticator()));
            routing.register("/api/v1", admin.http(identity.authenticator()));
            var control = nodeControl(config, startedAt, bound::get, database, host);
            routing.register(
                    "/api/v1",
                    admin.consoleHttp(
                            identity.authenticator(),
                            control,
                            NodeLogging.recent(),
                            new SettingsFile(host.sources(), config),
                            reputation.engine(),
                            clock));
            routing.register("/api/v1", admin.setupHttp());
            var verification =
                    VerificationFeature.create(
                            database,
                            config.verification(),
                            registry.registry(),
                            reputation.engine(),
                            outbound,
                            random,
                            clock,
                            directory::publicViewChanged);
            routing.register("/api/v1", verification.http(identity.authenticator()));
            routing.register("/api/v1", uptime.http(identity.authenticator()));
            gateway =
                    GatewayFeature.create(
                            database,
                            registry.registry(),
                            provider::granted,
                            reputation.engine(),
                            Connectors.create(agentOutbound),
                            audit,
                            clock,
                            config.gateway());
            routing.register(
                    "/api/v1",
                    io.peerclaw.node.gateway.invoke.InvokeFeature.http(
                            gateway.gateway(),
                            invocations,
                            registry.registry(),
                            directory::listing,
                            identity.authenticator(),
                            audit,
                            config.gateway()));
            // Protocol front doors (A2A, MCP, ACP) and invoke register here.
            if (config.gateway().a2a()) {
                routing.register(
                        io.peerclaw.node.gateway.a2a.A2aFeature.http(
                                gateway.gateway(),
                                identity.authenticator(),
                                directory::listing,
                                // The port is only for a request without a usable Host header.
                                new io.peerclaw.node.http.PublicBase(
                                        config.server().publicUrl(), config.server()::port),
                                clock));
            }
            if (config.gateway().acp()) {
                routing.register(
                        "/acp", AcpHttpService.create(gateway.gateway(), identity.authenticator()));
            }
            if (config.gateway().mcp()) {
                routing.register(
                        McpFeature.create(
                                        database,
                                        gateway.gateway(),
                                        identity.authenticator(),
                                        directory,
                                        reputation.engine(),
                                        registry.registry(),
                                        config.server(),
                                        clock)
                                .http());
            }
            routing.register(
                    "/api/v1",
                    registry.http(identity.authenticator(), config.auth().required()),
                    identity.http(),
                    directory.http(),
                    health.http());
            if (config.userAuth().enabled()) {
                routing.register("/api/v1", accounts.http(identity.authenticator()));
            }
            problems.register(routing);

            scheduler =
                    Executors.newSingleThreadScheduledExecutor(
                            Thread.ofPlatform().name("peerclaw-upkeep").daemon().factory());
            registry.startUpkeep(scheduler);
            reputation.startUpkeep(scheduler);
            verification.startUpkeep(scheduler);
            uptime.start(scheduler);
            gateway.startUpkeep(scheduler, directory::setRecentCalls);
            directory.start();

            var server =
                    WebServer.builder()
                            .host(config.server().host())
                            .port(config.server().port())
                            .maxPayloadSize(config.rateLimit().maxBodyBytes())
                            .directHandlers(problems.directHandlers())
                            .shutdownHook(false)
                            // Without it a response written in two parts waits for the client's
                            // delayed
                            // ACK (~40 ms) before its second part leaves: pages of cards crawl.
                            .connectionOptions(socket -> socket.tcpNoDelay(true))
                            .shutdownGracePeriod(Duration.ofSeconds(5))
                            .routing(routing)
                            .build()
                            .start();
            bound.set(server);
            if (!server.isRunning()) {
                // Helidon logs and swallows listener failures; say why in one line instead.
                throw new IllegalStateException(bindFailure(config.server()));
            }
            return new NodeWiring(
                    config,
                    database,
                    audit,
                    registry,
                    directory,
                    verification,
                    outbound,
                    agentOutbound,
                    uptime,
                    gateway,
                    scheduler,
                    server,
                    admin);
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.stop();
            }
            if (gateway != null) {
                gateway.close();
            }
            if (directory != null) {
                directory.stop();
            }
            if (uptime != null) {
                uptime.stop();
            }
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            if (agentOutbound != null) {
                agentOutbound.close();
            }
            if (outbound != null) {
                outbound.close();
            }
            if (audit != null) {
                audit.close();
            }
            database.close();
            throw e;
        }
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
                var audit = AuditLog.create(config.auditLog(), database, clock, stdout)) {
            return AccountsFeature.create(
                            database,
                            audit,
                            clock,
                            random,
                            config.userAuth(),
                            config.smtp(),
                            sessionSecret)
                    .accounts()
                    .createAdmin(email, password);
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

    private static String bindFailure(NodeConfig.Server server) {
        String reason;
        try (var probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(server.host(), server.port()));
            reason = "the listener did not start";
        } catch (java.io.IOException e) {
            reason = e.getMessage();
        }
        return "cannot listen on "
                + server.host()
                + ":"
                + server.port()
                + " ("
                + reason
                + "); choose another port with --port or server.http_addr";
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

    /** Stops taking requests, writes buffered heartbeats, and closes outbound HTTP and storage. */
    @Override
    public void close() {
        // Live streams first: the server waits for open requests before it stops.
        admin.stop();
        server.stop();
        gateway.close();
        directory.stop();
        uptime.stop();
        registry.stop();
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        agentOutbound.close();
        outbound.close();
        audit.close();
        database.close();
        LOG.log(System.Logger.Level.INFO, "node stopped");
    }
}
