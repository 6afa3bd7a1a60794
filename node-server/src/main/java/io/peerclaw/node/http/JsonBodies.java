package io.peerclaw.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.json.JsonReadException;
import java.util.Map;

/** Reading raw bodies and answering with JSON. */
public final class JsonBodies {
    public static final String JSON = "application/json";

    private JsonBodies() {}

    /** The raw body (empty array when there is none), read within the server's size limit. */
    public static byte[] raw(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        return req.content().as(byte[].class);
    }

    /** Parses a required JSON body; an empty or malformed body is a validation problem. */
    public static <T> T read(byte[] body, Class<T> type) {
        return anObject(Json.read(present(body), type));
    }

    /** Like {@link #read} but a member the type does not know is a validation problem. */
    public static <T> T readStrict(byte[] body, Class<T> type) {
        return anObject(Json.readStrict(present(body), type));
    }

    /**
     * Like {@link #readStrict}, but a member of the wrong type is refused with the message given
     * for it in {@code rules} (say "must be a whole number from 1 to 5" where the type says only "a
     * whole number"), so a value of the wrong type and one out of range read the same.
     */
    public static <T> T readStrict(byte[] body, Class<T> type, Map<String, String> rules) {
        try {
            return readStrict(body, type);
        } catch (JsonReadException e) {
            throw new JsonReadException(
                    e.mismatches().stream()
                            .map(
                                    m ->
                                            rules.containsKey(m.field())
                                                    ? new JsonReadException.Mismatch(
                                                            m.field(), rules.get(m.field()))
                                                    : m)
                            .toList());
        }
    }

    /** A required JSON object as a tree, for readers that report every bad member at once. */
    public static JsonNode object(byte[] body) {
        JsonNode root = Json.tree(present(body));
        return anObject(root.isObject() ? root : null);
    }

    private static byte[] present(byte[] body) {
        if (body.length == 0) {
            throw ApiException.invalid(ApiException.BODY, "is empty; it must be a JSON object");
        }
        return body;
    }

    private static <T> T anObject(T value) {
        if (value == null) {
            throw ApiException.invalid(ApiException.BODY, "must be a JSON object");
        }
        return value;
    }

    public static void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(Json.bytes(body));
    }

    public static void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    /** The shared mapper, but writing null values: for answers where null is the value. */
    private static final com.fasterxml.jackson.databind.ObjectMapper WITH_NULLS =
            Json.mapper()
                    .copy()
                    .setDefaultPropertyInclusion(
                            com.fasterxml.jackson.annotation.JsonInclude.Value.construct(
                                    com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS,
                                    com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS));

    /** Like {@link #ok}, but a null value is written as {@code null} instead of being left out. */
    public static void okWithNulls(ServerResponse res, Object body) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        try {
            res.send(WITH_NULLS.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer: " + e.getMessage(), e);
        }
    }
}
