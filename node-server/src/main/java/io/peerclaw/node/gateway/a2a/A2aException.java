package io.peerclaw.node.gateway.a2a;

/** Ends a JSON-RPC request with an A2A error, answered with HTTP 200 like every such error. */
final class A2aException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient A2aError error;

    A2aException(A2aError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    A2aError error() {
        return error;
    }
}
