package io.peerclaw.node.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an event stream ({@code text/event-stream}) as the agent protocols send it: events are
 * delivered one by one as each one's blank line arrives, so a caller can act before the stream
 * ends.
 *
 * <p>As browsers do: lines end with CR, LF or CRLF; {@code :} lines are comments (keep-alives);
 * several {@code data:} lines join with LF; an event without data (a priming event carrying only an
 * {@code id}) is not delivered. Unlike browsers, an event cut off by the end of the stream is still
 * delivered, as servers that forget the last blank line are common.
 */
public final class ServerSentEvents {

    /**
     * One event.
     *
     * @param type the {@code event:} field, {@code message} when absent
     * @param id the {@code id:} field, or null
     */
    public record Event(String type, String data, String id) {
        /** Whether it is a plain message event, the kind JSON-RPC responses travel in. */
        public boolean isMessage() {
            return type.equals("message");
        }
    }

    /** Receives events in order; returns false to stop reading. */
    @FunctionalInterface
    public interface Listener {
        boolean on(Event event) throws IOException;
    }

    private ServerSentEvents() {}

    /**
     * Reads events until the stream ends or the listener returns false.
     *
     * @return whether the stream ended (false: the listener stopped first)
     */
    public static boolean read(InputStream in, Listener listener) throws IOException {
        return read(
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), listener);
    }

    /** Every event of a complete stream. */
    public static List<Event> parse(String stream) {
        var events = new ArrayList<Event>();
        try {
            read(
                    new BufferedReader(new StringReader(stream)),
                    event -> {
                        events.add(event);
                        return true;
                    });
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to be read", e);
        }
        return events;
    }

    private static boolean read(BufferedReader lines, Listener listener) throws IOException {
        var data = new StringBuilder();
        boolean hasData = false;
        String type = "";
        String id = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (hasData && !data.isEmpty() && !listener.on(event(type, data, id))) {
                    return false;
                }
                data.setLength(0);
                hasData = false;
                type = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                }
                case "event" -> type = value;
                // The last event id persists across events, as in browsers.
                case "id" -> id = value.indexOf('\0') < 0 ? value : id;
                default -> {
                    // retry and unknown fields do not matter to a client that does not reconnect
                }
            }
        }
        if (hasData && !data.isEmpty()) {
            listener.on(event(type, data, id));
        }
        return true;
    }

    private static Event event(String type, StringBuilder data, String id) {
        return new Event(type.isEmpty() ? "message" : type, data.toString(), id);
    }
}
