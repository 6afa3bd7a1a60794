package io.peerclaw.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code .rpm}, built only where {@code rpmbuild} is installed (the profile {@code rpm} in this
 * module's POM); read with {@code rpm -qp} without installing it. The launcher inside is the same
 * app image {@link DebPackageIT} starts.
 */
class RpmPackageIT {
    private static final Path TARGET = Path.of(System.getProperty("installers.target", "target"));

    private static Path rpm;

    @BeforeAll
    static void findThePackage() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/rpmbuild")), "no rpmbuild, so no .rpm");
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> rpms = files.filter(f -> f.toString().endsWith(".rpm")).toList();
            assertThat(rpms).as("the .rpm in %s", TARGET).hasSize(1);
            rpm = rpms.getFirst();
        }
    }

    @Test
    void requiresGtk() throws Exception {
        assertThat(run("rpm", "-qpR", rpm.toString()).lines()).contains("gtk3", "xdg-utils");
    }

    @Test
    void installsTheLauncherAndTheServiceUnitUnderOpt() throws Exception {
        assertThat(run("rpm", "-qpl", rpm.toString()).lines())
                .contains(
                        "/opt/peerclaw/bin/peerclaw",
                        "/opt/peerclaw/lib/systemd/peerclaw.service",
                        "/opt/peerclaw/lib/etc/peerclaw.yaml",
                        "/opt/peerclaw/lib/peerclaw-peerclaw.desktop");
    }

    @Test
    void scriptletsCreateTheUserAndLinkTheUnitWithoutStartingIt() throws Exception {
        String scripts = run("rpm", "-qp", "--scripts", rpm.toString());

        assertThat(scripts)
                .contains("useradd --system")
                .contains(
                        "ln -sf /opt/peerclaw/lib/systemd/peerclaw.service"
                                + " /usr/lib/systemd/system/peerclaw.service")
                .contains("rm -f /usr/lib/systemd/system/peerclaw.service")
                .contains("desktop_install || echo")
                .doesNotContain("systemctl enable")
                .doesNotContain("systemctl start")
                .doesNotContain("DESKTOP_COMMANDS_INSTALL");
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // rpm -qp prints little; reading to the end before waiting cannot block on a full pipe
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ends", command[0]).isTrue();
        assertThat(process.exitValue())
                .as("exit status of %s; it said:%n%s", String.join(" ", command), out)
                .isZero();
        return out;
    }
}
