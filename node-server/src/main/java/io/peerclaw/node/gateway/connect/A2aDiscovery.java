package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reading an agent card for the connector (protocols.md §1.2): which JSON-RPC URL and which wire
 * generation to use. Only interfaces on the registered endpoint's origin count, so a card cannot
 * send the node's requests to another host.
 */
final class A2aDiscovery {
    static final String CARD_PATH = "/.well-known/agent-card.json";

    private A2aDiscovery() {}

    /**
     * Where the card may be: under the endpoint URL, then at its origin (the JS SDK's resolution
     * for a base URL, and the usual place for a JSON-RPC URL).
     */
    static List<String> cardUrls(URI registered) {
        String base = registered.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (registered.getRawQuery() != null || registered.getRawFragment() != null) {
            base = origin(registered) + Objects.requireNonNullElse(registered.getRawPath(), "");
        }
        var urls = new LinkedHashSet<String>();
        urls.add(base + CARD_PATH);
        urls.add(origin(registered) + CARD_PATH);
        return new ArrayList<>(urls);
    }

    /** The endpoint a card (or no card: null) leads to. */
    static A2aEndpoint choose(JsonNode card, URI registered) {
        String fallback = registered.toString();
        if (card == null || !card.isObject()) {
            return new A2aEndpoint(fallback, A2aVersion.V1_0, false);
        }
        boolean streaming = card.path("capabilities").path("streaming").asBoolean(false);
        JsonNode interfaces = card.get("supportedInterfaces");
        if (interfaces != null && interfaces.isArray() && !interfaces.isEmpty()) {
            JsonNode chosen = null;
            for (JsonNode candidate : interfaces) {
                if (!"JSONRPC".equalsIgnoreCase(candidate.path("protocolBinding").asText(""))
                        || !sameOrigin(candidate.path("url").asText(""), registered)) {
                    continue;
                }
                if (chosen == null
                        || ("1.0".equals(candidate.path("protocolVersion").asText(""))
                                && !"1.0".equals(chosen.path("protocolVersion").asText("")))) {
                    chosen = candidate;
                }
            }
            if (chosen == null) {
                return new A2aEndpoint(fallback, A2aVersion.V1_0, streaming);
            }
            A2aVersion version =
                    chosen.path("protocolVersion").asText("1.0").startsWith("0.")
                            ? A2aVersion.V0_3
                            : A2aVersion.V1_0;
            return new A2aEndpoint(chosen.get("url").asText(), version, streaming);
        }
        // A 0.3 card: one url and its preferred transport.
        String url = card.path("url").asText("");
        String transport = card.path("preferredTransport").asText("JSONRPC");
        boolean legacy = !url.isEmpty() || card.path("protocolVersion").asText("").startsWith("0.");
        if (!legacy) {
            return new A2aEndpoint(fallback, A2aVersion.V1_0, streaming);
        }
        boolean usable = "JSONRPC".equalsIgnoreCase(transport) && sameOrigin(url, registered);
        return new A2aEndpoint(usable ? url : fallback, A2aVersion.V0_3, streaming);
    }

    /** Same scheme, host and port (default ports spelled out or not). */
    static boolean sameOrigin(String url, URI registered) {
        URI other;
        try {
            other = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (other.getScheme() == null
                || other.getHost() == null
                || registered.getScheme() == null
                || registered.getHost() == null
                || other.getRawUserInfo() != null) {
            return false;
        }
        return other.getScheme().equalsIgnoreCase(registered.getScheme())
                && other.getHost().equalsIgnoreCase(registered.getHost())
                && port(other) == port(registered);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    }
}
