package io.peerclaw.node.signaling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helidon.websocket.WsSession;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.contacts.ContactBook;
import io.peerclaw.node.contacts.ContactEvents;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.KeyDirectory;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.json.JsonReadException;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Contacts.ContactRequest;
import io.peerclaw.shared.protocol.api.Contacts.ContactRequestCreate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What happens on a signaling socket: the challenge and its answer, then every frame checked (size,
 * rate, JSON, type, recipient, contacts) before it is relayed with {@code from} set to the socket's
 * agent. Refused frames get a {@code signaling_error} and go nowhere; a socket that keeps sending
 * them, floods, or sends oversize frames is closed.
 */
final class SignalingRelay implements ContactEvents {
    private static final System.Logger LOG = System.getLogger(SignalingRelay.class.getName());

    /** The largest frame, in characters (the WebSocket layer caps bytes at the same figure). */
    static final int MAX_FRAME = 64 * 1024;

    /** Refused frames a socket may send before it is closed. */
    static final int MAX_ERRORS = 20;

    static final Duration CHALLENGE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MAX_SKEW = Duration.ofSeconds(300);
    static final Duration PING_INTERVAL = Duration.ofSeconds(30);
    static final Duration IDLE_LIMIT = Duration.ofSeconds(90);

    /** What the agent signs to answer the challenge. */
    static final String CHALLENGE_SCHEME = "PEERCLAW-WS-V1";

    /** The most frames kept for one agent that is not connected, and for how long at most. */
    static final int MAILBOX_FRAMES = 100;

    static final Duration MAILBOX_LONGEST = Duration.ofDays(7);

    static final int POLICY_VIOLATION = 1008;
    static final int TOO_BIG = 1009;

    private final SignalingHub hub;
    private final AgentReads agents;
    private final KeyDirectory keys;
    private final ContactBook contacts;
    private final IceServers iceServers;
    private final InstantSource clock;
    private final LongSupplier nanos;
    private final RandomGenerator random;
    private final ScheduledExecutorService timers;
    private final AuditLog audit;
    private final MailboxStore mailbox;
    private final long mailboxMaxBytes;

    /**
     * Upgrades whose request already proved the agent's key, by connection: the gate records them,
     * the socket claims its entry when it opens. Keyed by the client's WebSocket key and address,
     * so no other connection can claim it.
     */
    private final Cache<String, AgentId> preAuthenticated =
            Caffeine.newBuilder()
                    .expireAfterWrite(Duration.ofSeconds(30))
                    .maximumSize(100_000)
                    .build();

    SignalingRelay(
            SignalingHub hub,
            AgentReads agents,
            KeyDirectory keys,
            ContactBook contacts,
            IceServers iceServers,
            InstantSource clock,
            LongSupplier nanos,
            RandomGenerator random,
            ScheduledExecutorService timers,
            AuditLog audit,
            MailboxStore mailbox,
            long mailboxMaxBytes) {
        this.hub = hub;
        this.agents = agents;
        this.keys = keys;
        this.contacts = contacts;
        this.iceServers = iceServers;
        this.clock = clock;
        this.nanos = nanos;
        this.random = random;
        this.timers = timers;
        this.audit = audit;
        this.mailbox = mailbox;
        this.mailboxMaxBytes = mailboxMaxBytes;
    }

    static String connectionKey(String webSocketKey, String remoteAddress) {
        return webSocketKey + "|" + remoteAddress;
    }

    void preAuthenticated(String connectionKey, AgentId agent) {
        preAuthenticated.put(connectionKey, agent);
    }

