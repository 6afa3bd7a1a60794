package io.peerclaw.bench;

import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.Hashes;
import io.peerclaw.shared.crypto.RequestSignature;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens many authenticated signaling sockets on one node and relays frames between pairs of them,
 * measuring the time from send to receipt in this one process (one clock).
 *
 * <pre>
 * SignalingBench URL SOCKETS FRAMES_PER_SECOND SECONDS
 * </pre>
 *
 * All agents belong to one account, so each pair are contacts without asking. Each socket sends at
 * most one frame a second, well inside the node's per-socket limit. Prints a line after the sockets
 * are open ("sockets-open") and one after the relay ("relay"); the calling script reads the node's
 * memory and CPU between them.
 */
public final class SignalingBench {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** When the relay began, and per second of it how many frames took over 100 ms. */
    private static volatile long relayStart;

    /** Frames sent before this are the warm-up: each pair's first frames load its contacts rule. */
    private static volatile long measuredFrom = Long.MAX_VALUE;

    /** How long the warm-up runs, at the same rate, before the measured relay. */
    static final int WARM_UP_SECONDS = 10;

    private static final AtomicInteger[] SLOW_BY_SECOND = new AtomicInteger[3600];

    static {
        for (int i = 0; i < SLOW_BY_SECOND.length; i++) {
            SLOW_BY_SECOND[i] = new AtomicInteger();
        }
    }

