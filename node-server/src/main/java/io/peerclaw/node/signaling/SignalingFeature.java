package io.peerclaw.node.signaling;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.contacts.ContactBook;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.http.Problems;
import io.peerclaw.node.http.SocketEndpoint;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.KeyDirectory;
import io.peerclaw.node.registry.AgentChangeListener;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.storage.Database;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The signaling WebSocket {@code GET /api/v1/signaling?agent_id=…} on the node's own port: the gate
 * on the upgrade request, the relay behind it, and the keep-alive.
 */
public final class SignalingFeature implements Feature {
    static final String PATH = Mount.API + "/signaling";

    private final SignalingGate gate;
    private final SignalingRelay relay;
    private final NodeConfig.Signaling settings;
    private final ScheduledFuture<?> keepAlive;
    private final ScheduledFuture<?> purge;

    private SignalingFeature(
            SignalingGate gate,
            SignalingRelay relay,
            NodeConfig.Signaling settings,
            ScheduledExecutorService upkeep) {
        this.gate = gate;
        this.relay = relay;
        this.settings = settings;
        long every = SignalingRelay.PING_INTERVAL.toMillis();
        this.keepAlive =
                upkeep.scheduleWithFixedDelay(
                        relay::keepAlive, every, every, TimeUnit.MILLISECONDS);
        this.purge = upkeep.scheduleWithFixedDelay(relay::purgeMailbox, 1, 60, TimeUnit.MINUTES);
    }

    /**
     * @param upkeep runs the keep-alive and the challenge deadlines
     */
    public static SignalingFeature create(
            Database database,
            NodeConfig.Signaling settings,
            AgentReads agents,
            KeyDirectory keys,
            ContactBook contacts,
            Authenticator authenticator,
            InstantSource clock,
            RandomGenerator random,
            ScheduledExecutorService upkeep,
            AuditLog audit) {
        var hub = new SignalingHub();
        var relay =
                new SignalingRelay(
                        hub,
                        agents,
                        keys,
                        contacts,
                        new IceServers(settings, clock),
                        clock,
                        System::nanoTime,
                        random,
                        upkeep,
                        audit,
                        new MailboxStore(database),
                        settings.mailboxMaxBytes());
        contacts.onEvents(relay);
        return new SignalingFeature(
                new SignalingGate(
                        agents,
                        authenticator,
                        hub,
                        settings.allowedOrigins(),
                        settings.maxConnections()),
                relay,
                settings,
                upkeep);
    }

    /** The socket, or none while {@code signaling.enabled} is false. */
    public List<SocketEndpoint> sockets() {
        if (!settings.enabled()) {
            return List.of();
        }
        return List.of(
                new SocketEndpoint(
                        PATH,
                        this::admit,
                        () -> new SignalingSocket(relay),
                        SignalingRelay.MAX_FRAME,
                        Set.copyOf(settings.allowedOrigins())));
    }

    private void admit(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.path().path().equals(PATH)) {
            chain.proceed();
            return;
        }
        boolean upgrade =
                req.headers()
                        .first(HeaderNames.UPGRADE)
                        .map(v -> v.toLowerCase(Locale.ROOT).contains("websocket"))
                        .orElse(false);
        if (!upgrade) {
            Problems.send(
                    res,
                    ApiException.invalid(
                            "Upgrade",
                            "this is a WebSocket endpoint: connect with Upgrade: websocket"));
            return;
        }
        try {
            var admitted =
                    gate.admit(
                            req.query().first("agent_id").asOptional(),
                            req.headers().first(HeaderNames.ORIGIN),
                            req.headers().first(HeaderNames.HOST),
                            IncomingRequest.of(req));
            if (admitted.authenticated()) {
                String key =
                        req.headers().first(HeaderNames.create("Sec-WebSocket-Key")).orElse("");
                relay.preAuthenticated(
                        SignalingRelay.connectionKey(key, req.remotePeer().address().toString()),
                        admitted.agent());
            }
        } catch (ApiException e) {
            Problems.send(res, e);
            return;
        }
        chain.proceed();
    }

    /** Closes the socket of an agent that is suspended or deregistered. */
    public AgentChangeListener registryListener() {
        return (agent, change) -> {
            switch (change) {
                case DEREGISTERED -> relay.agentChanged(agent, true);
                case HIDDEN, UPDATED -> relay.agentChanged(agent, false);
                case REGISTERED -> {}
            }
        };
    }

    @Override
    public void close() {
        keepAlive.cancel(false);
        purge.cancel(false);
        relay.closeAll();
    }
}
