package io.peerclaw.desktop;

import io.peerclaw.desktop.demo.DemoAgent;
import io.peerclaw.node.api.NodeOptions;
import io.peerclaw.node.api.NodeServer;
import io.peerclaw.node.api.RunningNode;
import io.peerclaw.shared.Version;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the node without a window until the process is told to stop (SIGTERM, SIGINT), then shuts it
 * down cleanly. Touches no JavaFX class.
 */
final class HeadlessLauncher {
    private static final System.Logger LOG = System.getLogger(HeadlessLauncher.class.getName());

    private HeadlessLauncher() {}

    static void run(NodeOptions options, OutputStream auditOut, boolean demo) {
        // The demo agent listens first, so the node starts allowed to reach its one address.
        DemoAgent demoAgent = demo ? DemoAgent.bind() : null;
        if (demoAgent != null) {
            options = options.allowingAddress(demoAgent.address());
        }
        RunningNode node;
        try {
            node = NodeServer.start(options, auditOut);
        } catch (RuntimeException e) {
            if (demoAgent != null) {
                demoAgent.close();
            }
            throw e;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        Thread.ofPlatform()
                                .name("peerclaw-shutdown")
                                .unstarted(
                                        () -> {
                                            // Logs when it begins and how long it took.
                                            node.close();
                                            if (demoAgent != null) {
                                                demoAgent.close();
                                            }
                                            stopped.countDown();
                                        }));
        LOG.log(
                System.Logger.Level.INFO,
                "PeerClaw node {0} started http=:{1} ({2}), data in {3}, database {4}",
                Version.current(),
                String.valueOf(node.port()),
                node.baseUri(),
                node.dataDirectory(),
                node.database());
        if (demoAgent != null) {
            var id = demoAgent.register(node.baseUri(), node.dataDirectory());
            LOG.log(
                    System.Logger.Level.INFO,
                    "demo agent \"echo-demo\" registered as {0}; it answers A2A, MCP and ACP at"
                            + " {1}, the one private address this node may call besides those in"
                            + " security.allowed_private_cidrs",
                    id.value(),
                    demoAgent.baseUrl());
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
