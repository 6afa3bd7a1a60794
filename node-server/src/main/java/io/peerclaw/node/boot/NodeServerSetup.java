package io.peerclaw.node.boot;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.ClientAddresses;
import io.peerclaw.node.http.CorsFilter;
import io.peerclaw.node.http.Problems;
import io.peerclaw.node.http.RateLimitFilter;
import io.peerclaw.node.http.RequestContextFilter;
import io.peerclaw.node.http.SocketEndpoint;
import io.peerclaw.node.http.TokenBuckets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The web server around the route table: the filter chain, the problem answers, the listener. */
final class NodeServerSetup {
    private NodeServerSetup() {}

    /** The filters, the route table and the problem answers, on a started server. */
    static WebServer serve(
            NodeConfig config, RouteTable routes, List<SocketEndpoint> sockets, AuditLog audit) {
        var problems = new Problems(config.rateLimit().maxBodyBytes());
        var routing = HttpRouting.builder();
        routing.addFilter(new CorsFilter(config.server().corsOrigins()));
        routing.addFilter(
                new RequestContextFilter(new ClientAddresses(config.rateLimit().trustedProxies())));
        if (config.rateLimit().enabled()) {
            var buckets =
                    new TokenBuckets(
                            config.rateLimit().requestsPerSecond(),
                            config.rateLimit().burstSize(),
                            System::nanoTime);
            routing.addFilter(
                    new RateLimitFilter(
                            buckets,
                            client ->
                                    audit.recordThrottled(
                                            AuditEvent.RATE_LIMITED, null, Map.of())));
        }
        // After the client address and the rate limit: upgrades pass every filter, and a gate
        // refuses with a problem answer before the WebSocket layer takes the connection.
        var webSockets = WsRouting.builder();
        var origins = new java.util.HashSet<String>();
        int maxFrame = 64 * 1024;
        for (var socket : sockets) {
            routing.addFilter(socket.gate());
            webSockets.endpoint(socket.path(), socket.listeners());
            origins.addAll(socket.origins());
            maxFrame = Math.max(maxFrame, socket.maxFrameBytes());
        }
        routes.applyTo(routing);
        problems.register(routing);
        var server = WebServer.builder();
        if (!sockets.isEmpty()) {
            server.addProtocol(WsConfig.builder().maxFrameLength(maxFrame).origins(origins).build())
                    .addRouting(webSockets);
        }
        return server.host(config.server().host())
                .port(config.server().port())
                .maxPayloadSize(config.rateLimit().maxBodyBytes())
                .directHandlers(problems.directHandlers())
                .shutdownHook(false)
                // Without it a response written in two parts waits for the client's delayed ACK
                // (~40 ms) before its second part leaves: pages of cards crawl.
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .routing(routing)
                .build()
                .start();
    }

    /** Why the listener did not start, in one line with what to do. */
    static String bindFailure(NodeConfig.Server server) {
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
}
