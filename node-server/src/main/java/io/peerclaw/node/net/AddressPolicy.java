package io.peerclaw.node.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides which IP addresses the node may treat as public destinations. Everything that is not
 * globally routable unicast is refused (loopback, private, link-local and cloud metadata, CGNAT,
 * benchmarking, documentation, multicast, reserved) in both families, and IPv6 forms that embed an
 * IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the address they embed. Blocks
 * listed in {@code security.allowed_private_cidrs} are allowed on purpose, for LAN deployments and
 * local tests.
 */
public final class AddressPolicy {
    private static final List<Cidr> NON_PUBLIC_V4 =
            blocks(
                    "0.0.0.0/8",
                    "10.0.0.0/8",
                    "100.64.0.0/10",
                    "127.0.0.0/8",
                    "169.254.0.0/16",
                    "172.16.0.0/12",
                    "192.0.0.0/24",
                    "192.0.2.0/24",
                    "192.88.99.0/24",
                    "192.168.0.0/16",
                    "198.18.0.0/15",
                    "198.51.100.0/24",
                    "203.0.113.0/24",
                    "224.0.0.0/4",
                    "240.0.0.0/4");

    /** IPv6 is public only inside 2000::/3 and outside these special blocks. */
    private static final Cidr GLOBAL_UNICAST_V6 = Cidr.of("2000::/3");

    private static final List<Cidr> NON_PUBLIC_V6 =
            blocks(
                    "2001::/23", // IETF protocol assignments, Teredo included
                    "2001:db8::/32",
                    "3fff::/20",
                    "5f00::/16");

    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");
    private static final Cidr IPV4_COMPATIBLE = Cidr.of("::/96");

    private final List<Cidr> allowed;

    public AddressPolicy(List<Cidr> allowedPrivate) {
        this.allowed = List.copyOf(allowedPrivate);
    }

    /** A policy with no allowlist: only public addresses pass. */
    public static AddressPolicy strict() {
        return new AddressPolicy(List.of());
    }

    public List<Cidr> allowedPrivate() {
        return allowed;
    }

    /** Whether the node may connect to this address. */
    public boolean permits(InetAddress address) {
        return isPublic(address) || allowed.stream().anyMatch(block -> block.contains(address));
    }

    /** Whether the address is globally routable unicast, judged without any allowlist. */
    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return NON_PUBLIC_V4.stream().noneMatch(block -> block.contains(v4));
        }
        if (address instanceof Inet6Address v6) {
            byte[] raw = v6.getAddress();
            if (NAT64.contains(v6) || IPV4_COMPATIBLE.contains(v6)) {
                return isPublic(v4(Arrays.copyOfRange(raw, 12, 16)));
            }
            if (SIX_TO_FOUR.contains(v6)) {
                return isPublic(v4(Arrays.copyOfRange(raw, 2, 6)));
            }
            return GLOBAL_UNICAST_V6.contains(v6)
                    && NON_PUBLIC_V6.stream().noneMatch(block -> block.contains(v6));
        }
        return false;
    }

    /**
     * The IP address a URL's host spells literally, in any form a resolver would accept ({@code
     * [::1]}, {@code 127.1}, {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.0.0.1}); empty for
     * a host name.
     */
    public static Optional<InetAddress> literalHost(URI uri) {
        return host(uri).flatMap(AddressPolicy::literal);
    }

    /**
     * The IP address a host spells literally, bracketed or not, read as {@link #literalHost} reads
     * it; empty for a host name.
     */
    public static Optional<InetAddress> literal(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        // POSIX first: resolvers read 0177.0.0.1 as octal (127.0.0.1), where Java's own parser
        // reads decimal 177.0.0.1; judging by the resolvers' reading refuses the dangerous one.
        try {
            return Optional.of(Inet4Address.ofPosixLiteral(host));
        } catch (IllegalArgumentException notPosix) {
            try {
                return Optional.of(InetAddress.ofLiteral(host));
            } catch (IllegalArgumentException notStandard) {
                return Optional.empty();
            }
        }
    }

    /**
     * The URL's host. {@link URI#getHost()} gives up on hosts such as {@code 2130706433} (a label
     * may not start with a digit), so the authority is read directly then.
     */
    public static Optional<String> host(URI uri) {
        if (uri.getHost() != null) {
            return Optional.of(uri.getHost());
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty() || authority.contains("@")) {
            return Optional.empty();
        }
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? Optional.empty() : Optional.of(authority.substring(0, end + 1));
        }
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }

    private static InetAddress v4(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static List<Cidr> blocks(String... cidrs) {
        return Arrays.stream(cidrs).map(Cidr::of).toList();
    }
}