    private final URI node;
    private final List<HttpClient> clients = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    private SignalingBench(URI node) {
        this.node = node;
        for (int i = 0; i < 4; i++) {
            clients.add(
                    HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(30))
                            .build());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SignalingBench URL SOCKETS FRAMES_PER_SECOND SECONDS");
            System.exit(2);
        }
        int sockets = Integer.parseInt(args[1]) / 2 * 2;
        new SignalingBench(URI.create(args[0]))
                .run(sockets, Integer.parseInt(args[2]), Integer.parseInt(args[3]), System.out);
    }

    /** One agent's key, derived from its index so that reruns reuse registered agents. */
    static Ed25519.KeyPair key(int index) {
        byte[] seed =
                Hashes.sha256(
                        ("peerclaw-signaling-bench-" + index).getBytes(StandardCharsets.UTF_8));
        return Ed25519.fromSeed(seed);
    }

    private void run(int count, int rate, int seconds, PrintStream out) throws Exception {
        String token = account();
        var keys = new Ed25519.KeyPair[count];
        long registerStart = System.nanoTime();
        var failures = new LongAdder();
        var limit = new Semaphore(32);
        var all = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            keys[i] = key(i);
            var key = keys[i];
            limit.acquire();
            Thread.startVirtualThread(
                    () -> {
                        try {
                            int status = register(key, token);
                            if (status != 201 && status != 200) {
                                failures.increment();
                            }
                        } catch (Exception e) {
                            failures.increment();
                        } finally {
                            limit.release();
                            all.countDown();
                        }
                    });
        }
        all.await();
        out.printf(
                "registered %d agents in %.1f s (%d failed)%n",
                count, (System.nanoTime() - registerStart) / 1e9, failures.sum());

        var received = new LongAdder();
        var errors = new LongAdder();
        var closedEarly = new AtomicInteger();
        var latencies = new long[rate * seconds + rate];
        var recorded = new AtomicInteger();
        var sockets = new WebSocket[count];
        long openStart = System.nanoTime();
        var opening = new Semaphore(256);
        var opened = new CountDownLatch(count);
        var openFailures = new LongAdder();
        for (int i = 0; i < count; i++) {
            int index = i;
            opening.acquire();
            var authenticated = new CompletableFuture<Void>();
            var listener =
                    new Listener(authenticated, received, errors, closedEarly, latencies, recorded);
            open(index, keys[index], listener)
                    .thenCompose(socket -> authenticated.thenApply(v -> socket))
                    .orTimeout(60, TimeUnit.SECONDS)
                    .whenComplete(
                            (socket, error) -> {
                                if (error != null) {
                                    openFailures.increment();
                                } else {
                                    sockets[index] = socket;
                                }
                                opening.release();
                                opened.countDown();
                            });
        }
        opened.await();
        out.printf(
                "sockets-open %d in %.1f s (%d failed)%n",
                count - openFailures.sum(),
                (System.nanoTime() - openStart) / 1e9,
                openFailures.sum());
        out.flush();
        Thread.sleep(5000); // the script reads the node's memory now

        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = AgentId.of(keys[i].publicKey()).value();
        }
        var sent = new AtomicLong();
        var warmUp = new AtomicLong();
        long intervalNanos = 1_000_000; // one tick a millisecond
        double perTick = rate / 1000.0;
        double owed = 0;
        int next = 0;
        out.println("relay-start");
        out.flush();
        long start = System.nanoTime();
        relayStart = start;
        measuredFrom = start + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
        long end = measuredFrom + TimeUnit.SECONDS.toNanos(seconds);
        long tick = start;
        boolean measuring = false;
        while (System.nanoTime() < end) {
            if (!measuring && System.nanoTime() >= measuredFrom) {
                measuring = true;
                out.println("measured-start");
                out.flush();
            }
            owed += perTick;
            while (owed >= 1) {
                owed -= 1;
                int from = next;
                int to = from ^ 1; // pairs (0,1), (2,3), ...
                next = (next + 1) % count;
                WebSocket socket = sockets[from];
                if (socket == null || socket.isOutputClosed()) {
                    continue;
                }
                var frame = new LinkedHashMap<String, Object>();
                frame.put("type", "ice_candidate");
                frame.put("to", ids[to]);
                long now = System.nanoTime();
                frame.put("payload", Map.of("sent", now));
                socket.sendText(Json.text(frame), true);
                (now < measuredFrom ? warmUp : sent).incrementAndGet();
            }
            tick += intervalNanos;
            long wait = tick - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
        long warmUpSent = warmUp.get();
        Thread.sleep(2000); // the last frames land
        int n = Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        out.printf(
                "relay sent %d (%.0f/s) after %d in a %d s warm-up; received %d (both) errors %d"
                        + " closed %d; latency p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.2f ms%n",
                sent.get(),
                sent.get() / elapsed,
                warmUpSent,
                WARM_UP_SECONDS,
                received.sum(),
                errors.sum(),
                closedEarly.get(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                percentile(sorted, 0.999),
                n == 0 ? 0 : sorted[n - 1] / 1e6);
        var slow = new StringBuilder();
        for (int i = 0; i < SLOW_BY_SECOND.length; i++) {
            if (SLOW_BY_SECOND[i].get() > 0) {
                slow.append(' ').append(i).append("s:").append(SLOW_BY_SECOND[i].get());
            }
        }
        out.println("frames over 100 ms, by second of the relay they were sent in:" + slow);
        for (WebSocket socket : sockets) {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Collects frames: "authenticated" completes the opening, relayed frames give latencies. */
    private static final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Void> authenticated;
        private final LongAdder received;
        private final LongAdder errors;
        private final AtomicInteger closedEarly;
        private final long[] latencies;
        private final AtomicInteger recorded;
        private final StringBuilder text = new StringBuilder();

        Listener(
                CompletableFuture<Void> authenticated,
                LongAdder received,
                LongAdder errors,
                AtomicInteger closedEarly,
                long[] latencies,
                AtomicInteger recorded) {
            this.authenticated = authenticated;
            this.received = received;
            this.errors = errors;
            this.closedEarly = closedEarly;
            this.latencies = latencies;
            this.recorded = recorded;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                if (frame.contains("\"authenticated\"")) {
                    authenticated.complete(null);
                } else if (frame.contains("\"ice_candidate\"")) {
                    received.increment();
                    var tree = Json.tree(frame.getBytes(StandardCharsets.UTF_8));
                    long sentAt = tree.path("payload").path("sent").asLong();
                    if (sentAt >= measuredFrom) {
                        int slot = recorded.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[slot] = now - sentAt;
                        }
                    }
                    if (now - sentAt > 100_000_000L && relayStart != 0) {
                        int second = (int) ((sentAt - relayStart) / 1_000_000_000L);
                        if (second >= 0 && second < SLOW_BY_SECOND.length) {
                            SLOW_BY_SECOND[second].incrementAndGet();
                        }
                    }
                } else if (frame.contains("\"signaling_error\"")) {
                    errors.increment();
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closedEarly.incrementAndGet();
            authenticated.completeExceptionally(new IllegalStateException(status + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            authenticated.completeExceptionally(error);
        }
    }

    private CompletableFuture<WebSocket> open(int index, Ed25519.KeyPair key, Listener listener) {
        String id = AgentId.of(key.publicKey()).value();
        String path = "/api/v1/signaling?agent_id=" + id;
        var builder =
                clients.get(index % clients.size())
                        .newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(30));
        RequestSignature.headers(
                        key, "GET", path, Instant.now().getEpochSecond(), nonce(), new byte[0])
                .forEach(builder::header);
        return builder.buildAsync(
                URI.create(node.toString().replaceFirst("^http", "ws") + path), listener);
    }

    private String account() throws Exception {
        String email = "bench-" + System.nanoTime() + "@example.org";
        String password = "correct horse battery staple";
        post("/api/v1/auth/register", Map.of("email", email, "password", password), null);
        var login = post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        if (login.statusCode() != 200) {
            throw new IllegalStateException("cannot sign in: " + login.body());
        }
        return Json.tree(login.body().getBytes(StandardCharsets.UTF_8))
                .get("access_token")
                .asText();
    }

    private int register(Ed25519.KeyPair key, String token) throws Exception {
        String id = AgentId.of(key.publicKey()).value();
        var card = new LinkedHashMap<String, Object>();
        card.put("name", "bench-" + id.substring(0, 8));
        card.put("description", "signaling benchmark agent");
        card.put("version", "1.0.0");
        card.put("public_key", key.publicKey().base64());
        card.put("capabilities", List.of("chat"));
        card.put("protocols", List.of("a2a"));
        card.put(
                "endpoint", Map.of("url", "https://agents.example.com/" + id, "transport", "http"));
        byte[] body = Json.bytes(card);
        var builder =
                HttpRequest.newBuilder(node.resolve("/api/v1/agents"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token);
        RequestSignature.headers(
                        key,
                        "POST",
                        "/api/v1/agents",
                        Instant.now().getEpochSecond(),
                        nonce(),
                        body)
                .forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> post(String path, Object body, String bearer) throws Exception {
        var builder =
                HttpRequest.newBuilder(node.resolve(path))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                        .header("Content-Type", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Encoding.hex(bytes);
    }
}
