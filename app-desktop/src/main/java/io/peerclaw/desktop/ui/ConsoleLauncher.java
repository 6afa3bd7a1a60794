package io.peerclaw.desktop.ui;

import io.peerclaw.desktop.embedded.EmbeddedNode;
import io.peerclaw.node.api.NodeOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the JavaFX toolkit and the console window, and waits until the window closes. A machine
 * where the toolkit cannot start gets one line pointing to {@code --server}, never a stack trace.
 */
public final class ConsoleLauncher {
    private ConsoleLauncher() {}

    /** Returns the exit status: 0 after the window closed, 1 when no window could be opened. */
    public static int run(
            NodeOptions options,
            Optional<Path> screenshots,
            Optional<ConsoleApp.Credentials> credentials,
            PrintStream err) {
        var started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (RuntimeException | LinkageError e) {
            err.println(
                    "peerclaw: cannot open a window ("
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : e.getMessage())
                            + "); run the node without one with --server");
            return 1;
        }
        Platform.setImplicitExit(false);
        var closed = new CountDownLatch(1);
        var status = new AtomicInteger(0);
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        var node = new EmbeddedNode(options);
        // Once the toolkit runs (no node starts for a machine without a display), the node starts
        // while the window is built and shown: the window's own start call then finds it
        // running, or reports why it could not start.
        background.execute(
                () -> {
                    try {
                        node.start();
                    } catch (io.peerclaw.desktop.client.NodeClientException e) {
                        // said in the window, when it asks for the node
                    }
                });
        Platform.runLater(
                () -> {
                    try {
                        var stage = new Stage();
                        var app =
                                new ConsoleApp(
                                        stage,
                                        Optional.of(node),
                                        background,
                                        screenshots.isPresent()
                                                ? WindowState.NONE
                                                : WindowState.preferences());
                        stage.addEventHandler(
                                javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
                        screenshots.ifPresent(
                                dir ->
                                        app.whenReady(
                                                shell ->
                                                        new Screenshots(app, dir, stage::close)
                                                                .take(shell)));
                        app.open(credentials);
                    } catch (RuntimeException e) {
                        err.println("peerclaw: the console failed to open: " + e.getMessage());
                        status.set(1);
                        closed.countDown();
                    }
                });
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        node.close();
        background.shutdownNow();
        Platform.exit();
        return status.get();
    }
}
