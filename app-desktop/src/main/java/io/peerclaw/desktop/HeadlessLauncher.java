package io.peerclaw.desktop;

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

    static void run(NodeOptions options, OutputStream auditOut) {
        RunningNode node = NodeServer.start(options, auditOut);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        Thread.ofPlatform()
                                .name("peerclaw-shutdown")
                                .unstarted(
                                        () -> {
                                            // Logs when it begins and how long it took.
                                            node.close();
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
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
