package io.peerclaw.desktop.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.RequestSignature;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The demo agent: binds a loopback address of its own, serves {@link DemoProtocols} there, answers
 * the endpoint challenge, and registers itself with the node by a signed {@code POST /agents}.
 *
 * <pre>{@code
 * var demo = DemoAgent.bind();
 * RunningNode node = NodeServer.start(options.allowingAddress(demo.address()), out);
 * AgentId id = demo.register(node.baseUri(), node.dataDirectory());
 * }</pre>
 */
public final class DemoAgent implements AutoCloseable {
    /*
     * Why 127.0.0.2: the node may reach only this one address, and on Linux the whole of
     * 127.0.0.0/8 is loopback; services that listen on 127.0.0.1 alone (a database, say) stay out of
     * the gateway's reach. Where 127.0.0.2 cannot be bound, 127.0.0.1 is used.
     */
    static final String NAME = "echo-demo";
    static final String KEY_FILE = "demo-agent.key";
    private static final List<String> ADDRESSES = List.of("127.0.0.2", "127.0.0.1");

    private final HttpServer server;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Ed25519.KeyPair key;

    private DemoAgent(HttpServer server, InstantSource clock) {
        this.server = server;
        this.clock = clock;
    }

    /** Binds a free port on the demo's loopback address and starts serving. */
    public static DemoAgent bind() {
        return bind(Duration.ofMillis(300), InstantSource.system());
    }

    static DemoAgent bind(Duration chunkPause, InstantSource clock) {
        IOException last = null;
        for (String host : ADDRESSES) {
            try {
                var server =
                        HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
                var agent = new DemoAgent(server, clock);
                var protocols = new DemoProtocols(agent::baseUrl, chunkPause);
                server.createContext("/", exchange -> agent.route(exchange, protocols));
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                server.start();
                return agent;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException(
                "the demo agent found no loopback address to listen on", last);
    }

    /** The one address the node must be allowed to reach. */
    public InetAddress address() {
        return server.getAddress().getAddress();
    }

    /** The registered endpoint, e.g. {@code http://127.0.0.2:41234}. */
    public String baseUrl() {
        return "http://" + address().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /**
     * Registers (or updates) the demo agent with the node at {@code node}, with the key kept in the
     * data folder so that the agent keeps its id from one start to the next.
     */
    public AgentId register(URI node, Path dataDirectory) {
        key = loadOrCreateKey(dataDirectory.resolve(KEY_FILE));
        byte[] body = Json.bytes(card());
        String path = "/api/v1/agents";
        var nonce = new byte[16];
        random.nextBytes(nonce);
        var request =
                HttpRequest.newBuilder(node.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        RequestSignature.headers(
                        key,
                        "POST",
                        path,
                        clock.instant().getEpochSecond(),
                        Encoding.base64Url(nonce),
                        body)
                .forEach(request::header);
        try (var client = HttpClient.newHttpClient()) {
            var answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 && answer.statusCode() != 201) {
                throw new IllegalStateException(
                        "the node refused the demo agent's registration: HTTP "
                                + answer.statusCode()
                                + " "
                                + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the demo agent could not reach the node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering the demo agent", e);
        }
        return AgentId.of(key.publicKey());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The card the agent registers: one skill and one tool, all three protocols. */
    Map<String, Object> card() {
        var schema =
                Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of("text", Map.of("type", "string", "description", "what to echo")),
                        "required",
                        List.of("text"));
        var card = new LinkedHashMap<String, Object>();
        card.put("name", NAME);
        card.put("description", DemoProtocols.DESCRIPTION);
        card.put("version", "1.0.0");
        card.put("capabilities", List.of("echo"));
        card.put("skills", List.of(DemoProtocols.ECHO_SKILL));
        card.put(
                "tools",
                List.of(
                        Map.of(
                                "name",
                                "echo",
                                "description",
                                DemoProtocols.DESCRIPTION,
                                "input_schema",
                                schema)));
        card.put("endpoint", Map.of("url", baseUrl(), "transport", "http"));
        card.put("protocols", List.of("a2a", "mcp", "acp"));
        card.put("peerclaw", Map.of("tags", List.of("demo")));
        return card;
    }

    private void route(HttpExchange exchange, DemoProtocols protocols) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/.well-known/peerclaw-verify")) {
                answerChallenge(exchange);
            } else {
                protocols.handle(exchange);
            }
        }
    }

    /** Signs the challenge's ASCII bytes with the registered key (the node's verify check). */
    private void answerChallenge(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String challenge = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("challenge=")) {
                    challenge =
                            java.net.URLDecoder.decode(
                                    pair.substring("challenge=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        Ed25519.KeyPair signer = key;
        if (challenge == null || signer == null) {
            DemoProtocols.json(exchange, 400, Map.of("error", "no challenge, or not registered"));
            return;
        }
        String signature =
                Encoding.base64(signer.sign(challenge.getBytes(StandardCharsets.US_ASCII)));
        DemoProtocols.json(exchange, 200, Map.of("challenge", challenge, "signature", signature));
    }

    private Ed25519.KeyPair loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                var seed = Encoding.fromHex(Files.readString(file).strip());
                if (seed.isPresent() && seed.get().length == Ed25519.SEED_BYTES) {
                    return Ed25519.fromSeed(seed.get());
                }
            }
            var generated = Ed25519.generate(random);
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: the folder's rules apply
            }
            Files.writeString(file, Encoding.hex(generated.seed()) + "\n");
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo agent's key in " + file, e);
        }
    }
}
