package io.peerclaw.node.gateway.acp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import java.util.Locale;
import java.util.Map;

/**
 * An answer in ACP's {@code Error} shape ({@code {code, message, data?}}), the body of every
 * non-2xx ACP response. ACP has three codes; a refusal ACP does not name (401, 403, 429, 413) keeps
 * its HTTP status and headers, is {@code invalid_input} when the caller can change something and
 * {@code server_error} otherwise, and says what it is in {@code data.reason} (our problem code).
 */
final class AcpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** ACP's error codes. */
    enum Code {
        SERVER_ERROR,
        INVALID_INPUT,
        NOT_FOUND;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final int status;
    private final Code code;
    private final String reason;
    private final transient Map<String, String> headers;

    AcpError(int status, Code code, String message, String reason, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.reason = reason;
        this.headers = Map.copyOf(headers);
    }

    static AcpError invalid(String message) {
        return new AcpError(400, Code.INVALID_INPUT, message, null, Map.of());
    }

    static AcpError notFound(String message) {
        return new AcpError(404, Code.NOT_FOUND, message, null, Map.of());
    }

    /** The Python reference's answer to cancelling a finished run or resuming a running one. */
    static AcpError refused(String message) {
        return new AcpError(403, Code.INVALID_INPUT, message, null, Map.of());
    }

    static AcpError server(int status, String message) {
        return new AcpError(status, Code.SERVER_ERROR, message, null, Map.of());
    }

    /**
     * The gateway's refusal in ACP's shape: the REST API's answer, except that continuing a run
     * that does not wait for input is the reference's 403 (another request resumed or cancelled it
     * first).
     */
    static AcpError from(Refused refused) {
        return switch (refused) {
            case Refused.UnknownAgent r -> notFound(r.message());
            case Refused.UnknownTask r -> notFound(r.message());
            case Refused.NotAwaitingInput r -> refused(r.message());
            case Refused.Unauthenticated r -> from(ApiException.unauthenticated(r.message()));
            case Refused.Forbidden r -> from(ApiException.forbidden(r.message()));
            case Refused.RateLimited r -> from(ApiException.rateLimited(r.retryAfterSeconds()));
        };
    }

    /** The same refusal as our REST API gives it, in ACP's shape. */
    static AcpError from(ApiException problem) {
        ErrorCode code = problem.code();
        Code acp =
                code == ErrorCode.NOT_FOUND
                        ? Code.NOT_FOUND
                        : code.status() >= 500 ? Code.SERVER_ERROR : Code.INVALID_INPUT;
        boolean plain = code == ErrorCode.NOT_FOUND || code == ErrorCode.VALIDATION_ERROR;
        return new AcpError(
                code.status(),
                acp,
                problem.getMessage(),
                plain ? null : code.code(),
                problem.headers());
    }

    int status() {
        return status;
    }

    Code code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The {@code Error} object. */
    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", code.wire());
        body.put("message", getMessage());
        if (reason != null) {
            body.putObject("data").put("reason", reason);
        }
        return body;
    }
}
