package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.http.EventStream;
import io.peerclaw.shared.json.Json;

/**
 * Where a stream's events go, one JSON-RPC response each. A client that left is no error (see
 * {@link EventStream}): sends then do nothing and say so.
 */
record Sink(EventStream stream) {
    /** Sends one response; false once the client left. */
    boolean send(ObjectNode response) {
        return stream.send(null, null, Json.text(response));
    }

    /** A comment line that keeps idle connections open; clients ignore it. */
    boolean keepAlive() {
        return stream.keepAlive();
    }

    boolean clientLeft() {
        return stream.clientLeft();
    }
}
