package io.peerclaw.node.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.JsonRpc;
import io.peerclaw.node.http.EventStream;
import io.peerclaw.shared.json.Json;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The answer to one request: a JSON body, or, once the first notification goes out, an event stream
 * ({@code text/event-stream}) whose last event is the response. A stream is opened only when
 * something must be sent before the response, so errors found before that are still plain HTTP
 * answers.
 */
final class Reply {
    private final Supplier<EventStream> open;
    private final Consumer<byte[]> sendJson;
    private EventStream stream;

    /**
     * @param open starts the event stream
     * @param sendJson sends a whole JSON response
     */
    Reply(Supplier<EventStream> open, Consumer<byte[]> sendJson) {
        this.open = open;
        this.sendJson = sendJson;
    }

    boolean streaming() {
        return stream != null;
    }

    /**
     * Sends a message on the stream, opening it first.
     *
     * @return whether the client is still there
     */
    boolean event(JsonNode message) {
        if (stream == null) {
            stream = open.get();
        }
        return stream.send("message", null, Json.text(message));
    }

    /** Progress notifications for this token: one per message, counting up from 1. */
    ToolCalls.Progress progress(JsonNode token) {
        int[] count = {0};
        return message -> {
            ObjectNode params = JsonNodeFactory.instance.objectNode();
            params.set("progressToken", token);
            params.put("progress", ++count[0]);
            params.put("message", message);
            return event(JsonRpc.notification("notifications/progress", params));
        };
    }

    /** Sends the response: the last event of a stream, else the JSON body. */
    void finish(JsonNode response) {
        if (stream == null) {
            sendJson.accept(Json.bytes(response));
            return;
        }
        event(response);
        stream.close();
    }
}
