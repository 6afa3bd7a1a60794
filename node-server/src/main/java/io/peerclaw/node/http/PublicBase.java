package io.peerclaw.node.http;

import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The base URL clients reach this node by, for absolute URLs in what we serve (agent card
 * interfaces): {@code server.public_url} when configured, else the request's own {@code Host}, so a
 * client on any host and port is sent back to where it came from. A Host that is not a plain {@code
 * host[:port]} is not echoed (it would let a request plant a foreign URL in the answer).
 */
public final class PublicBase {
    private static final Pattern HOST =
            Pattern.compile(
                    "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?");

    private final Optional<String> configured;
    private final IntSupplier port;

    /**
     * @param configured {@code server.public_url} without a trailing slash, if set
     * @param port the port the node listens on (known once it listens), for requests that carry no
     *     usable Host
     */
    public PublicBase(Optional<String> configured, IntSupplier port) {
        this.configured = configured;
        this.port = port;
    }

    /** The base URL, without a trailing slash. */
    public String of(IncomingRequest request) {
        if (configured.isPresent()) {
            return configured.get();
        }
        String host =
                request.header("Host")
                        .map(String::strip)
                        .filter(h -> HOST.matcher(h).matches())
                        .orElseGet(() -> "127.0.0.1:" + port.getAsInt());
        // Behind a TLS-terminating proxy the configured URL is the way to say https.
        return "http://" + host;
    }
}
