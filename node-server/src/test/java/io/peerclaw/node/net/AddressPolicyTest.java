package io.peerclaw.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.1",
                "172.16.5.4",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "198.18.0.1",
                "224.0.0.1",
                "240.0.0.1",
                "255.255.255.255",
                "192.0.2.1",
                "203.0.113.9",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "64:ff9b::a00:1",
                "2002:c0a8:0101::1",
                "2001:db8::1",
                "2001::1",
                "::127.0.0.1"
            })
    void refusesNonPublicAddresses(String address) {
        assertThat(AddressPolicy.isPublic(InetAddress.ofLiteral(address))).isFalse();
        assertThat(AddressPolicy.strict().permits(InetAddress.ofLiteral(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.216.34",
                "2606:4700:4700::1111",
                "64:ff9b::808:808",
                "2002:0808:0808::1"
            })
    void acceptsPublicAddresses(String address) {
        assertThat(AddressPolicy.isPublic(InetAddress.ofLiteral(address))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1/, 127.0.0.1",
        "http://2130706433/, 127.0.0.1",
        "http://0177.0.0.1/, 127.0.0.1",
        "http://0x7f.0.0.1/, 127.0.0.1",
        "http://127.1/, 127.0.0.1",
        "http://[::1]:8080/, 0:0:0:0:0:0:0:1",
        "http://10.0.0.1:99/x, 10.0.0.1"
    })
    void readsLiteralHostsTheWayResolversDo(String url, String expected) {
        assertThat(AddressPolicy.literalHost(URI.create(url)))
                .map(InetAddress::getHostAddress)
                .contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://example.com/",
                "http://localhost:8080/",
                "http://1.2.3.example.com/"
            })
    void hostNamesAreNotLiterals(String url) {
        assertThat(AddressPolicy.literalHost(URI.create(url))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "10.1.2.3, true",
        "10.255.0.1, true",
        "172.20.0.1, false",
        "192.168.1.1, false",
        "8.8.8.8, true"
    })
    void allowlistedBlocksPass(String address, boolean permitted) {
        var policy = new AddressPolicy(List.of(Cidr.of("10.0.0.0/8")));
        assertThat(policy.permits(InetAddress.ofLiteral(address))).isEqualTo(permitted);
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.200.1.1, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "fd00::/8, fd12::1, true",
        "192.168.1.7, 192.168.1.7, true",
        "192.168.1.7, 192.168.1.8, false",
        "0.0.0.0/0, 8.8.8.8, true",
        "10.0.0.0/8, ::1, false"
    })
    void cidrBlocksContainTheirAddresses(String block, String address, boolean contained) {
        assertThat(Cidr.of(block).contains(InetAddress.ofLiteral(address))).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "nonsense", "10.0.0.0/-1", "::/129", ""})
    void refusesMalformedCidrs(String text) {
        assertThat(Cidr.parse(text)).isEmpty();
    }
}
