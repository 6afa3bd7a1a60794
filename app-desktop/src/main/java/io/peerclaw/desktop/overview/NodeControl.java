package io.peerclaw.desktop.overview;

import java.net.URI;

/**
 * Starts and stops the node the console runs in its own process. A remote node has none: it is
 * restarted through the API only.
 */
public interface NodeControl {
    /** True when this console runs the node itself (start and stop are possible). */
    boolean embedded();

    boolean running();

    /** Starts the node and answers its address; blocks until it serves. */
    URI start();

    void stop();

    /** For a remote node. */
    NodeControl REMOTE =
            new NodeControl() {
                @Override
                public boolean embedded() {
                    return false;
                }

                @Override
                public boolean running() {
                    return true;
                }

                @Override
                public URI start() {
                    throw new UnsupportedOperationException(
                            "a remote node is started where it runs");
                }

                @Override
                public void stop() {
                    throw new UnsupportedOperationException(
                            "a remote node is stopped where it runs");
                }
            };
}
