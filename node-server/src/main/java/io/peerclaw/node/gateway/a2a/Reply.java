package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a JSON-RPC request is answered with: one response, or a stream of them. */
sealed interface Reply {
    /** One JSON-RPC response (a result or an error), sent with HTTP 200. */
    record Single(ObjectNode response) implements Reply {}

    /** A server-sent event stream; {@code events} writes them and returns when the stream ends. */
    record Stream(Events events) implements Reply {}

    @FunctionalInterface
    interface Events {
        void writeTo(Sink sink);
    }
}
