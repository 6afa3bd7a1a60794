package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Where a stream's events go, one JSON-RPC response each; an IOException means the client left. */
interface Sink {
    void send(ObjectNode response) throws IOException;

    /** A comment line that keeps idle connections open; clients ignore it. */
    void keepAlive() throws IOException;
}
