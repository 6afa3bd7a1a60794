package io.peerclaw.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .deb} built by this module's {@code package} phase, taken apart with {@code dpkg-deb}
 * the way dpkg would install it (without installing it: that needs root and touches the machine),
 * then its launcher started headless like the systemd unit does.
 */
class DebPackageIT {
    private static final Path TARGET = Path.of(System.getProperty("installers.target", "target"));
    private static final String VERSION = System.getProperty("installers.version", "");

    @TempDir static Path work;

    private static Path deb;
    private static Path root;
    private static Path control;

    @BeforeAll
    static void unpack() throws Exception {
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> debs = files.filter(f -> f.toString().endsWith(".deb")).toList();
            assertThat(debs).as("the .deb in %s", TARGET).hasSize(1);
            deb = debs.getFirst();
        }
        root = work.resolve("root");
        control = work.resolve("control");
        run("dpkg-deb", "-x", deb.toString(), root.toString());
        run("dpkg-deb", "-e", deb.toString(), control.toString());
    }

    @Test
    void declaresNameVersionAndGtk() throws Exception {
        String info = run("dpkg-deb", "-I", deb.toString());

        assertThat(info).contains("Package: peerclaw").contains("Version: " + VERSION);
        assertThat(dependsLine(info)).contains("libgtk-3-0").contains("xdg-utils");
        assertThat(info).containsPattern("Installed-Size: \\d+");
    }

    @Test
    void installsTheLauncherUnderOpt() {
        Path launcher = root.resolve("opt/peerclaw/bin/peerclaw");

        assertThat(launcher).isRegularFile().isExecutable();
        assertThat(root.resolve("opt/peerclaw/lib/peerclaw.png")).isRegularFile();
    }

    @Test
    void shipsAHardenedServiceUnitForTheHeadlessNode() throws Exception {
        String unit = read(root.resolve("opt/peerclaw/lib/systemd/peerclaw.service"));

        assertThat(unit)
                .contains(
                        "ExecStart=/opt/peerclaw/bin/peerclaw --server --config"
                                + " /etc/peerclaw/peerclaw.yaml --data-dir /var/lib/peerclaw")
                .contains("User=peerclaw")
                .contains("StateDirectory=peerclaw")
                .contains("ConfigurationDirectory=peerclaw")
                .contains("ProtectSystem=strict")
                .contains("ProtectHome=true")
                .contains("NoNewPrivileges=true")
                .contains("PrivateTmp=true")
                .contains("RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX")
                .contains("MemoryDenyWriteExecute=false")
                .contains("ReadWritePaths=/var/lib/peerclaw")
                .contains("Restart=on-failure")
                .contains("WantedBy=multi-user.target");
        assertThat(root.resolve("opt/peerclaw/lib/etc/peerclaw.yaml")).isRegularFile();
    }

    @Test
    void serviceUnitPassesSystemdsOwnCheck() throws Exception {
        if (!onPath("systemd-analyze")) {
            return; // the unit's content is checked above; systemd's parser is a bonus where
            // present
        }
        // systemd-analyze insists that ExecStart exists, so point it at the unpacked launcher
        String unit =
                read(root.resolve("opt/peerclaw/lib/systemd/peerclaw.service"))
                        .replace("/opt/peerclaw/bin/peerclaw", root + "/opt/peerclaw/bin/peerclaw");
        Path copy = Files.createDirectories(work.resolve("unit")).resolve("peerclaw.service");
        Files.writeString(copy, unit);

        String verdict = run("systemd-analyze", "verify", copy.toString());

        assertThat(verdict).as("systemd-analyze's warnings").isBlank();
    }

    @Test
    void maintainerScriptsCreateTheUserAndLinkTheUnitWithoutStartingIt() throws Exception {
        String postinst = read(control.resolve("postinst"));
        String prerm = read(control.resolve("prerm"));

        assertThat(postinst)
                .contains("useradd --system")
                .contains(
                        "ln -sf /opt/peerclaw/lib/systemd/peerclaw.service"
                                + " /lib/systemd/system/peerclaw.service")
                .contains("systemctl daemon-reload")
                .contains("xdg-desktop-menu install")
                // a machine without a desktop menu must still be able to install the node
                .contains("desktop_install || echo")
                .doesNotContain("systemctl enable")
                .doesNotContain("systemctl start")
                // jpackage fills its placeholders; one left over would be a shell error at install
                .doesNotContain("DESKTOP_COMMANDS_INSTALL");
        assertThat(prerm).contains("rm -f /lib/systemd/system/peerclaw.service");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            run("sh", "-n", control.resolve(script).toString());
            assertThat(Files.getPosixFilePermissions(control.resolve(script)))
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        }
    }

    @Test
    void addsAMenuEntryThatStartsTheConsole() throws Exception {
        String entry = read(root.resolve("opt/peerclaw/lib/peerclaw-peerclaw.desktop"));

        assertThat(entry)
                .contains("Name=PeerClaw")
                .contains("Exec=/opt/peerclaw/bin/peerclaw\n")
                .contains("Icon=/opt/peerclaw/lib/peerclaw.png")
                .contains("Categories=Network;System;")
                .contains("Type=Application");
    }

    @Test
    void packagedLauncherRunsTheNodeHeadless() throws Exception {
        int port = freePort();
        Path data = work.resolve("data");
        var command =
                new ProcessBuilder(
                                root.resolve("opt/peerclaw/bin/peerclaw").toString(),
                                "--server",
                                "--port",
                                Integer.toString(port),
                                "--data-dir",
                                data.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("node.log").toFile());
        // no display: the headless mode must not need one
        command.environment().remove("DISPLAY");
        command.environment().remove("WAYLAND_DISPLAY");
        long started = System.nanoTime();
        Process node = command.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            var health =
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build();
            HttpResponse<String> answer =
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(100))
                            .ignoreExceptions()
                            .failFast("the packaged node exited", () -> !node.isAlive())
                            .until(
                                    () -> http.send(health, HttpResponse.BodyHandlers.ofString()),
                                    r -> r.statusCode() == 200);
            long healthyMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertThat(answer.body()).contains("\"status\":\"ok\"");
            assertThat(data.resolve("jwt-secret")).exists();
            record(healthyMillis);
        } finally {
            node.destroy();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        assertThat(node.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
    }

    @Test
    void packagedLauncherWithoutADisplayPointsToServerModeInsteadOfFailingWithATrace()
            throws Exception {
        var command = new ProcessBuilder(root.resolve("opt/peerclaw/bin/peerclaw").toString());
        command.environment().remove("DISPLAY");
        command.environment().remove("WAYLAND_DISPLAY");
        Finished console = finish(command, Duration.ofSeconds(60));
        String out = console.output();

        assertThat(console.status()).isNotZero();
        assertThat(out).contains("--server").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void packagedLauncherOpensTheConsoleOnADisplay() throws Exception {
        assumeTrue(
                onPath("Xvfb") && onPath("xwininfo"),
                "needs Xvfb and xwininfo (apt-get install xvfb x11-utils libgtk-3-0)");
        String display = ":" + (100 + freePort() % 400);
        Process screen =
                new ProcessBuilder(
                                "Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp")
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("xvfb.log").toFile())
                        .start();
        Path home = Files.createDirectories(work.resolve("gui-home"));
        var command =
                new ProcessBuilder(
                                root.resolve("opt/peerclaw/bin/peerclaw").toString(),
                                "--port",
                                Integer.toString(freePort()),
                                "--data-dir",
                                work.resolve("gui-data").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("console.log").toFile());
        command.environment().put("DISPLAY", display);
        // the console remembers its window in the user's folders; keep the real ones untouched
        command.environment().put("HOME", home.toString());
        command.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        command.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        long started = System.nanoTime();
        Process console = null;
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(Path.of("/tmp/.X11-unix/X" + display.substring(1))));
            console = command.start();
            Process shown = console;
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .failFast("the console exited", () -> !shown.isAlive())
                    .until(() -> windows(display).contains("\"PeerClaw"));
            long windowMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            // JavaFX comes from the module path, the supported way: no warning at start.
            assertThat(Files.readString(work.resolve("console.log")))
                    .doesNotContain("Unsupported JavaFX configuration");
            Files.writeString(
                    TARGET.resolve("measurements-console.txt"),
                    String.format(
                            Locale.ROOT,
                            "launch to console window (Xvfb): %.2f s%n",
                            windowMillis / 1000.0));
        } finally {
            if (console != null) {
                console.destroy();
                if (!console.waitFor(30, TimeUnit.SECONDS)) {
                    console.destroyForcibly();
                }
            }
            screen.destroy();
        }
    }

    private static String windows(String display) throws Exception {
        var command = new ProcessBuilder("xwininfo", "-root", "-tree");
        command.environment().put("DISPLAY", display);
        return finish(command, Duration.ofSeconds(10)).output();
    }

    @Test
    void packagedLauncherPrintsTheBuildVersion() throws Exception {
        String out = run(root.resolve("opt/peerclaw/bin/peerclaw").toString(), "--version");

        assertThat(out.strip()).isEqualTo("peerclaw " + VERSION);
    }

    /** Sizes and the start time, for the docs (installers/target/measurements.txt). */
    private static void record(long healthyMillis) throws IOException {
        long installedKib;
        try (Stream<Path> files = Files.walk(root)) {
            installedKib =
                    files.filter(Files::isRegularFile)
                                    .mapToLong(
                                            f -> {
                                                try {
                                                    return Files.size(f);
                                                } catch (IOException e) {
                                                    return 0;
                                                }
                                            })
                                    .sum()
                            / 1024;
        }
        String text =
                String.format(
                        Locale.ROOT,
                        "deb: %s%ndeb size: %.1f MB%ninstalled size: %.1f MB%n"
                                + "launch to healthy (--server): %.2f s%n",
                        deb.getFileName(),
                        Files.size(deb) / 1e6,
                        installedKib / 1024.0,
                        healthyMillis / 1000.0);
        Files.writeString(TARGET.resolve("measurements.txt"), text);
    }

    private static String dependsLine(String info) {
        return info.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("Depends:"))
                .findFirst()
                .orElse("");
    }

    private static String read(Path file) throws IOException {
        assertThat(file).isRegularFile();
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs a command to its end; its output (both streams), or a failure naming the command. */
    private static String run(String... command) throws Exception {
        Finished done = finish(new ProcessBuilder(command), Duration.ofSeconds(120));
        assertThat(done.status())
                .as("exit status of %s; it said:%n%s", String.join(" ", command), done.output())
                .isZero();
        return done.output();
    }

    private record Finished(int status, String output) {}

    /** Runs a process with its output in a file (a full pipe cannot block it), killed if late. */
    private static Finished finish(ProcessBuilder command, Duration limit) throws Exception {
        Path output = Files.createTempFile(work, "output-", ".txt");
        Process process = command.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(limit.toSeconds(), TimeUnit.SECONDS))
                    .as("%s ends within %s", command.command(), limit)
                    .isTrue();
            return new Finished(
                    process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
