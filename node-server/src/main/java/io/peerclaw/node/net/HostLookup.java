package io.peerclaw.node.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into its addresses. {@link OutboundHttp} asks exactly once per connection and
 * connects only to what it was told, so tests can stand in a fake one to play a hostile DNS.
 */
@FunctionalInterface
public interface HostLookup {
    /** Every address of the host; throws when it has none. */
    List<InetAddress> addressesOf(String host) throws UnknownHostException;

    /** The platform resolver (hosts file, then DNS). */
    static HostLookup system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
