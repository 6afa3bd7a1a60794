package io.peerclaw.shared.protocol.api;

import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}) with PeerClaw's stable {@code code},
 * the request id for support, and one entry per bad field for validation failures.
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input field: a JSON path such as {@code capabilities[3]} and what is wrong. */
    public record FieldError(String field, String message) {}
}
