package io.peerclaw.node.gateway.mcp;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which browsers may talk to the MCP endpoints, against DNS rebinding (MCP 2025-11-25 transports,
 * "Security Warning").
 *
 * <ul>
 *   <li>An {@code Origin} must be this node's own (the origin of {@code server.public_url}, or the
 *       request's own {@code Host}) or one of {@code server.cors_origins}; otherwise 403.
 *   <li>On a connection to a loopback or private address, the {@code Host} must be an IP literal,
 *       {@code localhost}, the host of {@code server.public_url} or of a configured CORS origin: a
 *       rebinding page's own name is refused even when it resolves here. Nodes reached on a public
 *       address accept any {@code Host} (a rebinding attack gains nothing there), and so do
 *       requests without one (no browser sends those).
 * </ul>
 */
record OriginPolicy(List<String> corsOrigins, Optional<String> publicUrl) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    OriginPolicy {
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Whether a request carrying this {@code Host}, received on this local address, may go on. */
    boolean allowsHost(String host, InetAddress local) {
        if (host == null || host.isBlank() || !isLocal(local)) {
            return true;
        }
        String name = hostName(host);
        if (name.isEmpty()) {
            return false;
        }
        if (name.startsWith("[") || IPV4.matcher(name).matches()) {
            return true;
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (publicUrl.flatMap(OriginPolicy::hostOf).filter(name::equals).isPresent()) {
            return true;
        }
        return corsOrigins.stream()
                .map(OriginPolicy::hostOf)
                .flatMap(Optional::stream)
                .anyMatch(name::equals);
    }

    /** Whether a request with this {@code Origin} (null when absent) and {@code Host} may go on. */
    boolean allowsOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String given = origin.strip().toLowerCase(Locale.ROOT);
        if (corsOrigins.contains("*")
                || corsOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(given))) {
            return true;
        }
        if (publicUrl.flatMap(OriginPolicy::originOf).filter(given::equals).isPresent()) {
            return true;
        }
        // Same origin: the page was served from the host the request went to.
        Optional<String> authority = authorityOf(given);
        return host != null
                && authority.isPresent()
                && authority.get().equals(host.strip().toLowerCase(Locale.ROOT));
    }

    private static boolean isLocal(InetAddress local) {
        return local == null
                || local.isLoopbackAddress()
                || local.isSiteLocalAddress()
                || local.isLinkLocalAddress()
                || local.isAnyLocalAddress();
    }

    /** The host of {@code host[:port]}, lowercase, IPv6 literals keeping their brackets. */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? "" : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static Optional<String> hostOf(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return Optional.ofNullable(host).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code scheme://host[:port]} of a URL, lowercase. */
    private static Optional<String> originOf(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String origin =
                    uri.getScheme()
                            + "://"
                            + uri.getHost()
                            + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return Optional.of(origin.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The {@code host[:port]} of an origin, lowercase; empty for {@code null} or a non-URL. */
    private static Optional<String> authorityOf(String origin) {
        try {
            URI uri = URI.create(origin);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getRawAuthority().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
