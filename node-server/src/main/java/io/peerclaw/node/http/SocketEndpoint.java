package io.peerclaw.node.http;

import io.helidon.webserver.http.Filter;
import io.helidon.websocket.WsListener;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A WebSocket endpoint of a feature: its path, the filter that admits or refuses the upgrade
 * request (with a problem answer, before any frame), a listener per connection, the largest frame
 * and the browser origins the WebSocket layer lets through (empty: the node's own).
 */
public record SocketEndpoint(
        String path,
        Filter gate,
        Supplier<WsListener> listeners,
        int maxFrameBytes,
        Set<String> origins) {}
