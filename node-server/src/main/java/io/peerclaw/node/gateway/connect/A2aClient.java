package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.CallError;
import io.peerclaw.node.gateway.CallError.Kind;
import io.peerclaw.node.gateway.CallListener;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.CallResult;
import io.peerclaw.node.gateway.JsonRpc;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.gateway.connect.AgentHttp.Reply;
import io.peerclaw.shared.json.Json;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls A2A agents over JSON-RPC: 1.0 first, 0.3 when the card or the agent's answer says so.
 * Streams when the caller listens and the card offers streaming, else blocks until the task
 * settles.
 */
final class A2aClient {
    /*
     * Version fallback: a 1.0 request to a 0.3-only agent comes back as -32009 (version not
     * supported) from agents that know about versions, and as -32601 (no such method) from older
     * ones that never heard of SendMessage; either makes us retry once in 0.3 and remember it.
     */
    private static final int VERSION_NOT_SUPPORTED = -32009;
    private static final int METHOD_NOT_FOUND = -32601;
    private static final int TASK_NOT_FOUND = -32001;

    private static final Map<String, String> V1_HEADERS = Map.of("A2A-Version", "1.0");

    private final AgentHttp http;
    private final Cache<AgentKey, A2aEndpoint> endpoints;
    private final AtomicLong ids = new AtomicLong();

