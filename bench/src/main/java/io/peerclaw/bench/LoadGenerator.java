package io.peerclaw.bench;

import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.crypto.RequestSignature;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A load generator for the requests {@code wrk} cannot make: every signed request needs a fresh
 * nonce and its own signature. Agents are derived from their index (seed = SHA-256 of
 * "peerclaw-bench-" + index), so a later run can heartbeat the agents an earlier one registered.
 *
 * <pre>
 * register  URL FROM TO CONCURRENCY            register agents FROM..TO-1
 * register-varied URL FROM TO CONCURRENCY      the same with varied names, descriptions and tags
 * heartbeat URL COUNT SECONDS CONCURRENCY      heartbeat random agents of 0..COUNT-1
 * mint-key  URL INDEX                          print "agent_id key" of a new bearer key
 * </pre>
 *
 * Prints one line of figures per run: operations per second, latency percentiles, errors.
 */
public final class LoadGenerator {
    static final int CAPABILITY_VOCABULARY = 200;
    private static final List<String> PROTOCOLS = List.of("a2a", "mcp", "acp");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI node;
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    private LoadGenerator(URI node) {
        this.node = node;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: register|heartbeat|mint-key URL ...");
        }
        var generator =
                new LoadGenerator(
                        URI.create(
                                args[0].equals("seed-db") || args[0].equals("reputation-events")
                                        ? "http://unused"
                                        : args[1]));
        PrintStream out = System.out;
        switch (args[0]) {
            case "register" ->
                    out.println(
                            generator.register(
                                    Integer.parseInt(args[2]),
                                    Integer.parseInt(args[3]),
                                    Integer.parseInt(args[4])));
            case "register-varied" ->
                    out.println(
                            generator.register(
                                    Integer.parseInt(args[2]),
                                    Integer.parseInt(args[3]),
                                    Integer.parseInt(args[4]),
                                    true));
            case "heartbeat" ->
                    out.println(
                            generator.heartbeat(
                                    Integer.parseInt(args[2]),
                                    Duration.ofSeconds(Long.parseLong(args[3])),
                                    Integer.parseInt(args[4])));
            case "mint-key" -> out.println(generator.mintKey(Integer.parseInt(args[2])));
            case "seed-db" ->
                    out.println(
                            DatabaseSeeder.seed(
                                    args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3])));
            case "reputation-events" ->
                    ReputationBench.run(
                            args[1],
                            Integer.parseInt(args[2]),
                            Duration.ofSeconds(Long.parseLong(args[3])),
                            out);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static Ed25519.KeyPair key(int index) {
        return Ed25519.fromSeed(
                Hashes.sha256(("peerclaw-bench-" + index).getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, Object> card(int index, Ed25519.KeyPair key) {
        var random = new java.util.Random(index);
        var capabilities = new ArrayList<String>();
        while (capabilities.size() < 3) {
            String capability = "cap-" + random.nextInt(CAPABILITY_VOCABULARY);
            if (!capabilities.contains(capability)) {
                capabilities.add(capability);
            }
        }
        var card = new LinkedHashMap<String, Object>();
        card.put("name", "bench-agent-" + index);
        card.put(
                "description",
                "Benchmark agent number "
                        + index
                        + " answering questions about "
                        + capabilities.getFirst());
        card.put("version", "1.0.0");
        card.put("public_key", key.publicKey().base64());
        card.put("capabilities", capabilities);
        card.put("protocols", List.of(PROTOCOLS.get(index % 3)));
        card.put(
                "endpoint",
                Map.of("url", "https://agents.example.com/a/" + index, "transport", "http"));
        card.put(
                "skills",
                List.of(
                        Map.of(
                                "id",
                                "answer",
                                "name",
                                "Answer",
                                "description",
                                "answers questions")));
        card.put("metadata", Map.of("sdk_version", "0.9.0"));
        return card;
    }

    String register(int from, int to, int concurrency) throws InterruptedException {
        return register(from, to, concurrency, false);
    }

    String register(int from, int to, int concurrency, boolean varied) throws InterruptedException {
        var next = new AtomicInteger(from);
        return run(
                "register",
                concurrency,
                Duration.ofDays(1),
                () -> {
                    int index = next.getAndIncrement();
                    if (index >= to) {
                        return -1;
                    }
                    var key = key(index);
                    var card = varied ? variedCard(index, key) : card(index, key);
                    return send(signed(key, "POST", "/api/v1/agents", Json.bytes(card)));
                });
    }

    /** Common words, then invented ones: picked with a skew, so some are frequent, most rare. */
    private static final List<String> COMMON =
            List.of(
                    "weather",
                    "translate",
                    "code",
                    "review",
                    "search",
                    "summarize",
                    "image",
                    "audio",
                    "video",
                    "finance",
                    "legal",
                    "medical",
                    "travel",
                    "booking",
                    "email",
                    "calendar",
                    "sales",
                    "support",
                    "chat",
                    "data",
                    "analytics",
                    "security",
                    "python",
                    "java",
                    "rust",
                    "sql",
                    "docs",
                    "research",
                    "news",
                    "sports",
                    "music",
                    "recipes",
                    "fitness",
                    "shopping",
                    "crypto",
                    "stocks",
                    "maps",
                    "forecast",
                    "planner",
                    "tutor");

    private static final String[] SYLLABLES = {
        "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "bri", "dra", "fen", "gol", "hux",
        "jor", "kel", "mar", "nix", "pol", "qua", "ros", "sel", "tor", "ul", "ven", "wex", "yor"
    };
    private static final int INVENTED = 20_000;

    static String word(java.util.Random random) {
        double u = random.nextDouble();
        if (u < 0.35) {
            return COMMON.get((int) (COMMON.size() * Math.pow(random.nextDouble(), 2)));
        }
        int n = (int) (INVENTED * Math.pow(random.nextDouble(), 2.5));
        var out = new StringBuilder();
        do {
            out.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        } while (n > 0);
        return out.toString();
    }

    /** A card with a varied name, description and tags, so full-text search has real spread. */
    static Map<String, Object> variedCard(int index, Ed25519.KeyPair key) {
        var card = card(index, key);
        var random = new java.util.Random(31L * index + 7);
        String first = word(random);
        String second = word(random);
        card.put(
                "name",
                Character.toUpperCase(first.charAt(0))
                        + first.substring(1)
                        + " "
                        + second
                        + " agent "
                        + index);
        var description = new StringBuilder();
        int words = 8 + random.nextInt(12);
        for (int i = 0; i < words; i++) {
            description.append(i == 0 ? "" : " ").append(word(random));
        }
        card.put("description", description.append('.').toString());
        card.put("peerclaw", Map.of("tags", List.of("tag-" + random.nextInt(100), word(random))));
        card.put(
                "skills",
                List.of(
                        Map.of(
                                "id",
                                "main",
                                "name",
                                word(random) + " " + word(random),
                                "description",
                                word(random) + " " + word(random) + " " + word(random),
                                "tags",
                                List.of(word(random)))));
        return card;
    }

    String heartbeat(int count, Duration duration, int concurrency) throws InterruptedException {
        Ed25519.KeyPair[] keys = new Ed25519.KeyPair[count];
        for (int i = 0; i < count; i++) {
            keys[i] = key(i);
        }
        return run(
                "heartbeat",
                concurrency,
                duration,
                () -> {
                    var key = keys[ThreadLocalRandom.current().nextInt(count)];
                    String path = "/api/v1/agents/" + AgentId.of(key.publicKey()) + "/heartbeat";
                    return send(
                            signed(
                                    key,
                                    "POST",
                                    path,
                                    "{\"status\":\"online\"}".getBytes(StandardCharsets.UTF_8)));
                });
    }

    String mintKey(int index) throws IOException, InterruptedException {
        var key = key(index);
        String path = "/api/v1/agents/" + AgentId.of(key.publicKey()) + "/keys";
        var response =
                client.send(
                        signed(
                                key,
                                "POST",
                                path,
                                "{\"name\":\"bench\"}".getBytes(StandardCharsets.UTF_8)),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "minting failed: " + response.statusCode() + " " + response.body());
        }
        return AgentId.of(key.publicKey())
                + " "
                + Json.tree(response.body().getBytes(StandardCharsets.UTF_8)).get("key").asText();
    }

    private HttpRequest signed(Ed25519.KeyPair key, String method, String path, byte[] body) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        var builder =
                HttpRequest.newBuilder(node.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        RequestSignature.headers(
                        key,
                        method,
                        path,
                        Instant.now().getEpochSecond(),
                        Encoding.base64Url(nonce),
                        body)
                .forEach(builder::header);
        return builder.build();
    }

    /** Sends a request; answers its latency in nanoseconds, or a negative status on failure. */
    private long send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.discarding());
            long elapsed = System.nanoTime() - start;
            return response.statusCode() < 300 ? elapsed : -response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** One operation: a latency, -1 to stop, or another negative number for an error. */
    @FunctionalInterface
    interface Operation {
        long run() throws Exception;
    }

    private String run(String name, int concurrency, Duration duration, Operation operation)
            throws InterruptedException {
        var latencies = new long[concurrency][];
        var counts = new int[concurrency];
        var errors = new LongAdder();
        var firstError = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        var threads = new ArrayList<Thread>();
        for (int worker = 0; worker < concurrency; worker++) {
            int slot = worker;
            latencies[slot] = new long[1 << 16];
            threads.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        while (System.nanoTime() < deadline) {
                                            long result;
                                            try {
                                                result = operation.run();
                                            } catch (Exception e) {
                                                result = -2;
                                            }
                                            if (result == -1 && duration.toDays() >= 1) {
                                                return;
                                            }
                                            if (result < 0) {
                                                errors.increment();
                                                firstError.compareAndSet(0, result);
                                                continue;
                                            }
                                            if (counts[slot] == latencies[slot].length) {
                                                latencies[slot] =
                                                        Arrays.copyOf(
                                                                latencies[slot], counts[slot] * 2);
                                            }
                                            latencies[slot][counts[slot]++] = result;
                                        }
                                    }));
        }
        for (var thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int position = 0;
        for (int worker = 0; worker < concurrency; worker++) {
            System.arraycopy(latencies[worker], 0, all, position, counts[worker]);
            position += counts[worker];
        }
        Arrays.sort(all);
        return String.format(
                "%s ok=%d errors=%d%s seconds=%.1f rate=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms"
                        + " concurrency=%d",
                name,
                total,
                errors.sum(),
                errors.sum() > 0 ? " (first: " + -firstError.get() + ")" : "",
                seconds,
                total / seconds,
                percentile(all, 0.50),
                percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                concurrency);
    }

    static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
