package io.peerclaw.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir Path dir;

    int run(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    int createAdmin(java.util.Map<String, String> environment, String password, String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                environment,
                () -> java.util.Optional.ofNullable(password));
    }

    @Test
    void createAdminTakesThePasswordFromTheEnvironmentOrThePrompt() {
        var environment =
                java.util.Map.of(
                        "PEERCLAW_ADMIN_PASSWORD", "a long admin password",
                        "PEERCLAW_USER_AUTH_BCRYPT_COST", "4",
                        "PEERCLAW_LOGGING_LEVEL", "warn");
        assertThat(
                        createAdmin(
                                environment,
                                null,
                                "--create-admin",
                                "Root@Example.org",
                                "--data-dir",
                                dir.toString()))
                .as(err())
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .as("one sentence, not the audit event's JSON line")
                .isEqualTo("Created the admin account root@example.org." + System.lineSeparator());
        out.reset();
        var prompted = java.util.Map.of("PEERCLAW_USER_AUTH_BCRYPT_COST", "4");
        assertThat(
                        createAdmin(
                                prompted,
                                "typed at the prompt",
                                "--create-admin",
                                "root@example.org",
                                "--data-dir",
                                dir.toString()))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "root@example.org is now an admin, with the new password."
                                + System.lineSeparator());
    }

    @Test
    void createAdminWithoutAPasswordSourceOrWithABadOneExitsWithStatusTwo() {
        assertThat(
                        createAdmin(
                                java.util.Map.of(),
                                null,
                                "--create-admin",
                                "root@example.org",
                                "--data-dir",
                                dir.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("PEERCLAW_ADMIN_PASSWORD");
        assertThat(
                        createAdmin(
                                java.util.Map.of("PEERCLAW_ADMIN_PASSWORD", "short"),
                                null,
                                "--create-admin",
                                "root@example.org",
                                "--data-dir",
                                dir.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("password must be 10 to 72 bytes");
    }

    @Test
    void helpDescribesEveryFlag() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "--server",
                        "--demo",
                        "--config FILE",
                        "--port N",
                        "--data-dir DIR",
                        "--version");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("peerclaw \\d+\\.\\d+\\.\\d+.*\\R");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--bogus | unknown option --bogus",
                "--server --port | --port needs a value",
                "--server --port abc | not 'abc'",
                "--server --port 70000 | from 0 to 65535",
                "--server --port=-1 | from 0 to 65535",
                "--server --config | --config needs a value",
                "--server extra | unexpected argument extra",
                "--server=yes | takes no value",
                "--create-admin | --create-admin needs a value",
                "--create-admin nobody | needs an email address",
                "--server --create-admin a@example.org | do not go together",
                "--demo | --demo goes only with --server",
                "--server --demo=yes | --demo takes no value",
                "--create-admin a@example.org --port 1 | drop --port"
            })
    void badCommandLinesExitWithStatusTwo(String args, String message) {
        assertThat(run(args.split(" "))).isEqualTo(2);
        assertThat(err()).contains(message).contains("--help");
    }

    @Test
    void theConsoleWithoutADisplaySaysSoInOneLineAndExitsWithStatusOne() {
        assertThat(createAdmin(java.util.Map.of("DISPLAY", " "), null)).isEqualTo(1);
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).contains("no display").contains("--server").doesNotContain("Exception");
    }

    @Test
    void screenshotsGoOnlyWithTheConsole() {
        assertThat(run("--server", "--screenshots", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--screenshots goes only with the console");
    }

    @Test
    void aBadConfigurationExitsWithStatusTwoAndOneLinePerProblem() throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "server:\n  http_addr: nonsense\nlogging:\n  level: loud\n");
        assertThat(run("--server", "--config", config.toString(), "--data-dir", dir.toString()))
                .isEqualTo(2);
        assertThat(err().lines()).hasSize(2).allMatch(line -> line.startsWith("peerclaw: "));
        assertThat(run("--server", "--config", dir.resolve("missing.yaml").toString()))
                .isEqualTo(2);
        assertThat(err()).contains("does not exist");
    }

    @Test
    void aPortInUseExitsWithStatusOne() throws IOException {
        try (var taken = new ServerSocket(0, 50, java.net.InetAddress.ofLiteral("0.0.0.0"))) {
            int status =
                    run(
                            "--server",
                            "--port",
                            String.valueOf(taken.getLocalPort()),
                            "--data-dir",
                            dir.toString());
            assertThat(status).isEqualTo(1);
            assertThat(err())
                    .contains("cannot listen")
                    .contains(String.valueOf(taken.getLocalPort()));
        }
    }
}
