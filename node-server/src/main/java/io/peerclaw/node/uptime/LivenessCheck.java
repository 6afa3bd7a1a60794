package io.peerclaw.node.uptime;

import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.net.OutboundResult;
import io.peerclaw.node.net.OutboundResult.Failure;
import io.peerclaw.node.net.OutboundResult.Success;
import io.peerclaw.node.net.ServerSentEvents;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.Protocol;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Each protocol's cheapest call that shows an agent answering, made through the SSRF-safe client
 * within one deadline for the whole exchange:
 *
 * <ul>
 *   <li>A2A: {@code GET /.well-known/agent-card.json} at the endpoint's origin (and, when that is
 *       404, relative to the endpoint as the A2A JS SDK resolves it); up when it is a JSON object
 *       with a {@code name}.
 *   <li>MCP: {@code initialize}, {@code notifications/initialized}, then {@code ping} on the
 *       endpoint with the session and protocol version headers; answers may be JSON or an event
 *       stream; up when {@code ping} has a {@code result}. The session is then ended ({@code
 *       DELETE}).
 *   <li>ACP: {@code GET {endpoint}/ping}; up when it is a JSON object.
 *   <li>No protocol: {@code GET} of the endpoint; up on any 2xx.
 * </ul>
 *
 * Anything else (no answer, a non-2xx status, a malformed body, the deadline) is down.
 */
final class LivenessCheck {
    static final String MCP_PROTOCOL_VERSION = "2025-11-25";
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final String CARD_PATH = ".well-known/agent-card.json";

    /** No protocol declared: a plain GET. */
    static final String PLAIN = "http";

    private static final Duration SESSION_END_BUDGET = Duration.ofSeconds(1);

