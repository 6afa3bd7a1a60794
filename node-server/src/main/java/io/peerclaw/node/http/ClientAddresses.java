package io.peerclaw.node.http;

import io.peerclaw.node.net.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Finds the client's IP address. {@code X-Forwarded-For} is believed only when the connection comes
 * from a configured trusted proxy, and then only up to the first hop that is not one, so a client
 * cannot choose its own rate-limit bucket by sending the header.
 */
public final class ClientAddresses {
    private final List<Cidr> trustedProxies;

    public ClientAddresses(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public String resolve(SocketAddress peer, List<String> forwardedFor) {
        InetAddress remote = peer instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (remote == null) {
            return "unknown";
        }
        if (!isTrusted(remote) || forwardedFor.isEmpty()) {
            return remote.getHostAddress();
        }
        // Walk the chain from the nearest hop outwards; the first untrusted hop is the client.
        String client = remote.getHostAddress();
        var hops =
                forwardedFor.stream()
                        .flatMap(h -> java.util.Arrays.stream(h.split(",")))
                        .map(String::strip)
                        .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop;
            try {
                hop = InetAddress.ofLiteral(hops.get(i));
            } catch (IllegalArgumentException e) {
                return client; // a malformed hop ends what we can believe
            }
            client = hop.getHostAddress();
            if (!isTrusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(block -> block.contains(address));
    }
}
