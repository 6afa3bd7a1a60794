package io.peerclaw.node.http;

import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A request that cannot be served, with the problem answer to send. Features throw these; {@link
 * Problems} turns them into RFC 9457 bodies in one place.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The field name of the request body itself (a JSON path's root). */
    public static final String BODY = "$";

    private final ErrorCode code;
    private final transient List<FieldError> errors;
    private final transient Map<String, String> headers;

    public ApiException(
            ErrorCode code, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of(), Map.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        String detail =
                errors.size() == 1
                        ? sentence(errors.getFirst())
                        : errors.size() + " fields are invalid";
        return new ApiException(ErrorCode.VALIDATION_ERROR, detail, errors, Map.of());
    }

    /** A field error as the detail says it: {@code $}, the body itself, is named in words. */
    private static String sentence(FieldError error) {
        String subject = error.field().equals(BODY) ? "the request body" : error.field();
        return subject + " " + error.message();
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ErrorCode.NOT_FOUND, detail);
    }

    /** 401: the caller is not who they claim, or claimed nothing where proof is required. */
    public static ApiException unauthenticated(String detail) {
        return new ApiException(
                ErrorCode.AUTH_ERROR,
                detail,
                List.of(),
                Map.of(
                        "WWW-Authenticate",
                        "PeerClaw-Signature realm=\"peerclaw\", Bearer realm=\"peerclaw\""));
    }

    /** 403: the caller is known but may not do this. */
    public static ApiException forbidden(String detail) {
        return new ApiException(ErrorCode.FORBIDDEN, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ErrorCode.CONFLICT, detail);
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(
                ErrorCode.RATE_LIMITED,
                "rate limit exceeded; retry in " + retryAfterSeconds + " s",
                List.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
