package io.peerclaw.node.net;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.peerclaw.node.net.Destinations.Destination;
import io.peerclaw.node.net.Destinations.Refused;
import io.peerclaw.node.net.Destinations.Target;
import io.peerclaw.node.net.OutboundResult.BadStatus;
import io.peerclaw.node.net.OutboundResult.Failure;
import io.peerclaw.node.net.OutboundResult.Success;
import io.peerclaw.node.net.OutboundResult.TargetNotAllowed;
import io.peerclaw.node.net.OutboundResult.TimedOut;
import io.peerclaw.node.net.OutboundResult.TooLarge;
import io.peerclaw.node.net.OutboundResult.Unreachable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The node's one HTTP client for reaching URLs that others supplied (agent cards, endpoints to
 * verify or probe). It reaches public addresses only, unless {@code security.allowed_private_cidrs}
 * allows a private block on purpose, and it never throws for what the remote side does: every
 * outcome is an {@link OutboundResult}.
 *
 * <pre>{@code
 * switch (outbound.get("https://agent.example/card.json", Duration.ofSeconds(5), 4096)) {
 *     case Success ok -> use(ok.body());
 *     case Failure failed -> report(failed.code(), failed.detail());
 * }
 * }</pre>
 */
public final class OutboundHttp implements AutoCloseable {
    /*
     * How the refusals hold:
     * - Before any socket: the URL is parsed (Destinations); other schemes, credentials and missing hosts are
     *   refused, and an IP literal in any spelling a resolver accepts (2130706433, 0177.0.0.1,
     *   0x7f000001, [::ffff:127.0.0.1]) is judged by the policy.
     * - Names: CheckedResolver is the client's only resolver. It looks up once per connection,
     *   refuses the whole answer if any address is not permitted, and the connection operator
     *   connects to exactly those addresses. The Host header, SNI and certificate check still use
     *   the name. A pooled connection is reused only for the same name, and it leads to an address
     *   that was checked when it was opened.
     * - No detours: redirects are not followed (a 3xx is a BadStatus), no proxy is ever used
     *   (sockets are made with Proxy.NO_PROXY, so not even socksProxyHost applies), no retries, no
     *   cookies, no authentication, no protocol upgrade, no decompression.
     * - Bounded: each call has a deadline that cancels the exchange (closing its socket) wherever it
     *   is, including during connect and while reading; the lookup is bounded by the same deadline;
     *   the body is read up to the cap and the connection is dropped beyond it, never drained;
     *   headers are limited by count and line length.
     *
     * Why this file stays whole (a little over 500 lines): every request of every method goes
     * through the one guarded exchange below, and the guarantees above are reviewed together with
     * it; split, a reader would have to hold several files to check one of them.
     */

    /** The longest deadline a caller may ask for; longer asks are programming errors. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    /** The largest body cap a caller may ask for. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /** Ceilings for work outside any call's deadline; calls cut them shorter. */
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(10);

    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    /** How much of a non-2xx answer's body POSTs keep: protocol errors explain themselves there. */
    static final int ERROR_BODY_BYTES = 8 * 1024;

    private static final int MAX_HEADER_COUNT = 100;
    private static final int MAX_HEADER_LINE_BYTES = 8 * 1024;
    private static final long MAX_HEAD_BYTES = (long) MAX_HEADER_COUNT * MAX_HEADER_LINE_BYTES;

    /** Names the node and its build to the agents it calls. */
    static final String USER_AGENT = "PeerClaw-Node/" + io.peerclaw.shared.Version.current();

    /**
     * Sockets that never go through a proxy: a plain {@code new Socket()} would honour the JVM's
     * {@code socksProxyHost} and default proxy selector.
     */
    static final DetachedSocketFactory DIRECT_SOCKETS = _ -> new Socket(Proxy.NO_PROXY);

    private final AddressPolicy policy;
    private final Destinations destinations;
    private final HostLookup lookup;
    private final DetachedSocketFactory sockets;
    private final Pool pool;
    private final ScheduledThreadPoolExecutor deadlines;

    /**
     * Made at the first call: building it (TLS defaults, pool, connection factory) takes start-up
     * time that no first request needs, since most nodes fetch nothing in their first second.
     */
    private volatile CloseableHttpClient client;

    private volatile boolean closed;

    /**
     * How many connections the client keeps open at most, in all and to one host (scheme, name and
     * port).
     */
    public record Pool(int maxConnections, int maxPerHost) {
        /** Verification and probes touch many hosts, each lightly. */
        public static final Pool DEFAULT = new Pool(64, 4);

        public Pool {
            if (maxPerHost < 1 || maxConnections < maxPerHost) {
                throw new IllegalArgumentException(
                        "the pool needs at least one connection per host and no more per host than"
                                + " in all");
            }
        }
    }

