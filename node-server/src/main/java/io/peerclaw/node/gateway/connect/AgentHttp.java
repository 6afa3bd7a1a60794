package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.net.OutboundResult;
import io.peerclaw.node.net.OutboundResult.BadStatus;
import io.peerclaw.node.net.OutboundResult.Failure;
import io.peerclaw.node.net.OutboundResult.Success;
import io.peerclaw.node.net.ServerSentEvents;
import io.peerclaw.shared.json.Json;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The connectors' requests over {@link OutboundHttp}: JSON in, JSON out, either as one document or
 * as an event stream whose events are JSON, read as they arrive. Transport failures come back as
 * the {@link CallError} the gateway reports.
 */
final class AgentHttp {
    /** A blocking answer (a task with its artifacts, a tool result) fits in this. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** A stream carries a whole task's chunks. */
    static final int MAX_STREAM_BYTES = OutboundHttp.MAX_BODY_BYTES;

    /** Cards and agent lists are small; a side request never gets more time than this. */
    static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    static final Duration SIDE_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** Receives each JSON document of an answer: the body, or each event's data. */
    @FunctionalInterface
    interface Documents {
        /** Returns false to stop reading (the rest of the answer is dropped). */
        boolean on(JsonNode document);
    }

    /** How a request went. */
    sealed interface Reply {
        /** A 2xx answer, read (or streamed to the handler) completely or as far as wanted. */
        record Ok(Success head, JsonNode body) implements Reply {}

        /**
         * A non-2xx answer.
         *
         * @param body its JSON body, or null when it had none
         */
        record Status(int status, JsonNode body) implements Reply {}

        record Failed(CallError error) implements Reply {}
    }

    private final OutboundHttp http;

    AgentHttp(OutboundHttp http) {
        this.http = http;
    }

    /** GETs a JSON document (a card, an agent list) within the side-request budget. */
    Reply get(String url, Map<String, String> headers, Deadline deadline) {
        Optional<Duration> left = deadline.left(SIDE_REQUEST_TIMEOUT);
        if (left.isEmpty()) {
            return new Reply.Failed(deadline.expired());
        }
        return switch (http.get(url, headers, left.get(), MAX_DOCUMENT_BYTES)) {
            case Success ok -> {
                Optional<JsonNode> json = json(ok.body());
                yield json.<Reply>map(body -> new Reply.Ok(ok, body)).orElseGet(() -> notJson(url));
            }
            case Failure failure -> failed(failure, deadline);
        };
    }

    /**
     * POSTs a JSON document and hands the answer's JSON documents to {@code documents} as they
     * arrive: the whole body when it is JSON, each event's data when it is an event stream. An
     * empty body (202 to a notification) hands nothing over.
     *
     * @return {@link Reply.Ok} (its body null) once the answer was read as far as wanted
     */
    Reply post(
            String url,
            JsonNode body,
            Map<String, String> headers,
            Deadline deadline,
            Documents documents) {
        Optional<Duration> left = deadline.left();
        if (left.isEmpty()) {
            return new Reply.Failed(deadline.expired());
        }
        OutboundResult result;
        try {
            result =
                    http.postStream(
                            url,
                            Json.bytes(body),
                            headers,
                            left.get(),
                            MAX_STREAM_BYTES,
                            (head, in) -> {
                                if (isEventStream(head)) {
                                    ServerSentEvents.read(
                                            in,
                                            event ->
                                                    !event.isMessage()
                                                            || documents.on(document(event)));
                                } else {
                                    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
                                    if (bytes.length > MAX_BODY_BYTES) {
                                        throw new BadWire(
                                                "the answer exceeds " + MAX_BODY_BYTES + " bytes");
                                    }
                                    if (bytes.length > 0 || head.status() != 202) {
                                        documents.on(
                                                json(bytes)
                                                        .orElseThrow(
                                                                () ->
                                                                        new BadWire(
                                                                                "the answer is not"
                                                                                    + " JSON")));
                                    }
                                }
                            });
        } catch (BadWire e) {
            return new Reply.Failed(new CallError(Kind.BAD_RESPONSE, e.getMessage()));
        }
        return switch (result) {
            case Success ok -> new Reply.Ok(ok, null);
            case BadStatus status ->
                    new Reply.Status(status.status(), json(status.body()).orElse(null));
            case Failure failure -> failed(failure, deadline);
        };
    }

    private static JsonNode document(ServerSentEvents.Event event) {
        return json(event.data()).orElseThrow(() -> new BadWire("an event's data is not JSON"));
    }

    private static boolean isEventStream(Success head) {
        return head.header("content-type")
                .map(type -> type.toLowerCase(Locale.ROOT).startsWith("text/event-stream"))
                .orElse(false);
    }

    private static Reply notJson(String url) {
        return new Reply.Failed(
                new CallError(Kind.BAD_RESPONSE, "the answer from " + url + " is not JSON"));
    }

    /** The gateway's words for a transport failure. */
    static Reply.Failed failed(Failure failure, Deadline deadline) {
        return new Reply.Failed(error(failure, deadline));
    }

    static CallError error(Failure failure, Deadline deadline) {
        return switch (failure) {
            case OutboundResult.TimedOut _ -> deadline.expired();
            case OutboundResult.BadStatus status ->
                    new CallError(Kind.BAD_RESPONSE, "the agent answered HTTP " + status.status());
            case OutboundResult.TooLarge tooLarge ->
                    new CallError(Kind.BAD_RESPONSE, tooLarge.detail());
            case OutboundResult.Unreachable _,
                    OutboundResult.TargetNotAllowed _,
                    OutboundResult.BadUrl _,
                    OutboundResult.UnsupportedScheme _ ->
                    new CallError(
                            Kind.UNREACHABLE,
                            "the agent's endpoint cannot be reached: " + failure.detail());
        };
    }

    static Optional<JsonNode> json(byte[] bytes) {
        try {
            return Optional.of(Json.tree(bytes)).filter(node -> !node.isMissingNode());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonNode> json(String text) {
        return text.isEmpty()
                ? Optional.empty()
                : json(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
