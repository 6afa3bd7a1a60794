package io.peerclaw.node.signaling;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.shared.crypto.RequestSignature;
import io.peerclaw.shared.model.AgentId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may open a signaling socket, decided on the upgrade request before any frame: a registered,
 * unsuspended agent, from an allowed origin (agents send none), while the node has room. A request
 * that carries the agent's signature or bearer key is authenticated here; one without is challenged
 * once the socket is open.
 */
final class SignalingGate {
    private final AgentReads agents;
    private final Authenticator authenticator;
    private final SignalingHub hub;
    private final List<String> allowedOrigins;
    private final int maxConnections;

    SignalingGate(
            AgentReads agents,
            Authenticator authenticator,
            SignalingHub hub,
            List<String> allowedOrigins,
            int maxConnections) {
        this.agents = agents;
        this.authenticator = authenticator;
        this.hub = hub;
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.maxConnections = maxConnections;
    }

    /** The agent the socket is for, and whether the upgrade request already proved its key. */
    record Admitted(AgentId agent, boolean authenticated) {}

    /**
     * @throws ApiException the refusal: 400 without {@code agent_id}, 404 unknown, 403 suspended, a
     *     foreign origin or another caller's credentials, 401 credentials that prove nothing, 503
     *     when the node holds {@code rate_limit.max_connections} sockets
     */
    Admitted admit(
            Optional<String> agentText,
            Optional<String> origin,
            Optional<String> host,
            IncomingRequest request) {
        String text =
                agentText
                        .filter(t -> !t.isBlank())
                        .orElseThrow(
                                () ->
                                        ApiException.invalid(
                                                "agent_id",
                                                "is required: /api/v1/signaling?agent_id=<your"
                                                        + " agent id>"));
        AgentId agent =
                AgentId.parse(text)
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + text));
        var found =
                agents.managedAgent(agent)
                        .filter(a -> !a.pending())
                        .orElseThrow(() -> ApiException.notFound("no agent with id " + agent));
        if (found.stewardship().suspended()) {
            throw ApiException.forbidden("agent " + agent + " is suspended");
        }
        if (origin.isPresent() && !originAllowed(origin.get(), host)) {
            throw ApiException.forbidden(
                    "origin "
                            + origin.get()
                            + " may not open signaling sockets (signaling.allowed_origins)");
        }
        if (hub.connections() >= maxConnections && !hub.isLive(agent)) {
            throw new ApiException(
                    ErrorCode.UNAVAILABLE,
                    "this node holds its limit of "
                            + maxConnections
                            + " signaling sockets; try again later");
        }
        boolean credentials =
                request.header(RequestSignature.HEADER_SIGNATURE).isPresent()
                        || request.header("Authorization").isPresent();
        if (!credentials) {
            return new Admitted(agent, false);
        }
        return switch (authenticator.authenticate(request, new byte[0])) {
            case Caller.Agent self when self.id().equals(agent) -> new Admitted(agent, true);
            case Caller.Agent other ->
                    throw ApiException.forbidden(
                            "these credentials are agent "
                                    + other.id()
                                    + "'s, not "
                                    + agent
                                    + "'s");
            case Caller.User user ->
                    throw ApiException.forbidden(
                            "a signaling socket is an agent's: sign the upgrade with the agent's"
                                    + " key or send one of its bearer keys");
            case Caller.Anonymous anonymous -> new Admitted(agent, false);
        };
    }

    /**
     * A browser's origin: one of {@code signaling.allowed_origins}, or when that list is empty the
     * node's own (the origin's host and port are the request's {@code Host}).
     */
    private boolean originAllowed(String origin, Optional<String> host) {
        String normalised = origin.strip().toLowerCase(Locale.ROOT);
        if (!allowedOrigins.isEmpty()) {
            return allowedOrigins.contains(normalised);
        }
        try {
            URI uri = new URI(normalised);
            if (uri.getHost() == null || host.isEmpty()) {
                return false;
            }
            int port =
                    uri.getPort() != -1
                            ? uri.getPort()
                            : "https".equals(uri.getScheme()) ? 443 : 80;
            String expected = uri.getHost() + ":" + port;
            String given = host.get().strip().toLowerCase(Locale.ROOT);
            if (!given.contains(":")) {
                given = given + ":" + ("https".equals(uri.getScheme()) ? 443 : 80);
            }
            return expected.equals(given);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
