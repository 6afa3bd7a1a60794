package io.peerclaw.desktop.client;

import java.util.List;

/**
 * A call to the node that did not succeed, with a message fit to show a person: the problem's
 * detail, or what went wrong with the connection. {@code fieldErrors} name the bad inputs.
 */
public final class NodeClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<FieldError> fieldErrors;

    public NodeClientException(String message, int status, List<FieldError> fieldErrors) {
        super(message);
        this.status = status;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public NodeClientException(String message) {
        this(message, 0, List.of());
    }

    /** The HTTP status, or 0 when the node did not answer. */
    public int status() {
        return status;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** One invalid input, as the node's problem answer names it. */
    public record FieldError(String field, String message) {}
}
