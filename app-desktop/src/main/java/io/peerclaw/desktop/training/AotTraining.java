package io.peerclaw.desktop.training;

import io.peerclaw.desktop.AllowedToUseStandardStreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the node's AOT cache during the normal build ({@code package} phase of app-desktop): it
 * starts {@code peerclaw.jar --server} with {@code -XX:AOTCacheOutput} on a throw-away data folder,
 * makes the requests a node answers first, and stops it; the JVM then writes the classes it loaded,
 * parsed, verified and linked into the cache (ADR 24). The launcher starts the program with {@code
 * -XX:AOTCache} when the cache was made by the same JDK for the jars as they are now.
 *
 * <p>Usage: {@code AotTraining JAR CACHE}. Does nothing when CACHE is newer than the jar and every
 * library next to it and was made by this JDK.
 */
@AllowedToUseStandardStreams
public final class AotTraining {
    /**
     * Options the launcher passes too: a cache is only used with the heap layout it was made for.
     */
    private static final List<String> SHARED_OPTIONS = List.of("-XX:+UseCompactObjectHeaders");

    private static final Pattern STARTED = Pattern.compile("started http=:(\\d+)");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final Path jar;
    private final Path cache;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AotTraining(Path jar, Path cache) {
        this.jar = jar;
        this.cache = cache;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AotTraining JAR CACHE");
            System.exit(2);
        }
        var training = new AotTraining(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]));
        if (training.upToDate()) {
            System.out.println("AOT cache " + args[1] + " is up to date");
            return;
        }
        long started = System.nanoTime();
        training.train();
        System.out.printf(
                "AOT cache %s written (%d MB) in %.1f s%n",
                args[1], Files.size(training.cache) >> 20, (System.nanoTime() - started) / 1e9);
    }

    /** The file next to the cache naming the JDK that made it; the launcher reads it too. */
    static Path jdkStamp(Path cache) {
        return cache.resolveSibling(cache.getFileName() + ".jdk");
    }

    private boolean upToDate() throws IOException {
        Path stamp = jdkStamp(cache);
        if (!Files.exists(cache) || !Files.exists(stamp)) {
            return false;
        }
        if (!Files.readString(stamp).strip().equals(runtimeVersion())) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(cache);
        for (Path input : inputs()) {
            if (Files.getLastModifiedTime(input).compareTo(made) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The jar and the libraries its manifest names, all of which the cache records. */
    private List<Path> inputs() throws IOException {
        var inputs = new ArrayList<Path>();
        inputs.add(jar);
        Path libs = jar.resolveSibling("libs");
        if (Files.isDirectory(libs)) {
            try (Stream<Path> files = Files.list(libs)) {
                files.filter(f -> f.toString().endsWith(".jar")).forEach(inputs::add);
            }
        }
        return inputs;
    }

    private static String runtimeVersion() {
        return System.getProperty("java.runtime.version");
    }

    private void train() throws Exception {
        Path data = Files.createTempDirectory("peerclaw-aot-");
        Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.deleteIfExists(jdkStamp(cache));
        Path log = data.resolve("node.log");
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SHARED_OPTIONS);
        // The launcher resolves JavaFX's modules for the console and the headless node alike, so
        // that one cache serves both; a cache is only used with the module path it was made with.
        Path javafx = jar.resolveSibling("javafx");
        if (Files.isDirectory(javafx)) {
            command.addAll(
                    List.of(
                            "--module-path",
                            javafx.toString(),
                            "--add-modules",
                            "javafx.controls",
                            "--enable-native-access=javafx.graphics,ALL-UNNAMED"));
        }
        // Classes only, loaded and linked: replaying the training's method profiles makes the JIT
        // compile early, on the cores the start-up needs (measured: 0.1 s slower to the first
        // healthy answer on two cores). And this JDK's adapter cache links the wrong code for two
        // adapters that share a hash, and then warns at every start.
        command.addAll(
                List.of(
                        "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:-AOTRecordTraining",
                        "-XX:-AOTAdapterCaching",
                        "-XX:AOTCacheOutput=" + partial,
                        "-jar",
                        jar.toString(),
                        "--server",
                        "--port",
                        "0",
                        "--data-dir",
                        data.resolve("node").toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        // The node trained is a default one: none of the builder's own settings (a PostgreSQL
        // database, a log level, a config file) reaches it.
        builder.environment().keySet().removeIf(name -> name.startsWith("PEERCLAW_"));
        builder.environment().put("PEERCLAW_LOGGING_LEVEL", "info");
        builder.environment().put("PEERCLAW_PROBE_ENABLED", "false");
        Process node = builder.start();
        try {
            exercise(URI.create("http://127.0.0.1:" + awaitLog(node, log, STARTED) + "/"));
        } catch (Exception | AssertionError e) {
            node.destroyForcibly();
            System.err.println("AOT training failed: " + e.getMessage() + "; the node's log:");
            System.err.println(Files.readString(log));
            throw e;
        }
        node.destroy(); // SIGTERM: the node stops cleanly, then the JVM writes the cache
        if (!node.waitFor(3, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new IllegalStateException("the training node did not stop; log in " + log);
        }
        if (!Files.exists(partial)) {
            throw new IllegalStateException(
                    "the JVM wrote no AOT cache; its log:\n" + Files.readString(log));
        }
        Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(jdkStamp(cache), runtimeVersion() + "\n");
        deleteTree(data);
    }

    /**
     * The requests a node answers first: health checks, the directory and its pages, the node's
     * card, and the refusals of bad and unauthenticated requests. Only start-up and these are
     * trained: every class in the cache is loaded when the JVM starts, so training the whole API
     * would make every start slower for the sake of requests most nodes do not get in their first
     * second (those load their classes from the jars, as without a cache).
     */
    private void exercise(URI base) throws Exception {
        for (int round = 0; round < 3; round++) {
            expect(get(base, "api/v1/health", null), 200);
            expect(get(base, "api/v1/directory", null), 200);
            expect(get(base, "api/v1/directory?search=echo&sort=name", null), 200);
            expect(get(base, "api/v1/categories", null), 200);
            expect(get(base, ".well-known/agent-card.json", null), 200);
            expect(get(base, "api/v1/directory/0123456789abcdef0123456789abcdef", null), 404);
            expect(post(base, "api/v1/auth/login", "{\"email\":42}"), 400);
            expect(get(base, "api/v1/agents", null), 401);
        }
    }

    private String awaitLog(Process node, Path log, Pattern pattern) throws Exception {
        long until = System.nanoTime() + STEP_TIMEOUT.toNanos() * 2;
        while (System.nanoTime() < until) {
            if (Files.exists(log)) {
                Matcher found = pattern.matcher(Files.readString(log));
                if (found.find()) {
                    return found.group(1);
                }
            }
            if (!node.isAlive()) {
                throw new IllegalStateException("the training node exited");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the training node did not log " + pattern);
    }

    private HttpResponse<String> get(URI base, String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(STEP_TIMEOUT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI base, String path, String json) throws Exception {
        var request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(STEP_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(
                    response.request().method()
                            + " "
                            + response.uri()
                            + " answered "
                            + response.statusCode()
                            + " instead of "
                            + status
                            + ": "
                            + response.body());
        }
        return response.body();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            path -> {
                                try {
                                    Files.deleteIfExists(path);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
