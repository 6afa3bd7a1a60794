package io.peerclaw.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console as {@code ./peerclaw} starts it, with a display that cannot be opened: JavaFX starts
 * (and would warn about its configuration) before it finds out, so the warning shows on stderr
 * within a second, without a window.
 */
class JavaFxModulesIT {
    private static final String WARNING = "Unsupported JavaFX configuration";
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @TempDir Path data;

    @Test
    void theLauncherLoadsJavaFxAsModulesSoItDoesNotWarn() throws Exception {
        var launcher = TARGET.getParent().getParent().resolve("peerclaw");
        String stderr = run(List.of(launcher.toString(), "--data-dir", data.toString()));

        assertThat(stderr).contains("cannot open a window").doesNotContain(WARNING);
    }

    @Test
    void theJarAloneWouldWarnWhichIsWhyTheLauncherAddsTheModules() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String stderr =
                run(
                        List.of(
                                java,
                                "-jar",
                                TARGET.resolve("peerclaw.jar").toString(),
                                "--data-dir",
                                data.toString()));

        assertThat(stderr).contains("cannot open a window").contains(WARNING);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(new ArrayList<>(command));
        builder.environment().put("DISPLAY", ":987");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().put("PEERCLAW_SKIP_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PEERCLAW_DATA_DIR", data.toString());
        Path err = Files.createTempFile(data, "stderr", ".txt");
        builder.redirectError(err.toFile());
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        var process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the program exits").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isNotZero();
        return Files.readString(err, StandardCharsets.UTF_8);
    }
}
