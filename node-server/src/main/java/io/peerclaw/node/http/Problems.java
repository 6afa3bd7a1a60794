package io.peerclaw.node.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.storage.StorageException;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.json.JsonReadException;
import io.peerclaw.shared.protocol.api.Problem;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns every failure into an RFC 9457 answer: our {@link ApiException}s, unreadable JSON,
 * Helidon's own refusals (unknown route, oversized body, malformed request) and unexpected errors.
 * Clients never see a stack trace or an internal message; a 500 is logged with its request id so
 * the two can be matched.
 */
public final class Problems {
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final long maxBodyBytes;

    public Problems(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Installs the error handler for everything thrown during routing. */
    public void register(HttpRouting.Builder routing) {
        routing.error(Throwable.class, this::handle);
    }

    /** Answers for failures Helidon detects before routing (framing, oversized bodies). */
    public DirectHandlers directHandlers() {
        var builder = DirectHandlers.builder();
        for (var type : DirectHandler.EventType.values()) {
            builder.addHandler(type, this::direct);
        }
        return builder.build();
    }

    private void handle(ServerRequest req, ServerResponse res, Throwable error) {
        ApiException problem = translate(req, error);
        send(res, problem);
    }

    private ApiException translate(ServerRequest req, Throwable error) {
        return switch (error) {
            case ApiException api -> api;
            case JsonReadException json ->
                    ApiException.invalid(
                            json.mismatches().stream()
                                    .map(m -> new Problem.FieldError(m.field(), m.message()))
                                    .toList());
            case HttpException http ->
                    fromStatus(
                            http.status().code(),
                            req.prologue().method().text(),
                            req.path().rawPath());
            case StorageException storage -> {
                // Expected during an outage: one line per request, no stack trace.
                LOG.log(System.Logger.Level.WARNING, "database failure: " + storage.getMessage());
                yield new ApiException(
                        ErrorCode.UNAVAILABLE, "the database is unavailable; try again shortly");
            }
            default -> {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "unexpected failure serving "
                                + req.prologue().method().text()
                                + " "
                                + req.path().rawPath(),
                        error);
                yield new ApiException(
                        ErrorCode.INTERNAL_ERROR,
                        "an unexpected error occurred; quote the request id when reporting it");
            }
        };
    }

    private ApiException fromStatus(int status, String method, String path) {
        ErrorCode code = ErrorCode.forStatus(status);
        String detail =
                switch (code) {
                    case NOT_FOUND -> "nothing is served at " + method + " " + path;
                    case PAYLOAD_TOO_LARGE ->
                            "the request body is larger than " + maxBodyBytes + " bytes";
                    case VALIDATION_ERROR -> "the request is malformed";
                    default -> code.title().toLowerCase(java.util.Locale.ROOT);
                };
        return new ApiException(code, detail);
    }

    /** Writes the problem body and its headers. */
    public static void send(ServerResponse res, ApiException problem) {
        problem.headers().forEach((name, value) -> res.header(name, value));
        res.status(Status.create(problem.code().status()));
        res.header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        String requestId = RequestContext.current().map(RequestContext::requestId).orElse(null);
        res.send(Json.bytes(body(problem, requestId)));
    }

    private static Problem body(ApiException problem, String requestId) {
        ErrorCode code = problem.code();
        return new Problem(
                code.type(),
                code.title(),
                code.status(),
                problem.getMessage(),
                code.code(),
                requestId,
                problem.errors().isEmpty() ? null : problem.errors());
    }

    private DirectHandler.TransportResponse direct(
            DirectHandler.TransportRequest request,
            DirectHandler.EventType eventType,
            Status defaultStatus,
            io.helidon.http.ServerResponseHeaders headers,
            String message) {
        ApiException problem = fromStatus(defaultStatus.code(), request.method(), request.path());
        String given = request.headers().first(RequestContextFilter.REQUEST_ID).orElse("");
        String requestId =
                SANE_ID.matcher(given).matches() ? given : java.util.UUID.randomUUID().toString();
        headers.set(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.set(RequestContextFilter.REQUEST_ID, requestId);
        return DirectHandler.TransportResponse.builder()
                .status(defaultStatus)
                .headers(headers)
                .entity(Json.bytes(body(problem, requestId)))
                .keepAlive(eventType.keepAlive())
                .build();
    }

    /** The problem bodies a failed request may produce, for documentation tests. */
    static List<ErrorCode> codes() {
        return List.of(ErrorCode.values());
    }
}
