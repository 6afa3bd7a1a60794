package io.peerclaw.node.uptime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An agent endpoint on 127.0.0.1 whose answers a test writes (the JDK's HTTP server), recording
 * every request it gets.
 */
final class ScriptedAgent implements AutoCloseable {
    /** A received request; header names are lower case. */
    record Request(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to answer, after waiting {@code delay}. */
    record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        static Reply json(String body) {
            return new Reply(200, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            var all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private ScriptedAgent(Function<Request, Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> answer(exchange, script));
        server.start();
    }

    static ScriptedAgent start(Function<Request, Reply> script) {
        try {
            return new ScriptedAgent(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL on no listening socket: connections are refused. */
    static String closedPortUrl(String path) {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange, Function<Request, Reply> script) throws IOException {
        try (exchange) {
            var headers = new LinkedHashMap<String, String>();
            exchange.getRequestHeaders()
                    .forEach(
                            (name, values) ->
                                    headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            var request =
                    new Request(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(),
                            headers,
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
            requests.add(request);
            Reply reply = script.apply(request);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay());
            }
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