    /** A client that resolves names with the platform resolver. */
    public static OutboundHttp create(AddressPolicy policy) {
        return create(policy, HostLookup.system());
    }

    /** A client with its own pool limits, such as a gateway's many calls to one agent. */
    public static OutboundHttp create(AddressPolicy policy, Pool pool) {
        return new OutboundHttp(policy, HostLookup.system(), DIRECT_SOCKETS, pool);
    }

    /** A client that resolves names with the given lookup (tests play hostile DNS with it). */
    public static OutboundHttp create(AddressPolicy policy, HostLookup lookup) {
        return new OutboundHttp(policy, lookup, DIRECT_SOCKETS, Pool.DEFAULT);
    }

    OutboundHttp(AddressPolicy policy, HostLookup lookup, DetachedSocketFactory sockets) {
        this(policy, lookup, sockets, Pool.DEFAULT);
    }

    OutboundHttp(
            AddressPolicy policy, HostLookup lookup, DetachedSocketFactory sockets, Pool pool) {
        this.policy = policy;
        this.destinations = new Destinations(policy);
        this.lookup = lookup;
        this.sockets = sockets;
        this.pool = pool;
        this.deadlines =
                new ScheduledThreadPoolExecutor(
                        1,
                        Thread.ofPlatform().name("peerclaw-outbound-deadline").daemon().factory());
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /** The pooled client, built on first use; throws once the client is closed. */
    private CloseableHttpClient client() {
        var built = client;
        if (built == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("this outbound HTTP client is closed");
                }
                built = client;
                if (built == null) {
                    built = build(policy, lookup, sockets, pool);
                    client = built;
                }
            }
        }
        return built;
    }

    private static CloseableHttpClient build(
            AddressPolicy policy, HostLookup lookup, DetachedSocketFactory sockets, Pool pool) {
        var tls =
                RegistryBuilder.<TlsSocketStrategy>create()
                        .register(URIScheme.HTTPS.id, DefaultClientTlsStrategy.createDefault())
                        .build();
        var operator =
                new DefaultHttpClientConnectionOperator(
                        sockets,
                        DefaultSchemePortResolver.INSTANCE,
                        new CheckedResolver(policy, lookup, LOOKUP_TIMEOUT),
                        tls);
        var connectionFactory =
                ManagedHttpClientConnectionFactory.builder()
                        .http1Config(
                                Http1Config.custom()
                                        .setMaxHeaderCount(MAX_HEADER_COUNT)
                                        .setMaxLineLength(MAX_HEADER_LINE_BYTES)
                                        .build())
                        .build();
        var connections =
                new PoolingHttpClientConnectionManager(
                        operator,
                        PoolConcurrencyPolicy.STRICT,
                        PoolReusePolicy.LIFO,
                        TimeValue.ofMinutes(5),
                        connectionFactory);
        connections.setMaxTotal(pool.maxConnections());
        connections.setDefaultMaxPerRoute(pool.maxPerHost());
        connections.setDefaultConnectionConfig(
                ConnectionConfig.custom()
                        .setConnectTimeout(CONNECT_TIMEOUT)
                        .setSocketTimeout(Timeout.ofMinutes(1))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build());
        connections.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build());
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableConnectionState()
                .setUserAgent(USER_AGENT)
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .build();
    }

    /**
     * GETs a URL.
     *
     * @param timeout the whole exchange's deadline: lookup, connect, TLS, waiting and reading
     * @param maxBodyBytes the largest body accepted; a longer one is {@link TooLarge}
     */
    public OutboundResult get(String url, Duration timeout, int maxBodyBytes) {
        return send("GET", url, null, Map.of(), timeout, maxBodyBytes, null);
    }

    /**
     * {@link #get(String, Duration, int)} with request headers a protocol needs, such as A2A's
     * {@code A2A-Version}; the same headers are refused as for {@link #postJson(String, byte[],
     * Map, Duration, int)}.
     */
    public OutboundResult get(
            String url, Map<String, String> headers, Duration timeout, int maxBodyBytes) {
        return send("GET", url, null, checked(headers), timeout, maxBodyBytes, null);
    }

    /**
     * POSTs a JSON document. It accepts JSON or an event stream in return, as MCP's streamable HTTP
     * transport requires of clients; either comes back as bytes. A non-2xx answer keeps the first 8
     * KiB of its body, where JSON protocols put their error.
     */
    public OutboundResult postJson(String url, byte[] json, Duration timeout, int maxBodyBytes) {
        return send("POST", url, json.clone(), Map.of(), timeout, maxBodyBytes, null);
    }

    /**
     * {@link #postJson(String, byte[], Duration, int)} with request headers a protocol needs, such
     * as MCP's {@code Mcp-Session-Id} and {@code MCP-Protocol-Version}. Headers that frame or route
     * the message ({@code Host}, {@code Content-Length}, {@code Connection}, ...) are the client's
     * own and refused.
     */
    public OutboundResult postJson(
            String url,
            byte[] json,
            Map<String, String> headers,
            Duration timeout,
            int maxBodyBytes) {
        return send("POST", url, json.clone(), checked(headers), timeout, maxBodyBytes, null);
    }

    /**
     * POSTs a JSON document and hands a 2xx answer's body to {@code reader} as it arrives, for
     * event streams (A2A and ACP streaming, MCP's answers). The guarantees stay those of every
     * call: the deadline covers the whole exchange including the reading (it closes the connection
     * under the reader, whose next read then fails), the body is capped at {@code maxBodyBytes}
     * (reading beyond fails), and a non-2xx answer is a {@link BadStatus} that the reader never
     * sees. A body the reader leaves unread drops the connection rather than draining it.
     *
     * @return a {@link Success} with an empty body once the reader returned, or why not; an
     *     exception the reader throws (other than from reading) propagates
     */
    public OutboundResult postStream(
            String url,
            byte[] json,
            Map<String, String> headers,
            Duration timeout,
            int maxBodyBytes,
            StreamReader reader) {
        java.util.Objects.requireNonNull(reader, "reader");
        return send("POST", url, json.clone(), checked(headers), timeout, maxBodyBytes, reader);
    }

    /** DELETEs a URL, as MCP clients end a session; a body in the answer may be 64 KiB. */
    public OutboundResult delete(String url, Map<String, String> headers, Duration timeout) {
        return send("DELETE", url, null, checked(headers), timeout, 64 * 1024, null);
    }

    /** Reads a 2xx answer's body while it arrives; see {@link #postStream}. */
    @FunctionalInterface
    public interface StreamReader {
        /**
         * @param head the status and headers (its body is empty)
         * @param body the body, ending where the answer ends; reading fails with an {@link
         *     IOException} when the deadline passes, the cap is exceeded or the connection breaks
         */
        void read(Success head, InputStream body) throws IOException;
    }

    /** Header names the client sets or forbids itself; a caller's value would confuse framing. */
    private static final java.util.Set<String> RESERVED_HEADERS =
            java.util.Set.of(
                    "host",
                    "content-length",
                    "content-type",
                    "transfer-encoding",
                    "connection",
                    "keep-alive",
                    "upgrade",
                    "te",
                    "trailer",
                    "expect",
                    "proxy-authorization",
                    "proxy-connection",
                    "user-agent");

    private static Map<String, String> checked(Map<String, String> headers) {
        headers.forEach(
                (name, value) -> {
                    if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                        throw new IllegalArgumentException("not a header name: " + name);
                    }
                    if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException(name + " is set by the client itself");
                    }
                    if (!value.matches("[\\x20-\\x7e\\t]*")) {
                        throw new IllegalArgumentException(
                                "the value of " + name + " must be visible ASCII");
                    }
                });
        return Map.copyOf(headers);
    }

    private OutboundResult send(
            String method,
            String url,
            byte[] json,
            Map<String, String> headers,
            Duration timeout,
            int maxBodyBytes,
            StreamReader reader) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "timeout must be above 0 and at most " + MAX_TIMEOUT);
        }
        if (maxBodyBytes < 0 || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be 0 to " + MAX_BODY_BYTES);
        }
        return switch (destination(url)) {
            case Refused refused -> refused.failure();
            case Target target ->
                    exchange(method, target, json, headers, timeout, maxBodyBytes, reader);
        };
    }

    private OutboundResult exchange(
            String method,
            Target target,
            byte[] json,
            Map<String, String> headers,
            Duration timeout,
            int maxBodyBytes,
            StreamReader reader) {
        // Built at the first call; a closed client throws here, before any timer is set.
        var http = client();
        var request = new HttpUriRequestBase(method, URI.create("/"));
        request.setPath(target.pathAndQuery());
        request.setConfig(
                RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .setContentCompressionEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .setExpectContinueEnabled(false)
                        .build());
        if (json != null) {
            request.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
            request.setHeader(HttpHeaders.ACCEPT, "application/json, text/event-stream");
        }
        headers.forEach(request::setHeader);
        long deadline = System.nanoTime() + timeout.toNanos();
        var expired = new AtomicBoolean();
        var alarm =
                deadlines.schedule(
                        () -> {
                            expired.set(true);
                            request.cancel();
                        },
                        timeout.toNanos(),
                        NANOSECONDS);
        // POSTs carry protocol messages, whose errors come in the body.
        int errorBodyBytes = json == null ? 0 : Math.min(ERROR_BODY_BYTES, maxBodyBytes);
        try {
            return ScopedValue.where(CheckedResolver.DEADLINE, deadline)
                    .call(() -> open(http, target, request, maxBodyBytes, errorBodyBytes, reader));
        } catch (CappedBody.Exceeded e) {
            return new TooLarge("body", maxBodyBytes);
        } catch (IOException e) {
            return expired.get() ? new TimedOut(timeout) : failure(e, timeout);
        } finally {
            alarm.cancel(false);
        }
    }

    private OutboundResult open(
            CloseableHttpClient http,
            Target target,
            HttpUriRequestBase request,
            int maxBodyBytes,
            int errorBodyBytes,
            StreamReader reader)
            throws IOException {
        ClassicHttpResponse response = http.executeOpen(target.host(), request, null);
        try {
            int status = response.getCode();
            if (status < 200 || status > 299) {
                return badStatus(response, request, errorBodyBytes);
            }
            return reader == null
                    ? read(response, request, maxBodyBytes)
                    : stream(response, request, maxBodyBytes, reader);
        } finally {
            try {
                response.close();
            } catch (IOException ignored) {
                // The outcome is known; a connection that fails to close is dropped anyway.
            }
        }
    }

    private static BadStatus badStatus(
            ClassicHttpResponse response, HttpUriRequestBase request, int errorBodyBytes)
            throws IOException {
        byte[] body = new byte[0];
        var entity = response.getEntity();
        if (entity != null && errorBodyBytes > 0) {
            body = entity.getContent().readNBytes(errorBodyBytes);
        }
        // Closing an unread body would read it to its end to keep the connection: drop it.
        request.cancel();
        return new BadStatus(response.getCode(), new String(body, StandardCharsets.UTF_8));
    }

    private static OutboundResult stream(
            ClassicHttpResponse response,
            HttpUriRequestBase request,
            int maxBodyBytes,
            StreamReader reader)
            throws IOException {
        var head = new Success(response.getCode(), headers(response), new byte[0]);
        var entity = response.getEntity();
        var body =
                new CappedBody(
                        entity == null ? InputStream.nullInputStream() : entity.getContent(),
                        maxBodyBytes);
        boolean finished = false;
        try {
            reader.read(head, body);
            finished = body.ended();
        } finally {
            if (finished) {
                body.close(); // at its end: the connection goes back to the pool
            } else {
                request.cancel(); // unread rest, or the reader failed: never drain
            }
        }
        return head;
    }

    private static OutboundResult read(
            ClassicHttpResponse response, HttpUriRequestBase request, int maxBodyBytes)
            throws IOException {
        int status = response.getCode();
        var entity = response.getEntity();
        byte[] body = new byte[0];
        if (entity != null) {
            if (entity.getContentLength() > maxBodyBytes) {
                request.cancel();
                return new TooLarge("body", maxBodyBytes);
            }
            InputStream in = entity.getContent();
            body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                request.cancel();
                return new TooLarge("body", maxBodyBytes);
            }
            // Reading past the end lets the connection return to the pool.
            in.close();
        }
        return new Success(status, headers(response), body);
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        var headers = new LinkedHashMap<String, List<String>>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(
                            header.getName().toLowerCase(Locale.ROOT), _ -> new ArrayList<>())
                    .add(header.getValue());
        }
        return headers;
    }

    private static Failure failure(IOException e, Duration timeout) {
        return switch (e) {
            case CheckedResolver.NotAllowed notAllowed ->
                    new TargetNotAllowed(notAllowed.getMessage());
            case CheckedResolver.LookupTimedOut _ -> new TimedOut(timeout);
            case UnknownHostException unknown ->
                    new Unreachable("no address found for " + unknown.getMessage());
            case InterruptedIOException _ -> new TimedOut(timeout);
            case SSLException tls -> new Unreachable("TLS failed: " + tls.getMessage());
            // Too many header lines, or one too long: the head is capped like the body.
            case MessageConstraintException _ -> new TooLarge("headers", MAX_HEAD_BYTES);
            default -> new Unreachable(String.valueOf(e.getMessage()));
        };
    }

    /** Where a URL leads, decided without any lookup or socket (see {@link Destinations}). */
    Destination destination(String url) {
        return destinations.of(url);
    }

    /**
     * Stops the connection pool and its timers. Calls in flight fail; later calls throw {@link
     * IllegalStateException}, as using a closed client is a wiring mistake.
     */
    @Override
    public void close() {
        CloseableHttpClient opened;
        synchronized (this) {
            closed = true;
            opened = client;
        }
        if (opened != null) {
            opened.close(CloseMode.GRACEFUL);
        }
        deadlines.shutdownNow();
    }
}
