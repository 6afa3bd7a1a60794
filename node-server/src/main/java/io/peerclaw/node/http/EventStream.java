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
 *
 * <p>A client that leaves is no error: the first write that fails marks the stream gone, every
 * later write is skipped, and each says whether the client is still there, so that a loop ends (and
 * the work behind it goes on) without catching anything.
 */
public final class EventStream implements AutoCloseable {
    private final OutputStream out;
    private boolean gone;
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

    /**
     * Sends one event; {@code name} may be null for an unnamed ({@code message}) event.
     *
     * @return whether the client is still there
     */
    public boolean send(String name, Object data) {
        return send(name, null, Json.text(data));
    }

    /**
     * Sends one event whose data is already text (one line of JSON, or a line of text).
     *
     * @return whether the client is still there
     */
    public boolean send(String name, String id, String data) {
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
        return write(event.toString());
    }

    /**
     * A comment line, which keeps idle connections open without being an event.
     *
     * @return whether the client is still there
     */
    public boolean keepAlive() {
        return write(": keep-alive\n\n");
    }

    /** Whether the client left: a write to it failed. */
    public boolean clientLeft() {
        return gone;
    }

    private boolean write(String text) {
        if (gone) {
            return false;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | UncheckedIOException e) {
            gone = true;
            return false;
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
        } catch (IOException | UncheckedIOException e) {
            gone = true; // nothing is left to tell the client
        }
    }
}
