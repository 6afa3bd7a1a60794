package io.peerclaw.desktop;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The parsed command line. */
record CommandLine(
        Mode mode,
        Optional<Path> configFile,
        OptionalInt port,
        Optional<Path> dataDirectory,
        Optional<String> adminEmail,
        Optional<Path> screenshots,
        boolean demo) {

    enum Mode {
        SERVER,
        CREATE_ADMIN,
        CONSOLE,
        HELP,
        VERSION
    }

    /** A command line that cannot be used; the message says why in one sentence. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE =
            """
            Usage: peerclaw [--config FILE] [--port N] [--data-dir DIR]
                   peerclaw --server [--demo] [--config FILE] [--port N] [--data-dir DIR]
                   peerclaw --create-admin EMAIL [--config FILE] [--data-dir DIR]
                   peerclaw --help | --version

            Runs a PeerClaw node: agent registry, trust and protocol gateway. Without --server
            it opens the desktop console, which runs the node and manages it.

              --server          run the node without a window (for servers and services)
              --demo            with --server: also run a small demo agent on this machine
                                (echo, streamed too; A2A, MCP and ACP), registered with the
                                node, which may call its one loopback address
              --create-admin EMAIL
                                make EMAIL an admin (creating the account if needed) in the
                                node's database and exit; the password comes from
                                PEERCLAW_ADMIN_PASSWORD, else it is asked for on the terminal
              --config FILE     read configuration from this YAML file
                                (default: config.yaml in the data folder, if present)
              --port N          listen on port N (0 to 65535; overrides server.http_addr)
              --data-dir DIR    keep the database and generated secrets in DIR
                                (default: $XDG_DATA_HOME/peerclaw or ~/.peerclaw)
              --help            show this help and exit
              --version         show the version and exit

            Every configuration key can also be set in the environment as PEERCLAW_<KEY>,
            e.g. PEERCLAW_SERVER_HTTP_ADDR=127.0.0.1:9000. See docs/configuration.md.
            """;

    static CommandLine parse(List<String> args) throws UsageException {
        Mode mode = Mode.CONSOLE;
        Optional<Path> config = Optional.empty();
        OptionalInt port = OptionalInt.empty();
        Optional<Path> dataDirectory = Optional.empty();
        Optional<String> adminEmail = Optional.empty();
        Optional<Path> screenshots = Optional.empty();
        boolean demo = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> {
                    return new CommandLine(
                            Mode.HELP, config, port, dataDirectory, adminEmail, screenshots, false);
                }
                case "--version" -> {
                    return new CommandLine(
                            Mode.VERSION,
                            config,
                            port,
                            dataDirectory,
                            adminEmail,
                            screenshots,
                            false);
                }
                case "--server" -> {
                    if (value != null) {
                        throw new UsageException("--server takes no value");
                    }
                    if (mode == Mode.CREATE_ADMIN) {
                        throw new UsageException("--server and --create-admin do not go together");
                    }
                    mode = Mode.SERVER;
                }
                case "--demo" -> {
                    if (value != null) {
                        throw new UsageException("--demo takes no value");
                    }
                    demo = true;
                }
                case "--create-admin" -> {
                    if (mode == Mode.SERVER) {
                        throw new UsageException("--server and --create-admin do not go together");
                    }
                    value = value != null ? value : next(args, ++i, name);
                    if (value.isBlank() || !value.contains("@")) {
                        throw new UsageException(
                                "--create-admin needs an email address, not '" + value + "'");
                    }
                    mode = Mode.CREATE_ADMIN;
                    adminEmail = Optional.of(value);
                }
                case "--config" -> {
                    value = value != null ? value : next(args, ++i, name);
                    if (value.isBlank()) {
                        throw new UsageException("--config needs a file name");
                    }
                    config = Optional.of(Path.of(value));
                }
                case "--data-dir" -> {
                    value = value != null ? value : next(args, ++i, name);
                    if (value.isBlank()) {
                        throw new UsageException("--data-dir needs a folder name");
                    }
                    dataDirectory = Optional.of(Path.of(value));
                }
                case "--screenshots" -> {
                    // hidden: saves a picture of every console page into the folder, then exits
                    value = value != null ? value : next(args, ++i, name);
                    screenshots = Optional.of(Path.of(value));
                }
                case "--port" ->
                        port = OptionalInt.of(port(value != null ? value : next(args, ++i, name)));
                default ->
                        throw new UsageException(
                                arg.startsWith("-")
                                        ? "unknown option " + arg
                                        : "unexpected argument " + arg);
            }
        }
        if (mode == Mode.CREATE_ADMIN && port.isPresent()) {
            throw new UsageException("--create-admin does not start a server; drop --port");
        }
        if (screenshots.isPresent() && mode != Mode.CONSOLE) {
            throw new UsageException("--screenshots goes only with the console, not --server");
        }
        if (demo && mode != Mode.SERVER) {
            throw new UsageException("--demo goes only with --server");
        }
        return new CommandLine(mode, config, port, dataDirectory, adminEmail, screenshots, demo);
    }

    private static String next(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port needs a number from 0 to 65535, not '" + text + "'");
    }
}