    A2aClient(AgentHttp http, Cache<AgentKey, A2aEndpoint> endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    CallResult call(
            AgentTarget target,
            CallRequest request,
            Skill skill,
            Deadline deadline,
            CallListener listener) {
        A2aEndpoint endpoint = endpoint(target, deadline);
        boolean streaming = listener != CallListener.IGNORE && endpoint.streaming();
        Attempt attempt = send(endpoint, request, skill, streaming, deadline, listener);
        if (attempt.versionRefused() && endpoint.version() == A2aVersion.V1_0) {
            endpoint = endpoint.with(A2aVersion.V0_3);
            endpoints.put(AgentKey.of(target), endpoint);
            attempt = send(endpoint, request, skill, streaming, deadline, listener);
        }
        return attempt.result();
    }

    boolean cancel(AgentTarget target, String taskId, Deadline deadline) {
        A2aEndpoint endpoint = endpoint(target, deadline);
        var params = Json.mapper().createObjectNode().put("id", taskId);
        Rpc answer = rpc(endpoint, endpoint.version().cancel(), params, deadline);
        if (answer instanceof Rpc.Answered(JsonRpc.Response.Error error)
                && refusesVersion(error)
                && endpoint.version() == A2aVersion.V1_0) {
            endpoint = endpoint.with(A2aVersion.V0_3);
            endpoints.put(AgentKey.of(target), endpoint);
            answer = rpc(endpoint, endpoint.version().cancel(), params, deadline);
        }
        return switch (answer) {
            case Rpc.Answered(JsonRpc.Response.Result _) -> true;
            // Nothing the agent knows of is left to cancel.
            case Rpc.Answered(JsonRpc.Response.Error error) -> error.code() == TASK_NOT_FOUND;
            case Rpc.Failed _ -> false;
        };
    }

    /** Where to send: from the card (cached briefly), else the registered URL itself. */
    A2aEndpoint endpoint(AgentTarget target, Deadline deadline) {
        var key = AgentKey.of(target);
        A2aEndpoint known = endpoints.getIfPresent(key);
        if (known != null) {
            return known;
        }
        URI registered = URI.create(target.endpointUrl());
        for (String url : A2aDiscovery.cardUrls(registered)) {
            switch (http.get(url, V1_HEADERS, deadline)) {
                case Reply.Ok(var _, JsonNode card) when card.isObject() -> {
                    A2aEndpoint found = A2aDiscovery.choose(card, registered);
                    endpoints.put(key, found);
                    return found;
                }
                case Reply.Failed(CallError error) when error.kind() != Kind.BAD_RESPONSE -> {
                    // No answer now: call the URL as it is, and look again next time.
                    return A2aDiscovery.choose(null, registered);
                }
                default -> {
                    // Not here (404, not JSON): try the next place.
                }
            }
        }
        A2aEndpoint bare = A2aDiscovery.choose(null, registered);
        endpoints.put(key, bare);
        return bare;
    }

    // ---------------------------------------------------------------- sending

    private record Attempt(CallResult result, boolean versionRefused) {
        static Attempt of(CallResult result) {
            return new Attempt(result, false);
        }
    }

    private Attempt send(
            A2aEndpoint endpoint,
            CallRequest request,
            Skill skill,
            boolean streaming,
            Deadline deadline,
            CallListener listener) {
        long id = ids.incrementAndGet();
        var body =
                JsonRpc.request(
                        id,
                        endpoint.version().send(streaming),
                        A2aTranslator.sendParams(request, skill, endpoint.version()));
        var error = new AtomicReference<JsonRpc.Response.Error>();
        var stream = new A2aStream(endpoint.version(), listener);
        var blockingResult = new AtomicReference<JsonNode>();
        Reply reply =
                http.post(
                        endpoint.rpcUrl(),
                        body,
                        headers(endpoint.version()),
                        deadline,
                        document -> {
                            var response = JsonRpc.response(document, id, BadWire::new);
                            if (response.isEmpty()) {
                                JsonRpc.unaddressedError(document).ifPresent(error::set);
                                return error.get() == null;
                            }
                            switch (response.get()) {
                                case JsonRpc.Response.Error e -> {
                                    error.set(e);
                                    return false;
                                }
                                case JsonRpc.Response.Result(JsonNode result) -> {
                                    if (!streaming) {
                                        blockingResult.set(result);
                                        return false;
                                    }
                                    return !stream.apply(result);
                                }
                            }
                        });
        return switch (reply) {
            case Reply.Failed(CallError failure) ->
                    Attempt.of(streaming ? stream.failed(failure) : CallResult.failed(failure));
            case Reply.Status(int status, JsonNode errorBody) -> {
                var rpcError =
                        JsonRpc.unaddressedError(errorBody)
                                .or(() -> errorInResponse(errorBody, id));
                yield rpcError.isPresent()
                        ? rejected(rpcError.get())
                        : Attempt.of(
                                CallResult.failed(
                                        new CallError(
                                                Kind.BAD_RESPONSE,
                                                "the agent answered HTTP " + status)));
            }
            case Reply.Ok _ -> {
                if (error.get() != null) {
                    yield rejected(error.get());
                }
                if (streaming) {
                    yield Attempt.of(stream.result());
                }
                if (blockingResult.get() == null) {
                    yield Attempt.of(
                            CallResult.failed(
                                    new CallError(
                                            Kind.BAD_RESPONSE,
                                            "no JSON-RPC response with id " + id)));
                }
                yield Attempt.of(translated(blockingResult.get(), endpoint.version()));
            }
        };
    }

    private static Attempt rejected(JsonRpc.Response.Error error) {
        if (refusesVersion(error)) {
            return new Attempt(
                    CallResult.failed(A2aTranslator.error(error.code(), error.message())), true);
        }
        return Attempt.of(CallResult.failed(A2aTranslator.error(error.code(), error.message())));
    }

    private static boolean refusesVersion(JsonRpc.Response.Error error) {
        return error.code() == VERSION_NOT_SUPPORTED || error.code() == METHOD_NOT_FOUND;
    }

    private static CallResult translated(JsonNode result, A2aVersion version) {
        try {
            return A2aTranslator.result(result, version);
        } catch (BadWire e) {
            return CallResult.failed(new CallError(Kind.BAD_RESPONSE, e.getMessage()));
        }
    }

    private static java.util.Optional<JsonRpc.Response.Error> errorInResponse(
            JsonNode body, long id) {
        try {
            return JsonRpc.response(body, id, BadWire::new)
                    .filter(JsonRpc.Response.Error.class::isInstance)
                    .map(JsonRpc.Response.Error.class::cast);
        } catch (BadWire e) {
            return java.util.Optional.empty();
        }
    }

    // ---------------------------------------------------------------- other requests

    private sealed interface Rpc {
        record Answered(JsonRpc.Response response) implements Rpc {}

        record Failed(CallError error) implements Rpc {}
    }

    private Rpc rpc(A2aEndpoint endpoint, String method, JsonNode params, Deadline deadline) {
        long id = ids.incrementAndGet();
        var answer = new AtomicReference<JsonRpc.Response>();
        Reply reply =
                http.post(
                        endpoint.rpcUrl(),
                        JsonRpc.request(id, method, params),
                        headers(endpoint.version()),
                        deadline,
                        document -> {
                            JsonRpc.response(document, id, BadWire::new).ifPresent(answer::set);
                            return answer.get() == null;
                        });
        return switch (reply) {
            case Reply.Failed(CallError error) -> new Rpc.Failed(error);
            case Reply.Status(int status, JsonNode body) ->
                    errorInResponse(body, id)
                            .<Rpc>map(Rpc.Answered::new)
                            .orElseGet(
                                    () ->
                                            new Rpc.Failed(
                                                    new CallError(
                                                            Kind.BAD_RESPONSE,
                                                            "the agent answered HTTP " + status)));
            case Reply.Ok _ ->
                    answer.get() == null
                            ? new Rpc.Failed(
                                    new CallError(Kind.BAD_RESPONSE, "no JSON-RPC response"))
                            : new Rpc.Answered(answer.get());
        };
    }

    private static Map<String, String> headers(A2aVersion version) {
        // Without the header an A2A server must take the request as 0.3.
        return version == A2aVersion.V1_0 ? V1_HEADERS : Map.of();
    }
}
