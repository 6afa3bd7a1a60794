package io.peerclaw.node.gateway.connect;

/**
 * Where and how to call an A2A agent, as its card says.
 *
 * @param rpcUrl the JSON-RPC URL: the registered endpoint or an interface on its origin
 * @param streaming the card says {@code capabilities.streaming}
 */
record A2aEndpoint(String rpcUrl, A2aVersion version, boolean streaming) {
    A2aEndpoint with(A2aVersion other) {
        return new A2aEndpoint(rpcUrl, other, streaming);
    }
}
