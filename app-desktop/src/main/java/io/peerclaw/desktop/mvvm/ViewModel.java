package io.peerclaw.desktop.mvvm;

import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.client.NodeClientException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What every view model shares: the node client, a busy flag while a call runs in the background,
 * and the last error or notice as readable text. Calls run on {@code background}; their results are
 * applied on {@code ui} (the FX thread in the program, the calling thread in tests).
 */
public abstract class ViewModel {
    protected final NodeClient node;
    private final Executor background;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private int running;

    protected ViewModel(NodeClient node, Executor background, Executor ui) {
        this.node = Objects.requireNonNull(node);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
    }

    /** Loads what the view shows again. */
    public abstract void refresh();

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    public String error() {
        return error.get();
    }

    public String notice() {
        return notice.get();
    }

    protected void notice(String text) {
        notice.set(text);
    }

    protected void error(String text) {
        error.set(text);
    }

    /** Runs {@code work} off the UI thread, then {@code apply} on it; failures become the error. */
    protected <T> void run(Supplier<T> work, Consumer<T> apply) {
        run(work, apply, e -> {});
    }

    protected <T> void run(
            Supplier<T> work, Consumer<T> apply, Consumer<NodeClientException> failed) {
        running++;
        busy.set(true);
        error.set("");
        background.execute(
                () -> {
                    T result;
                    try {
                        result = work.get();
                    } catch (NodeClientException e) {
                        ui.execute(
                                () -> {
                                    done();
                                    error.set(e.getMessage());
                                    failed.accept(e);
                                });
                        return;
                    } catch (RuntimeException e) {
                        // NOTE: never a stack trace in the window; the message is what a person can
                        // act on.
                        ui.execute(
                                () -> {
                                    done();
                                    error.set(
                                            "unexpected failure: "
                                                    + (e.getMessage() == null
                                                            ? e.getClass().getSimpleName()
                                                            : e.getMessage()));
                                });
                        return;
                    }
                    ui.execute(
                            () -> {
                                done();
                                apply.accept(result);
                            });
                });
    }

    /** {@link #run} for calls without a result. */
    protected void act(Runnable work, Runnable then) {
        run(
                () -> {
                    work.run();
                    return Boolean.TRUE;
                },
                ignored -> then.run());
    }

    private void done() {
        running--;
        busy.set(running > 0);
    }
}
