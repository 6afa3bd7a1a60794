package io.peerclaw.node.net;

import io.peerclaw.node.net.OutboundResult.BadUrl;
import io.peerclaw.node.net.OutboundResult.Failure;
import io.peerclaw.node.net.OutboundResult.TargetNotAllowed;
import io.peerclaw.node.net.OutboundResult.UnsupportedScheme;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.apache.hc.core5.http.HttpHost;

/**
 * Reads a URL someone else supplied into the host and path to connect to, or the reason there is
 * none: only http and https, no credentials, and an IP literal the policy refuses is refused before
 * any socket or lookup exists (names are checked by the resolver once resolved).
 */
final class Destinations {
    private final AddressPolicy policy;

    Destinations(AddressPolicy policy) {
        this.policy = policy;
    }

    /**
     * Where a URL leads, decided without any lookup or socket: a target to connect to, or the
     * reason there is none.
     */
    Destination of(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Refused(new BadUrl("not a valid URL: " + e.getReason()));
        }
        if (uri.getScheme() == null) {
            return new Refused(new BadUrl("the URL must be absolute"));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Refused(new UnsupportedScheme(scheme));
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            return new Refused(new BadUrl("the URL names no host"));
        }
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            return new Refused(new BadUrl("the URL must not carry credentials"));
        }
        Optional<String> hostText = AddressPolicy.host(uri);
        if (hostText.isEmpty()) {
            return new Refused(new BadUrl("the URL names no host"));
        }
        Optional<InetAddress> literal = AddressPolicy.literal(hostText.get());
        String host;
        if (literal.isPresent()) {
            if (!policy.permits(literal.get())) {
                return new Refused(
                        new TargetNotAllowed(
                                literal.get().getHostAddress() + " is not a public address"));
            }
            // The resolver reads the usual spelling exactly as the check above did.
            host = literal.get().getHostAddress();
        } else if (uri.getHost() != null) {
            host = uri.getHost();
        } else {
            return new Refused(new BadUrl("the host is not a valid name"));
        }
        int port = port(uri, authority, hostText.get());
        if (port == 0 || port > 65_535) {
            return new Refused(new BadUrl("the port is not valid"));
        }
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return new Target(new HttpHost(scheme, host, port), path);
    }

    /**
     * The URL's port, -1 for the scheme's default, 0 when unreadable. {@link URI#getPort()} is -1
     * whenever it could not read the host (as for {@code 2130706433:8080}), so the rest of the
     * authority after the host is read then.
     */
    private static int port(URI uri, String authority, String hostText) {
        if (uri.getHost() != null) {
            return uri.getPort();
        }
        String afterHost = authority.substring(hostText.length());
        if (afterHost.isEmpty() || afterHost.equals(":")) {
            return -1;
        }
        if (!afterHost.matches(":[0-9]{1,5}")) {
            return 0;
        }
        return Integer.parseInt(afterHost.substring(1));
    }

    sealed interface Destination permits Target, Refused {}

    /** A checked host (its IP literal in the usual spelling, or its name) and the request path. */
    record Target(HttpHost host, String pathAndQuery) implements Destination {}

    record Refused(Failure failure) implements Destination {}
}
