package io.peerclaw.node.gateway.invoke;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.directory.DirectoryPage;
import io.peerclaw.node.directory.DirectoryQuery;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.InvocationLog;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.http.TokenBuckets;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentModeration;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.OwnedAgents;
import java.util.List;
import java.util.function.Function;

/** Invoke, the invocation log, the route table and bridge/send, served under {@code /api/v1}. */
public final class InvokeFeature implements Feature {
    private final InvokeHttpService invoke;
    private final RoutesHttpService routes;

    private InvokeFeature(InvokeHttpService invoke, RoutesHttpService routes) {
        this.invoke = invoke;
        this.routes = routes;
    }

    public static InvokeFeature create(
            Gateway gateway,
            InvocationLog log,
            AgentReads agents,
            OwnedAgents owned,
            AgentModeration moderation,
            Function<DirectoryQuery, DirectoryPage> publicListing,
            Authenticator authenticator,
            AuditLog audit,
            NodeConfig.Gateway settings) {
        var bridgeLimits =
                new TokenBuckets(
                        settings.bridgePerSecond(), settings.bridgeBurst(), System::nanoTime);
        return new InvokeFeature(
                new InvokeHttpService(gateway, log, authenticator),
                new RoutesHttpService(
                        gateway,
                        agents,
                        owned,
                        moderation,
                        publicListing,
                        authenticator,
                        bridgeLimits,
                        audit));
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(Mount.API, invoke, routes);
    }
}
