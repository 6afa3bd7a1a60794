package io.peerclaw.desktop;

import io.peerclaw.node.api.NodeOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The door from {@link Main} to the desktop console. Kept free of JavaFX types so {@code Main}
 * loads no toolkit class until the console is really wanted.
 */
final class DesktopConsole {
    private DesktopConsole() {}

    /** Sign-in details for the unattended screenshot run. */
    record Credentials(String email, String password) {}

    static int run(
            NodeOptions options,
            Optional<Path> screenshots,
            Optional<Credentials> credentials,
            PrintStream err) {
        return io.peerclaw.desktop.ui.ConsoleLauncher.run(
                options,
                screenshots,
                credentials.map(
                        c ->
                                new io.peerclaw.desktop.ui.ConsoleApp.Credentials(
                                        c.email(), c.password())),
                err);
    }
}