    /** A socket opened after the gate admitted it. */
    Peer opened(WsSession session, AgentId agent, String connectionKey) {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        var peer = new Peer(agent, session, Encoding.hex(nonce), nanos.getAsLong());
        hub.opened(peer);
        AgentId proven = preAuthenticated.asMap().remove(connectionKey);
        if (agent.equals(proven)) {
            authenticated(peer);
            return peer;
        }
        var challenge = new LinkedHashMap<String, Object>();
        challenge.put("type", "challenge");
        challenge.put("nonce", peer.nonce());
        challenge.put("timestamp", clock.instant().getEpochSecond());
        peer.send(Json.text(challenge));
        timers.schedule(
                () -> {
                    if (!peer.authenticated() && !peer.closed()) {
                        peer.close(POLICY_VIOLATION, "no answer to the challenge within 5 s");
                        hub.closed(peer);
                    }
                },
                CHALLENGE_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        return peer;
    }

    void closed(Peer peer) {
        hub.closed(peer);
    }

    void heard(Peer peer) {
        peer.heard(nanos.getAsLong());
    }

    /** A text fragment arrived. */
    void received(Peer peer, String fragment, boolean last) {
        if (peer.closed()) {
            return; // frames still buffered after the node closed the socket go nowhere
        }
        long now = nanos.getAsLong();
        peer.heard(now);
        String text;
        try {
            text = peer.assemble(fragment, last, MAX_FRAME);
        } catch (Peer.FrameTooLarge e) {
            close(peer, TOO_BIG, "frames are limited to 64 KiB");
            return;
        }
        if (text == null) {
            return;
        }
        if (!peer.spend(now)) {
            close(peer, POLICY_VIOLATION, "rate limit exceeded: 10 frames/s, bursts of 20");
            return;
        }
        IncomingFrame frame;
        try {
            frame = parse(text);
        } catch (JsonReadException e) {
            if (peer.authenticated()) {
                refuse(peer, "invalid_json", "the frame is not a JSON signal: " + e.getMessage());
            } else {
                close(peer, POLICY_VIOLATION, "the challenge was not answered");
            }
            return;
        }
        if (!peer.authenticated()) {
            answer(peer, frame);
            return;
        }
        relay(peer, frame);
    }

    // ------------------------------------------------------------------ the challenge

    private void answer(Peer peer, IncomingFrame frame) {
        Optional<String> wrong = checkAnswer(peer, frame);
        if (wrong.isPresent()) {
            audit.recordThrottled(
                    AuditEvent.AUTH_FAILED,
                    peer.agent().value(),
                    AuditLog.details("via", "signaling challenge", "reason", wrong.get()));
            close(peer, POLICY_VIOLATION, wrong.get());
            return;
        }
        authenticated(peer);
    }

    private Optional<String> checkAnswer(Peer peer, IncomingFrame frame) {
        if (!"auth".equals(frame.type())) {
            return Optional.of("answer the challenge first (type auth)");
        }
        if (!peer.agent().value().equals(frame.agentId())) {
            return Optional.of("agent_id is not this socket's agent");
        }
        if (!peer.nonce().equals(frame.nonce())) {
            return Optional.of("the nonce is not this socket's challenge");
        }
        if (!(frame.timestamp() instanceof Number number)
                || number.doubleValue() != number.longValue()) {
            return Optional.of("timestamp must be unix seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - number.longValue());
        if (skew > MAX_SKEW.toSeconds()) {
            return Optional.of("timestamp is more than 300 s off the node's clock");
        }
        Optional<byte[]> signature =
                Optional.ofNullable(frame.signature()).flatMap(Encoding::fromBase64);
        if (signature.isEmpty()) {
            return Optional.of("signature must be base64");
        }
        // The registered key, never one the frame brings.
        var key = keys.registeredKey(peer.agent());
        var agent = agents.managedAgent(peer.agent());
        if (key.isEmpty() || agent.isEmpty() || agent.get().stewardship().suspended()) {
            return Optional.of("agent " + peer.agent() + " may not connect");
        }
        byte[] signed =
                (CHALLENGE_SCHEME
                                + "\n"
                                + peer.agent().value()
                                + "\n"
                                + peer.nonce()
                                + "\n"
                                + number.longValue())
                        .getBytes(StandardCharsets.UTF_8);
        if (!key.get().verify(signed, signature.get())) {
            return Optional.of("the signature does not verify with the agent's registered key");
        }
        return Optional.empty();
    }

    private void authenticated(Peer peer) {
        peer.authenticate();
        hub.authenticated(peer);
        peer.send(Json.text(Map.of("type", "authenticated", "agent_id", peer.agent().value())));
        var servers = iceServers.forAgent(peer.agent());
        if (!servers.isEmpty()) {
            peer.send(
                    Json.text(
                            new SignalMessage(
                                    SignalType.CONFIG.wire(),
                                    "server",
                                    peer.agent().value(),
                                    null,
                                    null,
                                    now(),
                                    servers,
                                    null,
                                    null,
                                    null)));
        }
        deliverMailbox(peer.agent());
    }

    /** Sends what was kept for the agent while it was away, oldest first. */
    private void deliverMailbox(AgentId agent) {
        for (String frame : mailbox.take(agent.value(), clock.instant())) {
            if (!hub.deliver(agent, frame)) {
                // Gone again between taking and sending: keep it for the next time.
                Instant now = clock.instant();
                mailbox.keep(
                        agent.value(),
                        frame,
                        frame.length(),
                        now,
                        now.plus(MAILBOX_LONGEST),
                        Integer.MAX_VALUE,
                        Long.MAX_VALUE);
            }
        }
    }

    /** Deletes kept frames whose time is up; run every hour. */
    void purgeMailbox() {
        try {
            mailbox.purge(clock.instant());
        } catch (RuntimeException e) {
            // The next run tries again; a scheduled task that throws would never run again.
            LOG.log(System.Logger.Level.WARNING, "purging the signaling mailbox failed", e);
        }
    }

    // ------------------------------------------------------------------ relaying

    private void relay(Peer peer, IncomingFrame frame) {
        Optional<SignalType> known = SignalType.of(frame.type());
        if (known.isEmpty()) {
            refuse(peer, "unknown_type", "'" + frame.type() + "' is not a signal type");
            return;
        }
        SignalType type = known.get();
        if (!type.fromClients()) {
            refuse(
                    peer,
                    "server_only_type",
                    "'" + type.wire() + "' frames come from the node only");
            return;
        }
        if (frame.timestamp() != null && !validTime(frame.timestamp())) {
            refuse(peer, "invalid_frame", "timestamp must be RFC 3339 text");
            return;
        }
        if (type == SignalType.PING) {
            peer.send(
                    Json.text(
                            SignalMessage.fromServer(
                                    SignalType.PONG, peer.agent().value(), null, now())));
            return;
        }
        Optional<AgentId> to = Optional.ofNullable(frame.to()).flatMap(AgentId::parse);
        if (to.isEmpty()) {
            refuse(
                    peer,
                    "missing_recipient",
                    "'" + type.wire() + "' needs to: the recipient's agent id");
            return;
        }
        if (type == SignalType.CONTACT_REQUEST) {
            askToBeListed(peer, to.get(), frame.payload());
            return;
        }
        if (!contacts.allows(peer.agent(), to.get())) {
            refuse(peer, "not_in_contacts", "the recipient has not added you as a contact");
            return;
        }
        var message =
                new SignalMessage(
                        type.wire(),
                        peer.agent().value(),
                        to.get().value(),
                        frame.sdp(),
                        frame.candidate(),
                        frame.timestamp() == null ? now() : (String) frame.timestamp(),
                        frame.iceServers(),
                        frame.x25519PublicKey(),
                        frame.dtlsFingerprint(),
                        frame.payload());
        String text = Json.text(message);
        if (hub.deliver(to.get(), text)) {
            return;
        }
        if (type != SignalType.BRIDGE_MESSAGE && type != SignalType.MAILBOX_WAKEUP) {
            refuse(peer, "not_connected", "agent " + to.get() + " is not connected");
            return;
        }
        Instant now = clock.instant();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (!mailbox.keep(
                to.get().value(),
                text,
                bytes,
                now,
                now.plus(keptFor(frame.payload())),
                MAILBOX_FRAMES,
                mailboxMaxBytes)) {
            refuse(
                    peer,
                    "mailbox_full",
                    "agent "
                            + to.get()
                            + " is not connected and its mailbox is full ("
                            + MAILBOX_FRAMES
                            + " frames or signaling.mailbox.max_bytes)");
            return;
        }
        if (hub.isLive(to.get())) {
            // It authenticated while this frame was being kept: it would wait until next time.
            deliverMailbox(to.get());
        }
    }

    /** A {@code contact_request} frame: the same request as the route makes. */
    private void askToBeListed(Peer peer, AgentId to, Object payload) {
        String message =
                payload instanceof Map<?, ?> map && map.get("message") instanceof String text
                        ? text
                        : null;
        try {
            contacts.ask(peer.agent(), new ContactRequestCreate(to.value(), message), null);
        } catch (ApiException e) {
            refuse(peer, e.code().code(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ the node's pushes

    @Override
    public void requested(ContactRequest request) {
        AgentId.parse(request.toAgentId())
                .ifPresent(
                        to ->
                                hub.deliver(
                                        to,
                                        Json.text(
                                                new SignalMessage(
                                                        SignalType.CONTACT_REQUEST.wire(),
                                                        request.fromAgentId(),
                                                        request.toAgentId(),
                                                        null,
                                                        null,
                                                        now(),
                                                        null,
                                                        null,
                                                        null,
                                                        request))));
    }

    @Override
    public void approved(ContactRequest request) {
        pushContactAdded(request.fromAgentId(), request.toAgentId());
        pushContactAdded(request.toAgentId(), request.fromAgentId());
    }

    private void pushContactAdded(String to, String other) {
        AgentId.parse(to)
                .ifPresent(
                        agent ->
                                hub.deliver(
                                        agent,
                                        Json.text(
                                                SignalMessage.fromServer(
                                                        SignalType.CONTACT_ADDED,
                                                        to,
                                                        Map.of("agent_id", other),
                                                        now()))));
    }

    // ------------------------------------------------------------------ helpers

    /** The frame as an object; JSON that is malformed, not an object or of wrong kinds throws. */
    private static IncomingFrame parse(String text) {
        IncomingFrame frame;
        try {
            frame = Json.read(text, IncomingFrame.class);
        } catch (IllegalArgumentException e) {
            throw new JsonReadException("frame", e.getMessage());
        }
        if (frame == null) {
            throw new JsonReadException("frame", "must be a JSON object");
        }
        return frame;
    }

    private void refuse(Peer peer, String code, String message) {
        peer.send(
                Json.text(
                        SignalMessage.fromServer(
                                SignalType.SIGNALING_ERROR,
                                peer.agent().value(),
                                Map.of("error", code, "message", message),
                                now())));
        if (peer.refused() >= MAX_ERRORS) {
            close(peer, POLICY_VIOLATION, MAX_ERRORS + " refused frames");
        }
    }

    private void close(Peer peer, int code, String reason) {
        LOG.log(
                System.Logger.Level.DEBUG,
                () -> "closing the signaling socket of " + peer.agent() + ": " + reason);
        peer.close(code, reason);
        hub.closed(peer);
    }

    /** The envelope's {@code ttl} in seconds when it has one, at most seven days. */
    static Duration keptFor(Object payload) {
        if (payload instanceof Map<?, ?> envelope
                && envelope.get("ttl") instanceof Number ttl
                && ttl.longValue() > 0) {
            Duration wanted = Duration.ofSeconds(ttl.longValue());
            return wanted.compareTo(MAILBOX_LONGEST) < 0 ? wanted : MAILBOX_LONGEST;
        }
        return MAILBOX_LONGEST;
    }

    private static boolean validTime(Object timestamp) {
        if (!(timestamp instanceof String text)) {
            return false;
        }
        try {
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * The registry changed an agent: a suspended or deregistered agent loses its socket at once,
     * not at its next reconnect.
     */
    void agentChanged(AgentId agent, boolean gone) {
        if (gone) {
            hub.drop(agent, POLICY_VIOLATION, "the agent was deregistered");
            return;
        }
        if (hub.isLive(agent)
                && agents.managedAgent(agent).map(a -> a.stewardship().suspended()).orElse(true)) {
            hub.drop(agent, POLICY_VIOLATION, "the agent was suspended");
        }
    }

    /** Pings every socket and closes the silent ones; run every 30 s. */
    void keepAlive() {
        hub.keepAlive(nanos.getAsLong(), IDLE_LIMIT.toNanos());
    }

    void closeAll() {
        hub.closeAll();
    }
}
