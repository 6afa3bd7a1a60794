package io.peerclaw.node.signaling;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.shared.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers an agent is handed after it authenticates. STUN URLs go without credentials; TURN
 * URLs get either the static username and credential, or credentials of the TURN REST API made for
 * this agent: username {@code <expiry unix s>:<agent_id>}, credential base64(HMAC-SHA1(secret,
 * username)), which the TURN server checks with the same secret.
 */
final class IceServers {
    private final NodeConfig.Signaling settings;
    private final InstantSource clock;

    IceServers(NodeConfig.Signaling settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Empty when no URLs are configured: then no {@code config} frame is sent. */
    List<SignalMessage.IceServer> forAgent(AgentId agent) {
        var stun = new ArrayList<String>();
        var turn = new ArrayList<String>();
        for (String url : settings.turnUrls()) {
            (url.startsWith("turn") ? turn : stun).add(url);
        }
        var servers = new ArrayList<SignalMessage.IceServer>();
        if (!stun.isEmpty()) {
            servers.add(new SignalMessage.IceServer(List.copyOf(stun), null, null));
        }
        if (!turn.isEmpty()) {
            if (!settings.turnSecret().isEmpty()) {
                long expiry = clock.instant().plus(settings.turnTtl()).getEpochSecond();
                String username = expiry + ":" + agent.value();
                servers.add(
                        new SignalMessage.IceServer(
                                List.copyOf(turn),
                                username,
                                hmacSha1(settings.turnSecret().value(), username)));
            } else if (!settings.turnUsername().isEmpty()) {
                servers.add(
                        new SignalMessage.IceServer(
                                List.copyOf(turn),
                                settings.turnUsername(),
                                settings.turnCredential().value()));
            } else {
                servers.add(new SignalMessage.IceServer(List.copyOf(turn), null, null));
            }
        }
        return servers;
    }

    static String hmacSha1(String secret, String text) {
        try {
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