    private static final byte[] INITIALIZE =
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                            + "\"protocolVersion\":\""
                            + MCP_PROTOCOL_VERSION
                            + "\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"peerclaw-probe\",\"version\":\"1\"}}}")
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] INITIALIZED =
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] PING =
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

    /**
     * What a check found.
     *
     * @param protocol {@code a2a}, {@code mcp}, {@code acp}, or {@code http} for a plain GET
     * @param detail null when up; otherwise {@code code: sentence}
     */
    record Verdict(boolean up, String protocol, String detail) {
        static Verdict up(String protocol) {
            return new Verdict(true, protocol, null);
        }

        static Verdict down(String protocol, String code, String sentence) {
            return new Verdict(false, protocol, code + ": " + sentence);
        }

        static Verdict down(String protocol, Failure failure) {
            return down(protocol, failure.code(), failure.detail());
        }

        static Verdict malformed(String protocol, String sentence) {
            return down(protocol, "malformed", sentence);
        }
    }

    private final OutboundHttp http;

    LivenessCheck(OutboundHttp http) {
        this.http = http;
    }

    /** Checks the endpoint with the protocol's call ({@code protocol} empty: a plain GET). */
    Verdict check(Optional<Protocol> protocol, String endpointUrl, Duration timeout) {
        String name = protocol.map(Protocol::wireName).orElse(PLAIN);
        URI endpoint;
        try {
            endpoint = new URI(endpointUrl);
        } catch (URISyntaxException e) {
            return Verdict.down(name, "bad_url", "the endpoint is not a valid URL");
        }
        if (endpoint.getScheme() == null || endpoint.getRawAuthority() == null) {
            return Verdict.down(name, "bad_url", "the endpoint is not an absolute http(s) URL");
        }
        var budget = new Budget(timeout);
        if (protocol.isEmpty()) {
            return plain(endpointUrl, budget);
        }
        return switch (protocol.get()) {
            case A2A -> a2a(endpoint, budget);
            case MCP -> mcp(endpointUrl, budget);
            case ACP -> acp(endpoint, budget);
        };
    }

    // ---------------------------------------------------------------- protocols

    private Verdict a2a(URI endpoint, Budget budget) {
        String name = Protocol.A2A.wireName();
        String atOrigin = origin(endpoint) + "/" + CARD_PATH;
        OutboundResult answer = get(atOrigin, budget);
        String path = endpoint.getRawPath();
        if (answer instanceof OutboundResult.BadStatus(int status, _)
                && status == 404
                && path != null
                && !path.isEmpty()
                && !path.equals("/")) {
            // The JS SDK resolves the card path against the URL it is given, path included.
            String relative = endpoint.resolve(CARD_PATH).toString();
            if (!relative.equals(atOrigin)) {
                answer = get(relative, budget);
            }
        }
        return switch (answer) {
            case Failure failure -> Verdict.down(name, failure);
            case Success ok ->
                    object(ok.body())
                                    .filter(
                                            card ->
                                                    card.get("name") instanceof String cardName
                                                            && !cardName.isBlank())
                                    .isPresent()
                            ? Verdict.up(name)
                            : Verdict.malformed(
                                    name, "the agent card is not a JSON object with a name");
        };
    }

    private Verdict mcp(String url, Budget budget) {
        String name = Protocol.MCP.wireName();
        OutboundResult initialized = post(url, INITIALIZE, Map.of(), budget);
        if (!(initialized instanceof Success init)) {
            return Verdict.down(name, (Failure) initialized);
        }
        var initResult = rpcResult(init, 1);
        if (initResult instanceof Rpc.Problem(String problem)) {
            return Verdict.malformed(name, "initialize: " + problem);
        }
        Optional<String> session = init.header("mcp-session-id");
        if (session.isPresent() && !session.get().matches("[\\x21-\\x7e]+")) {
            return Verdict.malformed(name, "the Mcp-Session-Id is not visible ASCII");
        }
        var headers = new LinkedHashMap<String, String>();
        session.ifPresent(id -> headers.put("Mcp-Session-Id", id));
        headers.put("MCP-Protocol-Version", negotiated(((Rpc.Result) initResult).result()));
        try {
            OutboundResult notified = post(url, INITIALIZED, headers, budget);
            if (notified instanceof Failure failure) {
                return Verdict.down(name, failure);
            }
            OutboundResult pinged = post(url, PING, headers, budget);
            return switch (pinged) {
                case Failure failure -> Verdict.down(name, failure);
                case Success ok ->
                        switch (rpcResult(ok, 2)) {
                            case Rpc.Result _ -> Verdict.up(name);
                            case Rpc.Problem(String problem) ->
                                    Verdict.malformed(name, "ping: " + problem);
                        };
            };
        } finally {
            if (session.isPresent()) {
                // Good manners: the server may free the session now. Its answer changes nothing.
                http.delete(url, headers, SESSION_END_BUDGET);
            }
        }
    }

    private Verdict acp(URI endpoint, Budget budget) {
        String name = Protocol.ACP.wireName();
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return switch (get(origin(endpoint) + path + "/ping", budget)) {
            case Failure failure -> Verdict.down(name, failure);
            case Success ok ->
                    object(ok.body()).isPresent()
                            ? Verdict.up(name)
                            : Verdict.malformed(name, "GET /ping did not answer a JSON object");
        };
    }

    private Verdict plain(String url, Budget budget) {
        return switch (get(url, budget)) {
            case Success _ -> Verdict.up(PLAIN);
            // A 2xx whose body is longer than we read is an answer all the same.
            case OutboundResult.TooLarge tooLarge when tooLarge.part().equals("body") ->
                    Verdict.up(PLAIN);
            case Failure failure -> Verdict.down(PLAIN, failure);
        };
    }

    // ---------------------------------------------------------------- JSON-RPC answers

    sealed interface Rpc {
        record Result(Map<?, ?> result) implements Rpc {}

        record Problem(String problem) implements Rpc {}
    }

    /**
     * The {@code result} object of the JSON-RPC response with this id, read from a JSON body or
     * from the {@code message} events of an event stream.
     */
    static Rpc rpcResult(Success answer, int id) {
        String type = answer.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        List<String> messages =
                type.startsWith("text/event-stream")
                        ? events(new String(answer.body(), StandardCharsets.UTF_8))
                        : List.of(new String(answer.body(), StandardCharsets.UTF_8));
        for (String message : messages) {
            Optional<Map<?, ?>> parsed = object(message.getBytes(StandardCharsets.UTF_8));
            if (parsed.isEmpty()) {
                continue;
            }
            var response = parsed.get();
            if (!"2.0".equals(response.get("jsonrpc"))
                    || !(response.get("id") instanceof Number number)
                    || number.doubleValue() != id) {
                continue;
            }
            if (response.get("result") instanceof Map<?, ?> result) {
                return new Rpc.Result(result);
            }
            if (response.get("error") instanceof Map<?, ?> error) {
                return new Rpc.Problem(
                        "answered error " + error.get("code") + " " + error.get("message"));
            }
            return new Rpc.Problem("the response has neither result nor error");
        }
        return new Rpc.Problem("no JSON-RPC response with id " + id + " in the answer");
    }

    /**
     * The data of each {@code message} event (or event without a type) of an event stream; events
     * without data (a priming event, a keep-alive) are skipped, as browsers skip them.
     */
    static List<String> events(String stream) {
        return ServerSentEvents.parse(stream).stream()
                .filter(ServerSentEvents.Event::isMessage)
                .map(ServerSentEvents.Event::data)
                .toList();
    }

    private static String negotiated(Map<?, ?> initializeResult) {
        return initializeResult.get("protocolVersion") instanceof String version
                        && version.matches("[\\x21-\\x7e]{1,64}")
                ? version
                : MCP_PROTOCOL_VERSION;
    }

    private static Optional<Map<?, ?>> object(byte[] json) {
        try {
            return Json.read(json, Object.class) instanceof Map<?, ?> map
                    ? Optional.of(map)
                    : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- requests

    private OutboundResult get(String url, Budget budget) {
        return budget.left()
                .map(left -> http.get(url, left, MAX_BODY_BYTES))
                .orElseGet(budget::spent);
    }

    private OutboundResult post(
            String url, byte[] json, Map<String, String> headers, Budget budget) {
        return budget.left()
                .map(left -> http.postJson(url, json, headers, left, MAX_BODY_BYTES))
                .orElseGet(budget::spent);
    }

    private static String origin(URI endpoint) {
        return endpoint.getScheme().toLowerCase(Locale.ROOT) + "://" + endpoint.getRawAuthority();
    }

    /** One deadline shared by every request of a check. */
    private static final class Budget {
        private final Duration total;
        private final long deadline;

        Budget(Duration total) {
            this.total = total;
            this.deadline = System.nanoTime() + total.toNanos();
        }

        Optional<Duration> left() {
            long left = deadline - System.nanoTime();
            return left <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(left));
        }

        OutboundResult spent() {
            return new OutboundResult.TimedOut(total);
        }
    }
}
