package io.peerclaw.desktop;

import io.peerclaw.node.api.NodeOptions;
import io.peerclaw.node.api.NodeStartException;
import io.peerclaw.shared.Version;
import java.io.PrintStream;
import java.util.List;

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

    private Main() {}

    public static void main(String[] args) {
        int status = run(List.of(args), System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Runs the program; a negative result means "keep running" (the node is serving). */
    static int run(List<String> args, PrintStream out, PrintStream err) {
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
                err.println(
                        "peerclaw: this version has no desktop console yet; run the node with"
                                + " --server");
                err.println("Try 'peerclaw --help' for the options.");
                return USAGE_ERROR;
            }
            case SERVER -> {
                var options = NodeOptions.defaults();
                options = line.configFile().map(options::withConfigFile).orElse(options);
                options = line.dataDirectory().map(options::withDataDirectory).orElse(options);
                if (line.port().isPresent()) {
                    options = options.withPort(line.port().getAsInt());
                }
                try {
                    HeadlessLauncher.run(options, out);
                    return -1; // stopped by a signal: the JVM is already exiting with its status
                } catch (NodeStartException e) {
                    e.problems().forEach(problem -> err.println("peerclaw: " + problem));
                    return e.isConfigurationProblem() ? USAGE_ERROR : START_FAILURE;
                }
            }
        }
        return START_FAILURE;
    }
}
