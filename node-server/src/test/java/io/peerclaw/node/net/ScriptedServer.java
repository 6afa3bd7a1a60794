package io.peerclaw.node.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on a loopback address that counts every connection it accepts and answers
 * one request per connection as its script says. Raw, so that tests control every byte (chunked
 * bodies without end, silence, garbage) and see connections rather than requests.
 */
final class ScriptedServer implements AutoCloseable {
    /** What the server writes back for a request; the connection closes afterwards. */
    @FunctionalInterface
    interface Script {
        void answer(Request request, OutputStream out, ScriptedServer server)
                throws IOException, InterruptedException;
    }

    /** A received request; header names are lower case. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket listener;
    private final Script script;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ScriptedServer(ServerSocket listener, Script script) {
        this.listener = listener;
        this.script = script;
        Thread.ofVirtual().name("scripted-server-accept").start(this::acceptLoop);
    }

    /** A server on 127.0.0.1 at a free port. */
    static ScriptedServer start(Script script) throws IOException {
        return start(InetAddress.getLoopbackAddress(), 0, script);
    }

    static ScriptedServer start(InetAddress address, int port, Script script) throws IOException {
        var listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return new ScriptedServer(listener, script);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT} followed by the path. */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int accepted() {
        return accepted.get();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Waits until the server is closed or the time is up: scripts use it to stay silent without
     * holding the test up after it ends.
     */
    void idle(Duration atMost) throws InterruptedException {
        stopped.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().name("scripted-server-connection").start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            var request = readRequest(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            OutputStream out = socket.getOutputStream();
            script.answer(request, out, this);
            out.flush();
        } catch (IOException | InterruptedException gone) {
            // The client hung up or the server closed: nothing more to say.
        } finally {
            open.remove(socket);
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        var headers = new LinkedHashMap<String, String>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String[] parts = requestLine.split(" ");
        return new Request(parts[0], parts[1], headers, in.readNBytes(length));
    }

    private static String line(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        stopped.countDown();
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    // Scripts.

    /** A complete answer with a Content-Length. */
    static Script respond(int status, Map<String, String> headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (_, out, _) -> {
            out.write(head(status, headers, bytes.length));
            out.write(bytes);
        };
    }

    static Script respond(int status, String body) {
        return respond(status, Map.of("Content-Type", "text/plain"), body);
    }

    /** A chunked body of the given size in 1 KiB chunks, without a Content-Length. */
    static Script chunked(int size) {
        return (_, out, _) -> {
            out.write(chunkedHead());
            for (int sent = 0; sent < size; sent += 1024) {
                writeChunk(out, new byte[Math.min(1024, size - sent)]);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** A chunked body that never ends, until the client hangs up or the server closes. */
    static Script endlessChunks() {
        return (_, out, server) -> {
            out.write(chunkedHead());
            while (server.stopped.getCount() > 0) {
                writeChunk(out, new byte[1024]);
            }
        };
    }

    /** Accepts the request and says nothing. */
    static Script silence() {
        return (_, _, server) -> server.idle(Duration.ofSeconds(30));
    }

    /** Headers at once, then one body byte every 100 ms, each well within any read timeout. */
    static Script drip() {
        return (_, out, server) -> {
            out.write(head(200, Map.of(), 1_000));
            for (int i = 0; i < 1_000 && server.stopped.getCount() > 0; i++) {
                out.write('x');
                out.flush();
                server.idle(Duration.ofMillis(100));
            }
        };
    }

    static byte[] head(int status, Map<String, String> headers, long contentLength) {
        var head = new StringBuilder("HTTP/1.1 " + status + " Scripted\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(contentLength).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] chunkedHead() {
        return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    static void writeChunk(OutputStream out, byte[] chunk) throws IOException {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
