package io.peerclaw.node.gateway.acp;

import io.peerclaw.node.gateway.Gateway;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import java.util.List;

/** The ACP 0.2 front door ({@code bridge.acp.enabled}), served under {@code /acp}. */
public final class AcpFeature implements Feature {
    private final AcpHttpService http;

    private AcpFeature(AcpHttpService http) {
        this.http = http;
    }

    public static AcpFeature create(Gateway gateway, Authenticator authenticator) {
        return new AcpFeature(new AcpHttpService(new AcpRuns(gateway), authenticator));
    }

    @Override
    public List<Mount> routes() {
        return Mount.under("/acp", http);
    }
}
