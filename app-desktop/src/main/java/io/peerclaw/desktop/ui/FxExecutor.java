package io.peerclaw.desktop.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/** Runs view-model results on the JavaFX application thread. */
public final class FxExecutor implements Executor {
    @Override
    public void execute(Runnable command) {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    }
}
