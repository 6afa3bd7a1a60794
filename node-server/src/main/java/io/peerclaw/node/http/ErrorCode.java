package io.peerclaw.node.http;

/** The stable {@code code} of a problem answer, with its HTTP status and title. */
public enum ErrorCode {
    VALIDATION_ERROR(400, "Invalid request"),
    INVALID_CARD_SIGNATURE(400, "Invalid card signature"),
    AUTH_ERROR(401, "Authentication failed"),
    FORBIDDEN(403, "Not allowed"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** The endpoint challenge failed; each reason has its own code. */
    TARGET_NOT_ALLOWED(422, "Verification failed"),
    UNREACHABLE(422, "Verification failed"),
    TIMEOUT(422, "Verification failed"),
    BAD_STATUS(422, "Verification failed"),
    BAD_RESPONSE(422, "Verification failed"),
    WRONG_CHALLENGE(422, "Verification failed"),
    BAD_SIGNATURE(422, "Verification failed"),
    RATE_LIMITED(429, "Too many requests"),
    /** The agent behind the gateway answered with an error, or with something unreadable. */
    AGENT_FAILED(502, "The agent failed"),
    /** The gateway could not reach the agent's registered endpoint. */
    AGENT_UNREACHABLE(502, "The agent cannot be reached"),
    /** The agent did not answer in time. */
    AGENT_TIMEOUT(504, "The agent did not answer in time"),
    INTERNAL_ERROR(500, "Internal error"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The wire form, e.g. {@code validation_error}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A URN naming the problem type, as RFC 9457 asks for a URI. */
    public String type() {
        return "urn:peerclaw:problem:" + code();
    }

    /** The closest code for an HTTP status Helidon produced on its own. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> AUTH_ERROR;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : VALIDATION_ERROR;
        };
    }
}
