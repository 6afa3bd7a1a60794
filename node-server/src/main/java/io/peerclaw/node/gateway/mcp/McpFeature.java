package io.peerclaw.node.gateway.mcp;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.directory.DirectoryFeature;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.storage.Database;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The MCP front door ({@code bridge.mcp.enabled}): the node's own MCP server at {@code /mcp} and
 * every registered agent as an MCP server at {@code /mcp/{agent_id}}, with sessions kept in {@code
 * mcp_sessions}.
 */
public final class McpFeature implements Feature {
    private final McpHttpService http;

    private McpFeature(McpHttpService http) {
        this.http = http;
    }

    /**
     * @param directory searches and profiles for {@code discover_agents} and {@code
     *     get_agent_profile}, and the agent cards listed as resources
     * @param reputation scores and their explanations for {@code check_reputation}
     * @param registry verification flags and protocols of agents
     * @param background sweeps expired sessions and passes cancellations on to agents
     */
    public static McpFeature create(
            Database database,
            Gateway gateway,
            Authenticator authenticator,
            DirectoryFeature directory,
            ReputationEngine reputation,
            AgentReads registry,
            NodeConfig.Server server,
            InstantSource clock,
            ExecutorService background) {
        var sessions =
                new McpSessions(
                        new McpSessionStore(database),
                        clock,
                        gateway.settings().sessionTtl(),
                        background);
        var calls = new ToolCalls(gateway);
        var node =
                new GatewayEndpoint.Parts(
                        gateway,
                        calls,
                        directory,
                        reputation,
                        registry,
                        io.peerclaw.shared.Version.current());
        var http =
                new McpHttpService(
                        gateway,
                        authenticator,
                        sessions,
                        new OriginPolicy(server.corsOrigins(), server.publicUrl()),
                        server.publicUrl(),
                        node,
                        background);
        return new McpFeature(http);
    }

    /** The routes: {@code /mcp}, {@code /mcp/{agent_id}} and their protected-resource metadata. */
    @Override
    public List<Mount> routes() {
        return Mount.under("", http);
    }
}
