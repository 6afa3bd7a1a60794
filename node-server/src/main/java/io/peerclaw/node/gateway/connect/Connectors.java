package io.peerclaw.node.gateway.connect;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.peerclaw.node.gateway.AgentConnector;
import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallListener;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.shared.model.Protocol;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AgentConnector} for all three protocols, built on the node's SSRF-safe client.
 *
 * <pre>{@code
 * var outbound = OutboundHttp.create(policy, Connectors.POOL);
 * var connectors = Connectors.create(outbound);
 * CallResult result = connectors.call(target, request, skill, Duration.ofSeconds(30), events::add);
 * }</pre>
 *
 * A listener other than {@link CallListener#IGNORE} asks for events: A2A agents whose card offers
 * streaming and ACP agents are then called in streaming mode, and MCP tools report progress.
 */
public final class Connectors implements AgentConnector {
    /*
     * What is remembered, per agent and endpoint, and for how long: an A2A agent's JSON-RPC URL,
     * version and streaming flag (5 min: cards change rarely, and a 0.3 fallback should not cost a
     * failed request every time); an MCP session (until the server forgets it, or 30 min unused);
     * an MCP server's tools (30 s: callers list them before calling); an ACP agent's name (5 min).
     */

    /** Pool limits for a gateway: many calls per second to the same few agents. */
    public static final OutboundHttp.Pool POOL = new OutboundHttp.Pool(256, 64);

    static final Duration CARD_TTL = Duration.ofMinutes(5);
    static final Duration SESSION_IDLE = Duration.ofMinutes(30);
    static final Duration TOOLS_TTL = Duration.ofSeconds(30);
    private static final int MAX_AGENTS_REMEMBERED = 10_000;

    private final A2aClient a2a;
    private final McpClient mcp;
    private final AcpClient acp;

    /** Connectors on the given client, with the system clock for their caches. */
    public static Connectors create(OutboundHttp http) {
        return new Connectors(http, InstantSource.system());
    }

    Connectors(OutboundHttp http, InstantSource clock) {
        var agentHttp = new AgentHttp(http);
        Ticker ticker = () -> nanos(clock.instant());
        this.a2a =
                new A2aClient(
                        agentHttp,
                        Caffeine.newBuilder()
                                .ticker(ticker)
                                .maximumSize(MAX_AGENTS_REMEMBERED)
                                .expireAfterWrite(CARD_TTL)
                                .build());
        this.mcp =
                new McpClient(
                        agentHttp,
                        Caffeine.newBuilder()
                                .ticker(ticker)
                                .maximumSize(MAX_AGENTS_REMEMBERED)
                                .expireAfterAccess(SESSION_IDLE)
                                .build(),
                        Caffeine.newBuilder()
                                .ticker(ticker)
                                .maximumSize(MAX_AGENTS_REMEMBERED)
                                .expireAfterWrite(TOOLS_TTL)
                                .build());
        this.acp =
                new AcpClient(
                        agentHttp,
                        Caffeine.newBuilder()
                                .ticker(ticker)
                                .maximumSize(MAX_AGENTS_REMEMBERED)
                                .expireAfterWrite(CARD_TTL)
                                .build());
    }

    @Override
    public Skills skills(AgentTarget target, Duration timeout) {
        Objects.requireNonNull(target, "target");
        Optional<Protocol> protocol = Protocol.parse(target.protocol());
        if (protocol.isEmpty()) {
            return new Skills.Unavailable(unknownProtocol(target));
        }
        return switch (protocol.get()) {
            case A2A, ACP -> new Skills.Listed(CardSkills.of(target.card()));
            case MCP ->
                    endpointProblem(target)
                            .<Skills>map(Skills.Unavailable::new)
                            .orElseGet(() -> mcp.skills(target, Deadline.after(timeout)));
        };
    }

    @Override
    public CallResult call(
            AgentTarget target,
            CallRequest request,
            Skill skill,
            Duration timeout,
            CallListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        Optional<Protocol> protocol = Protocol.parse(target.protocol());
        if (protocol.isEmpty()) {
            return CallResult.failed(unknownProtocol(target));
        }
        Optional<CallError> problem = endpointProblem(target);
        if (problem.isPresent()) {
            return CallResult.failed(problem.get());
        }
        var deadline = Deadline.after(timeout);
        try {
            return switch (protocol.get()) {
                case A2A -> a2a.call(target, request, skill, deadline, listener);
                case MCP -> mcp.call(target, request, skill, deadline, listener);
                case ACP -> acp.call(target, request, skill, deadline, listener);
            };
        } catch (BadWire e) {
            return CallResult.failed(new CallError(Kind.BAD_RESPONSE, e.getMessage()));
        }
    }

    @Override
    public boolean cancel(AgentTarget target, String remoteTaskId, Duration timeout) {
        Optional<Protocol> protocol = Protocol.parse(target.protocol());
        if (remoteTaskId == null || protocol.isEmpty() || endpointProblem(target).isPresent()) {
            return remoteTaskId == null;
        }
        var deadline = Deadline.after(timeout);
        try {
            return switch (protocol.get()) {
                case A2A -> a2a.cancel(target, remoteTaskId, deadline);
                // A tool call has no task of its own to cancel once it returned.
                case MCP -> true;
                case ACP -> acp.cancel(target, remoteTaskId, deadline);
            };
        } catch (BadWire e) {
            return false;
        }
    }

    /** Why the registered endpoint cannot be called at all, if it cannot. */
    private static Optional<CallError> endpointProblem(AgentTarget target) {
        String url = target.endpointUrl();
        if (url == null || url.isBlank()) {
            return Optional.of(new CallError(Kind.UNREACHABLE, "the agent registered no endpoint"));
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.of(
                        new CallError(
                                Kind.UNREACHABLE,
                                "the agent's endpoint is not an absolute http(s) URL"));
            }
        } catch (URISyntaxException e) {
            return Optional.of(
                    new CallError(Kind.UNREACHABLE, "the agent's endpoint is not a valid URL"));
        }
        return Optional.empty();
    }

    private static CallError unknownProtocol(AgentTarget target) {
        return new CallError(
                Kind.UNREACHABLE,
                "the agent speaks " + target.protocol() + ", which the gateway does not call");
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
