package io.peerclaw.desktop;

import io.peerclaw.node.api.NodeOptions;
import io.peerclaw.node.api.NodeServer;
import io.peerclaw.node.api.NodeStartException;
import io.peerclaw.node.api.ShutdownLogging;
import io.peerclaw.shared.Version;
import java.io.Console;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The program's entry point. Decides the mode from the command line before anything else is loaded,
 * so {@code --server} never touches a desktop toolkit.
 *
 * <p>Exit status: 0 after {@code --help}/{@code --version} or a clean stop, 2 for a bad command
 * line or configuration, 1 when the node cannot start for another reason.
 */
@AllowedToUseStandardStreams
public final class Main {
    static final int USAGE_ERROR = 2;
    static final int START_FAILURE = 1;
    static final String ADMIN_PASSWORD_VARIABLE = "PEERCLAW_ADMIN_PASSWORD";
    static final String ADMIN_EMAIL_VARIABLE = "PEERCLAW_ADMIN_EMAIL";

    private Main() {}

    public static void main(String[] args) {
        ShutdownLogging.install();
        int status = run(List.of(args), System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Runs the program; a negative result means "keep running" (the node is serving). */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), Main::askPassword);
    }

    /** Where an admin password comes from when the environment has none. */
    interface PasswordPrompt {
        /** The password typed twice alike, or empty when there is no terminal to ask on. */
        Optional<String> ask();
    }

    static int run(
            List<String> args,
            PrintStream out,
            PrintStream err,
            Map<String, String> environment,
            PasswordPrompt prompt) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("peerclaw: " + e.getMessage());
            err.println("Try 'peerclaw --help' for the options.");
            return USAGE_ERROR;
        }
        switch (line.mode()) {
            case HELP -> {
                out.print(CommandLine.USAGE);
                return 0;
            }
            case VERSION -> {
                out.println("peerclaw " + Version.current());
                return 0;
            }
            case CONSOLE -> {
                // NOTE: decided before any JavaFX class loads, so a machine without a display
                // gets one line instead of a toolkit stack trace.
                if (!hasDisplay(environment)) {
                    err.println(
                            "peerclaw: no display to open the console on (DISPLAY and"
                                    + " WAYLAND_DISPLAY are unset); run the node headless with"
                                    + " --server");
                    return START_FAILURE;
                }
                // the screenshot run's sign-in variables are for the console, not node settings
                var nodeEnvironment = new java.util.HashMap<>(environment);
                nodeEnvironment.remove(ADMIN_EMAIL_VARIABLE);
                nodeEnvironment.remove(ADMIN_PASSWORD_VARIABLE);
                var options = options(line).withEnvironment(nodeEnvironment);
                Optional<DesktopConsole.Credentials> credentials =
                        line.screenshots().isPresent()
                                        && environment.containsKey(ADMIN_EMAIL_VARIABLE)
                                        && environment.containsKey(ADMIN_PASSWORD_VARIABLE)
                                ? Optional.of(
                                        new DesktopConsole.Credentials(
                                                environment.get(ADMIN_EMAIL_VARIABLE),
                                                environment.get(ADMIN_PASSWORD_VARIABLE)))
                                : Optional.empty();
                return DesktopConsole.run(options, line.screenshots(), credentials, err);
            }
            case CREATE_ADMIN -> {
                return createAdmin(line, out, err, environment, prompt);
            }
            case SERVER -> {
                var options = options(line);
                try {
                    HeadlessLauncher.run(options, out, line.demo());
                    return -1; // stopped by a signal: the JVM is already exiting with its status
                } catch (NodeStartException e) {
                    e.problems().forEach(problem -> err.println("peerclaw: " + problem));
                    return e.isConfigurationProblem() ? USAGE_ERROR : START_FAILURE;
                }
            }
        }
        return START_FAILURE;
    }

    /** The node options --server and the console share. */
    static NodeOptions options(CommandLine line) {
        var options = NodeOptions.defaults();
        options = line.configFile().map(options::withConfigFile).orElse(options);
        options = line.dataDirectory().map(options::withDataDirectory).orElse(options);
        if (line.port().isPresent()) {
            options = options.withPort(line.port().getAsInt());
        }
        return options;
    }

    static boolean hasDisplay(Map<String, String> environment) {
        return !environment.getOrDefault("DISPLAY", "").isBlank()
                || !environment.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    private static int createAdmin(
            CommandLine line,
            PrintStream out,
            PrintStream err,
            Map<String, String> environment,
            PasswordPrompt prompt) {
        String password = environment.get(ADMIN_PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            var asked = prompt.ask();
            if (asked.isEmpty()) {
                err.println(
                        "peerclaw: set "
                                + ADMIN_PASSWORD_VARIABLE
                                + " or run --create-admin in a terminal to type the password");
                return USAGE_ERROR;
            }
            password = asked.get();
        }
        var options = NodeOptions.defaults().withEnvironment(environment);
        options = line.configFile().map(options::withConfigFile).orElse(options);
        options = line.dataDirectory().map(options::withDataDirectory).orElse(options);
        try {
            String email = line.adminEmail().orElseThrow();
            // NOTE: the audit event is stored in the database (and a configured audit file); its
            // stdout copy is for a running node's log, not for this command's one sentence.
            boolean created =
                    NodeServer.createAdmin(
                            options, java.io.OutputStream.nullOutputStream(), email, password);
            String account = email.strip().toLowerCase(java.util.Locale.ROOT);
            out.println(
                    created
                            ? "Created the admin account " + account + "."
                            : account + " is now an admin, with the new password.");
            return 0;
        } catch (NodeStartException e) {
            e.problems().forEach(problem -> err.println("peerclaw: " + problem));
            return e.isConfigurationProblem() ? USAGE_ERROR : START_FAILURE;
        }
    }

    private static Optional<String> askPassword() {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] first = console.readPassword("Password for the admin account: ");
        char[] second = console.readPassword("The same password again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            console.printf("The two passwords differ.%n");
            return Optional.empty();
        }
        return Optional.of(new String(first));
    }
}
