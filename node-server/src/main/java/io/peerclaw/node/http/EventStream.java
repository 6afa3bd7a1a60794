package io.peerclaw.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.shared.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code text/event-stream} response written event by event, each flushed at once so the client
 * sees it as it happens. Not thread-safe: one thread writes.
 */
public final class EventStream implements AutoCloseable {
    private final OutputStream out;
    private boolean closed;

    private EventStream(OutputStream out) {
        this.out = out;
    }

    /** Starts the stream: status 200 and the headers that keep proxies from buffering it. */
    public static EventStream open(ServerResponse res) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("X-Accel-Buffering", "no");
        return new EventStream(res.outputStream());
    }

    /** Sends one event; {@code name} may be null for an unnamed ({@code message}) event. */
    public void send(String name, Object data) {
        send(name, null, Json.text(data));
    }

    /** Sends one event whose data is already text (one line of JSON, or a line of text). */
    public void send(String name, String id, String data) {
        var event = new StringBuilder();
        if (id != null) {
            event.append("id: ").append(id).append('\n');
        }
        if (name != null) {
            event.append("event: ").append(name).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        event.append('\n');
        write(event.toString());
    }

    /** A comment line, which keeps idle connections open without being an event. */
    public void keepAlive() {
        write(": keep-alive\n\n");
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // The client is gone; nothing is left to tell it.
        }
    }
}
