package io.peerclaw.desktop.embedded;

import io.peerclaw.desktop.overview.NodeControl;
import io.peerclaw.node.api.NodeOptions;
import io.peerclaw.node.api.NodeServer;
import io.peerclaw.node.api.NodeStartException;
import io.peerclaw.node.api.RunningNode;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The node the console runs in its own process, started with the same options {@code --server}
 * uses. The console only starts and stops it here; everything else goes through the REST API.
 */
public final class EmbeddedNode implements NodeControl, AutoCloseable {
    private NodeOptions options;
    private RunningNode running;

    public EmbeddedNode(NodeOptions options) {
        this.options = options;
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public synchronized boolean running() {
        return running != null;
    }

    /**
     * Starts the node. A node that cannot start fails with a {@link
     * io.peerclaw.desktop.client.NodeClientException} carrying the node's own lines.
     */
    @Override
    public synchronized URI start() {
        if (running == null) {
            try {
                running = NodeServer.start(options, OutputStream.nullOutputStream());
                // a port chosen by 0 is kept, so Stop and Start leave the console's address valid
                options = options.withPort(running.port());
            } catch (NodeStartException e) {
                throw new io.peerclaw.desktop.client.NodeClientException(
                        "the node did not start: " + String.join("; ", e.problems()));
            }
        }
        return local(running.baseUri(), running.port());
    }

    /** The address to call the node at: a wildcard bind address is reached over loopback. */
    static URI local(URI base, int port) {
        String host = base.getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return URI.create("http://127.0.0.1:" + port);
        }
        return base;
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Where the running node answers. */
    public synchronized Optional<URI> address() {
        return running == null
                ? Optional.empty()
                : Optional.of(local(running.baseUri(), running.port()));
    }

    public synchronized Optional<Path> dataDirectory() {
        return running == null ? Optional.empty() : Optional.of(running.dataDirectory());
    }

    @Override
    public void close() {
        stop();
    }
}
