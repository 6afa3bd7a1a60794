package io.peerclaw.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.net.Cidr;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    final InetSocketAddress proxy = new InetSocketAddress("10.0.0.5", 4000);
    final InetSocketAddress direct = new InetSocketAddress("198.51.100.7", 4000);
    final ClientAddresses addresses = new ClientAddresses(List.of(Cidr.of("10.0.0.0/8")));

    @Test
    void ignoresForwardedForFromUntrustedPeers() {
        assertThat(addresses.resolve(direct, List.of("1.2.3.4"))).isEqualTo("198.51.100.7");
    }

    @Test
    void takesTheFirstUntrustedHopBehindTrustedProxies() {
        assertThat(addresses.resolve(proxy, List.of("1.2.3.4"))).isEqualTo("1.2.3.4");
        // A client that forges earlier hops cannot pick its address: the nearest untrusted hop
        // counts.
        assertThat(addresses.resolve(proxy, List.of("6.6.6.6, 1.2.3.4, 10.0.0.9")))
                .isEqualTo("1.2.3.4");
        assertThat(addresses.resolve(proxy, List.of("6.6.6.6", "1.2.3.4"))).isEqualTo("1.2.3.4");
    }

    @Test
    void stopsAtAMalformedHop() {
        assertThat(addresses.resolve(proxy, List.of("1.2.3.4, garbage"))).isEqualTo("10.0.0.5");
    }
}
