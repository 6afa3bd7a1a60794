package io.peerclaw.shared.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * A JSON body that could not be read: {@code field} is the JSON path of the offending value ({@code
 * $} for the document itself) and the message says what was expected, without echoing parser
 * internals to clients.
 */
public final class JsonReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public JsonReadException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    static JsonReadException from(IOException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return new JsonReadException(path(unknown), "is not a field this request takes");
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String expected = describe(mismatch.getTargetType());
            String message =
                    mismatch instanceof InvalidFormatException
                            ? "has the wrong format, expected " + expected
                            : "has the wrong type, expected " + expected;
            return new JsonReadException(path(mismatch), message);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new JsonReadException("$", "must be " + describe(mismatch.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new JsonReadException(path(mapping), "is not valid");
        }
        if (e instanceof JsonProcessingException processing) {
            var location = processing.getLocation();
            String where =
                    location == null
                            ? ""
                            : " at line "
                                    + location.getLineNr()
                                    + ", column "
                                    + location.getColumnNr();
            String reason = processing.getOriginalMessage();
            if (reason != null && reason.startsWith("Duplicate field")) {
                return new JsonReadException("$", "has a duplicate key" + where);
            }
            return new JsonReadException("$", "is not well-formed JSON" + where);
        }
        return new JsonReadException("$", "could not be read");
    }

    private static String path(JsonMappingException e) {
        var out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "$" : out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp";
        }
        return "an object";
    }
}
