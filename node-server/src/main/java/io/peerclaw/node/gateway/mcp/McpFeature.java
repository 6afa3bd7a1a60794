package io.peerclaw.node.gateway.mcp;

import io.helidon.webserver.http.HttpService;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.directory.DirectoryFeature;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentRegistry;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.storage.Database;
import java.time.InstantSource;

/**
 * The MCP front door ({@code bridge.mcp.enabled}): the node's own MCP server at {@code /mcp} and
 * every registered agent as an MCP server at {@code /mcp/{agent_id}}, with sessions kept in {@code
 * mcp_sessions}.
 */
public final class McpFeature {
    private final McpHttpService http;

    private McpFeature(McpHttpService http) {
        this.http = http;
    }

    /**
     * @param directory searches and profiles for {@code discover_agents} and {@code
     *     get_agent_profile}, and the agent cards listed as resources
     * @param reputation scores and their explanations for {@code check_reputation}
     * @param registry verification flags and protocols of agents
     */
    public static McpFeature create(
            Database database,
            Gateway gateway,
            Authenticator authenticator,
            DirectoryFeature directory,
            ReputationEngine reputation,
            AgentRegistry registry,
            NodeConfig.Server server,
            InstantSource clock) {
        var sessions =
                new McpSessions(
                        new McpSessionStore(database), clock, gateway.settings().sessionTtl());
        var calls = new ToolCalls(gateway);
        var node =
                new GatewayEndpoint.Parts(
                        gateway, calls, directory, reputation, registry, version());
        var http =
                new McpHttpService(
                        gateway,
                        authenticator,
                        sessions,
                        new OriginPolicy(server.corsOrigins(), server.publicUrl()),
                        server.publicUrl(),
                        node);
        return new McpFeature(http);
    }

    /** The routes: {@code /mcp}, {@code /mcp/{agent_id}} and their protected-resource metadata. */
    public HttpService http() {
        return http;
    }

    private static String version() {
        String version = McpFeature.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
