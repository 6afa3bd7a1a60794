package io.peerclaw.node.config;

import io.peerclaw.node.net.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's validated, immutable configuration. Each feature receives only its own section.
 *
 * @param dataDirectory where the node keeps its database, generated secrets and logs
 * @param configFile the YAML file that was read, if any
 * @param effective every key with its effective value, secrets redacted, for display
 */
public record NodeConfig(
        Path dataDirectory,
        Optional<Path> configFile,
        Server server,
        Auth auth,
        Database database,
        RateLimit rateLimit,
        AuditLog auditLog,
        Logging logging,
        UserAuth userAuth,
        Smtp smtp,
        Registry registry,
        Directory directory,
        Security security,
        Reputation reputation,
        Verification verification,
        Probe probe,
        Gateway gateway,
        Signaling signaling,
        Map<String, String> effective) {

    /** The same configuration listening on another port (a restart keeps a port chosen by 0). */
    public NodeConfig withPort(int port) {
        return new NodeConfig(
                dataDirectory,
                configFile,
                new Server(server.host(), port, server.corsOrigins(), server.publicUrl()),
                auth,
                database,
                rateLimit,
                auditLog,
                logging,
                userAuth,
                smtp,
                registry,
                directory,
                security,
                reputation,
                verification,
                probe,
                gateway,
                signaling,
                effective);
    }

    /** The same configuration with these address blocks allowed as well as the configured ones. */
    public NodeConfig allowingAlso(List<Cidr> blocks) {
        var allowed = new java.util.ArrayList<>(security.allowedPrivateCidrs());
        allowed.addAll(blocks);
        return new NodeConfig(
                dataDirectory,
                configFile,
                server,
                auth,
                database,
                rateLimit,
                auditLog,
                logging,
                userAuth,
                smtp,
                registry,
                directory,
                new Security(List.copyOf(allowed)),
                reputation,
                verification,
                probe,
                gateway,
                signaling,
                effective);
    }

    /**
     * Where the HTTP server listens, which browser origins may call it, and the address clients
     * reach it by.
     *
     * @param publicUrl the node's public base URL ({@code server.public_url}, no trailing slash),
     *     used in agent cards; empty to build URLs from each request's {@code Host}
     */
    public record Server(
            String host, int port, List<String> corsOrigins, Optional<String> publicUrl) {
        public Server(String host, int port, List<String> corsOrigins) {
            this(host, port, corsOrigins, Optional.empty());
        }
    }

    /** Whether registry reads need credentials, and the accepted clock skew of signatures. */
    public record Auth(boolean required, Duration signatureMaxSkew) {}

    /** The storage engine and how to reach it. */
    public record Database(
            Driver driver, String jdbcUrl, String user, Secret password, int maxConnections) {
        public enum Driver {
            H2,
            POSTGRES
        }
    }

    /**
     * The signaling WebSocket: whether it runs, the browser origins it admits (empty: the node's
     * own), its socket limit, and the ICE servers handed to agents. TURN credentials are either
     * minted per agent from {@code turnSecret} (the TURN REST API, valid {@code turnTtl}) or the
     * static {@code turnUsername}/{@code turnCredential}. Frames kept for an agent that is not
     * connected take at most {@code mailboxMaxBytes} per agent.
     */
    public record Signaling(
            boolean enabled,
            List<String> allowedOrigins,
            int maxConnections,
            List<String> turnUrls,
            String turnUsername,
            Secret turnCredential,
            Secret turnSecret,
            Duration turnTtl,
            long mailboxMaxBytes) {}

    /** Per-client-IP token bucket, the request body cap and the proxies whose XFF we believe. */
    public record RateLimit(
            boolean enabled,
            double requestsPerSecond,
            int burstSize,
            long maxBodyBytes,
            List<Cidr> trustedProxies) {}

    /** Where security events are written as JSON lines: {@code null} file means stdout. */
    public record AuditLog(boolean enabled, Optional<Path> file) {}

    /** Log level name ({@code debug}, {@code info}, {@code warn}, {@code error}) and format. */
    public record Logging(String level, boolean json) {}

    /**
     * Accounts and sessions. An empty {@code jwtSecret} means "generate one in the data folder";
     * {@code adminEmails} (lower-cased) become admins only when they register with a verified
     * email.
     */
    public record UserAuth(
            boolean enabled,
            Secret jwtSecret,
            Duration accessTtl,
            Duration refreshTtl,
            int bcryptCost,
            List<String> adminEmails,
            boolean requireEmailVerification) {}

    /**
     * Where account emails go; an empty host means "write them to the log". {@code tls} asks for
     * STARTTLS (required, not opportunistic); port 465 means TLS from the first byte.
     */
    public record Smtp(
            String host, int port, Secret username, Secret password, String from, boolean tls) {
        public boolean configured() {
            return !host.isEmpty();
        }
    }

    /** Liveness: expected heartbeat period, silence before offline, heartbeat write batching. */
    public record Registry(
            Duration heartbeatInterval, Duration offlineAfter, Duration heartbeatFlushInterval) {}

    /**
     * How long rendered directory pages are reused ({@code Duration.ZERO}: never). Changes that
     * must show at once clear them on this node; other nodes see them within this time.
     */
    public record Directory(Duration pageCacheTtl) {}

    /** Private address blocks the node may nevertheless call or accept as agent endpoints. */
    public record Security(List<Cidr> allowedPrivateCidrs) {}

    /**
     * Uptime probes of registered endpoints.
     *
     * @param enabled whether the node probes on its own schedule (owners may re-check regardless)
     * @param interval the time between two probes of one agent, jittered by 10 %
     * @param timeout the whole liveness call's deadline, every request of it included
     * @param concurrency how many probes may run at once
     */
    public record Probe(boolean enabled, Duration interval, Duration timeout, int concurrency) {}

    /**
     * The trust engine's constants. Each event moves the score toward its rule's target by {@code
     * alpha * |weight|}; idle scores drift back to 0.5 with {@code decayHalfLife}.
     *
     * @param rules by event type name ({@code bridge_success}, ...)
     * @param capWindow the window over which each rule's {@code cap} counts an agent's events
     * @param uptimePeriod at most one up and one down uptime sample per agent in each period
     * @param decayInterval how often idle scores are brought up to date
     */
    public record Reputation(
            double alpha,
            double trustedThreshold,
            Duration decayHalfLife,
            Duration decayInterval,
            Duration uptimePeriod,
            Duration capWindow,
            Map<String, Rule> rules) {
        /** A signed weight (its size is the step), a target in [0, 1] and a cap per window. */
        public record Rule(double weight, double target, int cap) {}
    }

    /** How often a verified endpoint is challenged again (jittered by a tenth either way). */
    public record Verification(Duration recheckInterval) {}

    /**
     * The protocol gateway.
     *
     * @param a2a whether {@code /a2a} serves ({@code bridge.a2a.enabled}); likewise mcp and acp
     * @param callTimeout how long a blocking call waits for the agent; a longer task answers with
     *     its state and goes on (MCP clients give up after 60 s)
     * @param streamTimeout the longest a streamed or background call may run
     * @param taskTtl how long a task, run or invocation's task state stays readable after its last
     *     change
     * @param sessionTtl how long an idle MCP session stays valid
     * @param previewBytes how much of a call's request and response the invocation log keeps
     * @param invocationRetention how long invocation records are kept
     * @param anonymousPerHour calls per hour for each anonymous client address
     * @param userPerHour calls per hour for each signed-in user (and each calling agent)
     * @param bridgePerSecond {@code POST /bridge/send} rate per source agent, with {@code
     *     bridgeBurst}
     */
    public record Gateway(
            boolean a2a,
            boolean mcp,
            boolean acp,
            Duration callTimeout,
            Duration streamTimeout,
            Duration taskTtl,
            Duration sessionTtl,
            int previewBytes,
            Duration invocationRetention,
            int anonymousPerHour,
            int userPerHour,
            double bridgePerSecond,
            int bridgeBurst) {}
}
