package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.shared.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The answer to one request: a JSON body, or, once the first notification goes out, an event stream
 * ({@code text/event-stream}) whose last event is the response. A stream is opened only when
 * something must be sent before the response, so errors found before that are still plain HTTP
 * answers.
 */
final class Reply {
    private final Supplier<OutputStream> open;
    private final Consumer<byte[]> sendJson;
    private OutputStream stream;
    private boolean broken;

    /**
     * @param open sets the event-stream headers and returns the response's body stream
     * @param sendJson sends a whole JSON response
     */
    Reply(Supplier<OutputStream> open, Consumer<byte[]> sendJson) {
        this.open = open;
        this.sendJson = sendJson;
    }

    boolean streaming() {
        return stream != null;
    }

    /**
     * Sends a message on the stream, opening it first.
     *
     * @throws UncheckedIOException when the client is gone
     */
    void event(JsonNode message) {
        if (stream == null) {
            stream = open.get();
        }
        try {
            stream.write(
                    ("event: message\ndata: " + Json.text(message) + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
            stream.flush();
        } catch (IOException e) {
            broken = true;
            throw new UncheckedIOException(e);
        }
    }

    /** Progress notifications for this token: one per message, counting up from 1. */
    ToolCalls.Progress progress(JsonNode token) {
        int[] count = {0};
        return message -> {
            ObjectNode params = JsonNodeFactory.instance.objectNode();
            params.set("progressToken", token);
            params.put("progress", ++count[0]);
            params.put("message", message);
            event(JsonRpc.notification("notifications/progress", params));
        };
    }

    /** Sends the response: the last event of a stream, else the JSON body. */
    void finish(JsonNode response) {
        if (stream == null) {
            sendJson.accept(Json.bytes(response));
            return;
        }
        try {
            if (!broken) {
                event(response);
            }
        } catch (UncheckedIOException e) {
            // The client is gone; nothing is left to tell it.
        } finally {
            try {
                stream.close();
            } catch (IOException e) {
                // the same
            }
        }
    }
}
