package io.peerclaw.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.shared.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT cache the build makes (ADR 24): this JDK accepts it for the built jars, and the launcher
 * starts the program with it.
 */
class AotCacheIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path CACHE = TARGET.resolve("peerclaw.aot");
    private static final String USED = "Using AOT-linked classes: true";

    @TempDir Path temp;

    @Test
    void theBuildLeavesACacheMadeByThisJdk() throws IOException {
        assertThat(CACHE).isRegularFile();
        assertThat(Files.readString(TARGET.resolve("peerclaw.aot.jdk")).strip())
                .isEqualTo(System.getProperty("java.runtime.version"));
        assertThat(Files.getLastModifiedTime(CACHE))
                .isGreaterThan(Files.getLastModifiedTime(TARGET.resolve("peerclaw.jar")));
    }

    @Test
    void theJvmUsesItForTheBuiltJarsWithoutAWord() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = temp.resolve("aot.log");
        // AOTMode=on: the JVM refuses to start rather than run without the cache.
        var result =
                run(
                        List.of(
                                java,
                                "-XX:+UseCompactObjectHeaders",
                                "-XX:AOTMode=on",
                                "-XX:AOTCache=" + CACHE,
                                "-Xlog:aot:file=" + log,
                                "--module-path",
                                TARGET.resolve("javafx").toString(),
                                "--add-modules",
                                "javafx.controls",
                                "--enable-native-access=javafx.graphics,ALL-UNNAMED",
                                "-jar",
                                TARGET.resolve("peerclaw.jar").toString(),
                                "--version"),
                        Map.of());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("peerclaw " + Version.current() + "\n");
        assertThat(result.err()).isEmpty();
        assertThat(Files.readString(log)).contains(USED);
    }

    @Test
    void theLauncherPassesItAndPeerclawAotOffLeavesItOut() throws Exception {
        var launcher = TARGET.getParent().getParent().resolve("peerclaw").toString();
        Path on = temp.resolve("on.log");
        Path off = temp.resolve("off.log");

        var with =
                run(
                        List.of(launcher, "--version"),
                        Map.of("PEERCLAW_JAVA_OPTS", "-Xlog:aot:file=" + on));
        var without =
                run(
                        List.of(launcher, "--version"),
                        Map.of(
                                "PEERCLAW_JAVA_OPTS",
                                "-Xlog:aot:file=" + off,
                                "PEERCLAW_AOT",
                                "off"));

        assertThat(with.status()).as(with.err()).isZero();
        assertThat(with.err()).isEmpty();
        assertThat(Files.readString(on)).contains(USED);
        assertThat(without.status()).as(without.err()).isZero();
        assertThat(Files.readString(off)).doesNotContain(USED);
    }

    record Result(int status, String out, String err) {}

    private Result run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(new ArrayList<>(command));
        builder.environment().put("PEERCLAW_SKIP_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        var process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the program exits").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
