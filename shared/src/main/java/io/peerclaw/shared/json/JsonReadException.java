package io.peerclaw.shared.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.List;

/**
 * A JSON body that could not be read, with every member that was wrong: each {@link Mismatch} names
 * the JSON path of the offending value ({@code $} for the document itself) and says what was
 * expected in the voice of the node's validators ("must be text"), without echoing parser internals
 * to clients. {@link #field()} and {@link #getMessage()} are the first.
 */
public final class JsonReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One member that could not be read, and what it must be. */
    public record Mismatch(String field, String message) {}

    private final transient List<Mismatch> mismatches;

    public JsonReadException(String field, String message) {
        this(List.of(new Mismatch(field, message)));
    }

    public JsonReadException(List<Mismatch> mismatches) {
        super(mismatches.getFirst().message());
        this.mismatches = List.copyOf(mismatches);
    }

    public String field() {
        return mismatches.getFirst().field();
    }

    /** Every member that was wrong, in document order; never empty. */
    public List<Mismatch> mismatches() {
        return mismatches;
    }

    static JsonReadException from(IOException e) {
        return new JsonReadException(List.of(mismatch(e)));
    }

    /** Whether {@code e} is about one member (which can be set aside to look for more). */
    static boolean aboutAMember(IOException e) {
        return e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty();
    }

    static Mismatch mismatch(IOException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new Mismatch(path(unknown), "is not a field this request takes");
        }
        if (e instanceof MismatchedInputException mismatch
                && mismatch.getPath().isEmpty()
                && String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
            return new Mismatch("$", "is not well-formed JSON: something follows the value");
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new Mismatch(path(mismatch), "must be " + describe(mismatch.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new Mismatch(path(mapping), "is not valid");
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
                return new Mismatch("$", "has a duplicate key" + where);
            }
            return new Mismatch("$", "is not well-formed JSON" + where);
        }
        return new Mismatch("$", "could not be read");
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

    /** What a value of {@code type} is, said as the validators say it ("must be ..."). */
    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class
                || type == Byte.class
                || type == byte.class
                || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 time such as 2026-11-26T00:00:00Z";
        }
        return "an object";
    }
}
