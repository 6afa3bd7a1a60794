package io.peerclaw.desktop.ui;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Where the console keeps its window's size, position and theme between runs. */
public interface WindowState {
    /** The window and theme as the console last left them. */
    record Saved(
            double x, double y, double width, double height, boolean maximized, boolean dark) {}

    Optional<Saved> load();

    void save(Saved state);

    /** For tests: remembers nothing. */
    WindowState NONE =
            new WindowState() {
                @Override
                public Optional<Saved> load() {
                    return Optional.empty();
                }

                @Override
                public void save(Saved state) {}
            };

    /** The user's Java preferences (on Linux, a small file under {@code ~/.java}). */
    static WindowState preferences() {
        return new WindowState() {
            private final Preferences prefs = Preferences.userRoot().node("io/peerclaw/console");

            @Override
            public Optional<Saved> load() {
                double width = prefs.getDouble("width", -1);
                if (width <= 0) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Saved(
                                prefs.getDouble("x", 0),
                                prefs.getDouble("y", 0),
                                width,
                                prefs.getDouble("height", 760),
                                prefs.getBoolean("maximized", false),
                                prefs.getBoolean("dark", false)));
            }

            @Override
            public void save(Saved s) {
                prefs.putDouble("x", s.x());
                prefs.putDouble("y", s.y());
                prefs.putDouble("width", s.width());
                prefs.putDouble("height", s.height());
                prefs.putBoolean("maximized", s.maximized());
                prefs.putBoolean("dark", s.dark());
                try {
                    prefs.flush();
                } catch (BackingStoreException e) {
                    // NOTE: losing the window position is not worth bothering anyone about.
                }
            }
        };
    }
}
