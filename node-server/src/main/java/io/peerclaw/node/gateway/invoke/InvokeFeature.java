package io.peerclaw.node.gateway.invoke;

import io.helidon.webserver.http.HttpService;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.gateway.InvocationLog;
import io.peerclaw.node.http.TokenBuckets;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentRegistry;
import java.util.Map;
import java.util.function.Function;

/** Invoke, the invocation log, the route table and bridge/send, served under {@code /api/v1}. */
public final class InvokeFeature {
    private InvokeFeature() {}

    public static HttpService[] http(
            Gateway gateway,
            InvocationLog log,
            AgentRegistry registry,
            Function<Map<String, String>, byte[]> publicListing,
            Authenticator authenticator,
            AuditLog audit,
            NodeConfig.Gateway settings) {
        var bridgeLimits =
                new TokenBuckets(
                        settings.bridgePerSecond(), settings.bridgeBurst(), System::nanoTime);
        return new HttpService[] {
            new InvokeHttpService(gateway, log, authenticator),
            new RoutesHttpService(
                    gateway, registry, publicListing, authenticator, bridgeLimits, audit)
        };
    }
}
