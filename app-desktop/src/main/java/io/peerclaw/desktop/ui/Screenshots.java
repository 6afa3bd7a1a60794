package io.peerclaw.desktop.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Walks through every page, waits for its data, and saves the window as {@code NN-page.png}; then
 * the overview once more in the dark theme, and closes the window. Driven by the hidden {@code
 * --screenshots DIR} option for the documentation.
 */
final class Screenshots {
    private static final Duration SETTLE = Duration.seconds(2.5);

    private final ConsoleApp app;
    private final Path directory;
    private final Runnable done;

    Screenshots(ConsoleApp app, Path directory, Runnable done) {
        this.app = app;
        this.directory = directory;
        this.done = done;
    }

    void take(ConsoleShell shell) {
        // time for whatever drives the node meanwhile (scripts/screenshots.sh seeds it) to show
        // up in the live feed before the first picture
        var warmUp = new PauseTransition(Duration.seconds(12));
        warmUp.setOnFinished(e -> step(shell, 0));
        warmUp.play();
    }

    private void step(ConsoleShell shell, int index) {
        int pages = shell.pages().size();
        if (index > pages) {
            done.run();
            return;
        }
        if (index == pages) {
            app.theme().toggle(app.scene());
            shell.show(0);
        } else {
            shell.show(index);
            // a chosen row shows the detail panes too
            var first = new PauseTransition(Duration.seconds(1));
            first.setOnFinished(e -> pickFirst(shell.pages().get(index).model()));
            first.play();
        }
        var wait = new PauseTransition(SETTLE);
        wait.setOnFinished(
                e -> {
                    String name =
                            index == pages
                                    ? String.format(
                                            Locale.ROOT, "%02d-overview-dark.png", index + 1)
                                    : String.format(
                                            Locale.ROOT,
                                            "%02d-%s.png",
                                            index + 1,
                                            shell.pages()
                                                    .get(index)
                                                    .title()
                                                    .toLowerCase(Locale.ROOT));
                    save(app.scene(), directory.resolve(name));
                    if (index == pages) {
                        app.theme().toggle(app.scene());
                    }
                    step(shell, index + 1);
                });
        wait.play();
    }

    private static void pickFirst(io.peerclaw.desktop.mvvm.ViewModel model) {
        if (model instanceof io.peerclaw.desktop.agents.AgentsViewModel agents
                && !agents.agents().isEmpty()) {
            agents.select(agents.agents().getFirst());
        } else if (model instanceof io.peerclaw.desktop.moderation.ModerationViewModel reports
                && !reports.reports().isEmpty()) {
            reports.selectedProperty().set(reports.reports().getLast());
        }
    }

    static void save(Scene scene, Path file) {
        WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        var reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
