package io.peerclaw.node.identity;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.RequestSignature;
import io.peerclaw.shared.model.AgentId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Establishes who sent a request.
 *
 * <p>A request signature proves possession of the key in {@code X-PeerClaw-PublicKey}; it is
 * accepted when the timestamp is within {@code auth.signature_max_skew} of the node's clock, the
 * nonce is new, the signature covers this exact method, path, query and body, and {@code
 * X-PeerClaw-Agent-ID} names the agent that key derives. Outside registration, the key must also be
 * the one registered for that agent, or the key of a card a provider posted for it: checking the
 * signature only finds that out, and {@link #authenticate} then confirms the card through {@link
 * PendingRegistrations}, the one write authentication makes (any request the key holder signs is
 * the proof). An agent bearer key must come with the agent id it belongs to. Every refusal is a 401
 * and an audit event; checks run cheapest first, and a nonce is remembered only once its signature
 * has verified.
 */
public final class Authenticator {
    private static final String PUBLIC_KEY = RequestSignature.HEADER_PUBLIC_KEY;
    private static final String SIGNATURE = RequestSignature.HEADER_SIGNATURE;
    private static final String TIMESTAMP = RequestSignature.HEADER_TIMESTAMP;
    private static final String NONCE = RequestSignature.HEADER_NONCE;
    private static final String AGENT_ID = RequestSignature.HEADER_AGENT_ID;

    private final KeyDirectory directory;
    private final PendingRegistrations pending;
    private final AgentKeys agentKeys;
    private final NonceCache nonces;
    private final Duration maxSkew;
    private final InstantSource clock;
    private final AuditLog audit;
    private final UserCredentials users;

    Authenticator(
            KeyDirectory directory,
            PendingRegistrations pending,
            AgentKeys agentKeys,
            NonceCache nonces,
            Duration maxSkew,
            InstantSource clock,
            AuditLog audit,
            UserCredentials users) {
        this.users = users;
        this.directory = directory;
        this.pending = pending;
        this.agentKeys = agentKeys;
        this.nonces = nonces;
        this.maxSkew = maxSkew;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Checks a registration: signed by the key being registered, which need not be known yet.
     * Bearer keys cannot register (registration is the proof of possession).
     */
    public SignedRequest proveKeyPossession(IncomingRequest req, byte[] body) {
        if (!req.headers().apply(SIGNATURE).isPresent()) {
            throw refuse(
                    null,
                    "registration must be signed by the key being registered"
                            + " (X-PeerClaw-Signature)");
        }
        return verifySignature(req, body, false).request();
    }

    /**
     * The caller, or {@link Caller#ANONYMOUS} when the request carries no credentials.
     *
     * @throws ApiException 401 when credentials are present but do not prove anything
     */
    public Caller authenticate(IncomingRequest req, byte[] body) {
        if (req.headers().apply(SIGNATURE).isPresent()) {
            SignedRequest signed = registeredSigner(req, body);
            return new Caller.Agent(signed.agentId(), Caller.Credential.SIGNATURE, null);
        }
        Optional<String> bearer = bearer(req);
        if (bearer.isPresent() && bearer.get().startsWith(AgentKeys.PREFIX)) {
            return authenticateKey(req, bearer.get());
        }
        if (bearer.isPresent()) {
            return checkUser(bearer.get());
        }
        return Caller.ANONYMOUS;
    }

    /**
     * The person whose access token or API key rides along with an agent's signed request (an agent
     * registering into its owner's account), or empty when there is none.
     *
     * @throws ApiException 401 when the bearer credential is present but not valid
     */
    public Optional<Caller.User> userAlongside(IncomingRequest req) {
        Optional<String> bearer = bearer(req);
        if (bearer.isEmpty() || bearer.get().startsWith(AgentKeys.PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(checkUser(bearer.get()));
    }

    /**
     * A signed-in person, or one of their API keys holding {@code scope}.
     *
     * @throws ApiException 401 without valid user credentials, 403 when the key lacks the scope
     */
    public Caller.User requireUser(IncomingRequest req, KeyScope scope) {
        Optional<String> bearer = bearer(req);
        if (bearer.isEmpty() || bearer.get().startsWith(AgentKeys.PREFIX)) {
            throw refuse(
                    null, "sign in first: send Authorization: Bearer <access token or pck_ key>");
        }
        Caller.User user = checkUser(bearer.get());
        if (!user.may(scope)) {
            throw ApiException.forbidden(
                    "this API key does not have the '" + scope.wire() + "' scope");
        }
        return user;
    }

    /**
     * A signed-in administrator. The role is read from storage, not from the token, so a demoted
     * admin loses access at once.
     */
    public Caller.User requireAdmin(IncomingRequest req, KeyScope scope) {
        Caller.User user = requireUser(req, scope);
        if (!isAdmin(user)) {
            throw ApiException.forbidden("this needs the admin role");
        }
        return user;
    }

    /**
     * Whether the user's stored role is admin now, for routes that serve owners and admins alike.
     */
    public boolean isAdmin(Caller.User user) {
        return users.currentRole(user.userId()).orElse(null) == UserRole.ADMIN;
    }

    private Caller.User checkUser(String token) {
        return switch (users.check(token)) {
            case UserCredentials.Check.Valid valid -> valid.user();
            case UserCredentials.Check.Invalid invalid -> throw refuse(null, invalid.reason());
        };
    }

    /**
     * The agent itself, proven by signature or (unless {@code signatureOnly}) by one of its keys.
     *
     * @throws ApiException 401 without valid credentials, 403 when they belong to someone else
     */
    public Caller.Agent requireAgent(
            IncomingRequest req, byte[] body, AgentId agent, boolean signatureOnly) {
        Caller caller = authenticate(req, body);
        return switch (caller) {
            case Caller.Anonymous anonymous ->
                    throw refuse(
                            agent,
                            "this route needs the agent's request signature"
                                    + (signatureOnly ? "" : " or one of its bearer keys"));
            case Caller.Agent self when self.id().equals(agent) -> {
                if (signatureOnly && !self.signed()) {
                    throw ApiException.forbidden(
                            "this route needs a request signature; a bearer key is not enough");
                }
                yield self;
            }
            case Caller.Agent other ->
                    throw ApiException.forbidden("only agent " + agent + " itself may do this");
            case Caller.User user ->
                    throw ApiException.forbidden(
                            "only agent "
                                    + agent
                                    + " itself may do this; its owner uses the provider routes");
        };
    }

    private Caller.Agent authenticateKey(IncomingRequest req, String key) {
        Optional<AgentId> claimed = req.header(AGENT_ID).flatMap(AgentId::parse);
        if (claimed.isEmpty()) {
            throw refuse(null, "a bearer key must be sent with X-PeerClaw-Agent-ID");
        }
        var owner = agentKeys.authenticate(key);
        if (owner.isEmpty() || !owner.get().agentId().equals(claimed.get())) {
            throw refuse(claimed.get(), "the bearer key is not valid for this agent");
        }
        if (directory.registeredKey(claimed.get()).isEmpty()) {
            throw refuse(claimed.get(), "agent " + claimed.get() + " is not registered");
        }
        return new Caller.Agent(claimed.get(), Caller.Credential.API_KEY, owner.get().keyId());
    }

    /** What a verified request signature proves about its key. */
    private sealed interface SignatureCheck {
        SignedRequest request();

        /** The key may act: the one registered for the agent, or any key for a registration. */
        record Accepted(SignedRequest request) implements SignatureCheck {}

        /** The key holder proved the key, but no agent is registered with it. */
        record UnregisteredKey(SignedRequest request) implements SignatureCheck {}
    }

    /**
     * The agent whose registered key signed the request. A key that is not registered may be the
     * one of a card a provider posted: this request, freshly signed by its holder, confirms it.
     */
    private SignedRequest registeredSigner(IncomingRequest req, byte[] body) {
        return switch (verifySignature(req, body, true)) {
            case SignatureCheck.Accepted accepted -> accepted.request();
            case SignatureCheck.UnregisteredKey unregistered -> {
                if (!pending.confirm(unregistered.request())) {
                    throw refuse(
                            unregistered.request().agentId(),
                            "the key is not registered; register the agent first");
                }
                yield unregistered.request();
            }
        };
    }

    /** Checks the signature headers against the request; changes nothing but the nonce memory. */
    private SignatureCheck verifySignature(
            IncomingRequest req, byte[] body, boolean mustBeRegistered) {
        String keyText = required(req, PUBLIC_KEY);
        String signatureText = required(req, SIGNATURE);
        String timestampText = required(req, TIMESTAMP);
        String nonce = required(req, NONCE);
        Optional<String> claimedId = req.header(AGENT_ID);
        if (mustBeRegistered && claimedId.isEmpty()) {
            throw refuse(null, "X-PeerClaw-Agent-ID is required");
        }
        Ed25519.PublicKey key =
                Ed25519.PublicKey.ofBase64(keyText)
                        .orElseThrow(
                                () ->
                                        refuse(
                                                null,
                                                "X-PeerClaw-PublicKey is not a base64 Ed25519"
                                                        + " public key"));
        AgentId agent = AgentId.of(key);
        byte[] signature =
                Encoding.fromBase64(signatureText)
                        .filter(bytes -> bytes.length == Ed25519.SIGNATURE_BYTES)
                        .orElseThrow(
                                () ->
                                        refuse(
                                                agent,
                                                "X-PeerClaw-Signature is not a base64 64-byte"
                                                        + " signature"));
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampText);
        } catch (NumberFormatException e) {
            throw refuse(agent, "X-PeerClaw-Timestamp is not unix seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > maxSkew.toSeconds()) {
            throw refuse(
                    agent,
                    "X-PeerClaw-Timestamp is "
                            + skew
                            + " s away from the node's clock (at most "
                            + maxSkew.toSeconds()
                            + " s allowed)");
        }
        if (!RequestSignature.isWellFormedNonce(nonce)) {
            throw refuse(agent, "X-PeerClaw-Nonce must be 16 to 64 characters of [A-Za-z0-9_-]");
        }
        if (claimedId.isPresent() && !claimedId.get().equals(agent.value())) {
            throw refuse(agent, "X-PeerClaw-Agent-ID is not the id of X-PeerClaw-PublicKey");
        }
        byte[] message =
                RequestSignature.message(req.method(), req.pathAndQuery(), timestamp, nonce, body);
        if (!key.verify(message, signature)) {
            throw refuse(agent, "the signature does not match this request");
        }
        boolean registered = true;
        if (mustBeRegistered) {
            var registeredKey = directory.registeredKey(agent);
            registered = registeredKey.isPresent();
            if (registered && !registeredKey.get().equals(key)) {
                throw refuse(agent, "the key is not the one registered for this agent");
            }
        }
        if (!nonces.firstUse(agent.value(), nonce)) {
            throw refuse(
                    agent, "X-PeerClaw-Nonce was already used; every request needs a fresh nonce");
        }
        var request = new SignedRequest(agent, key);
        return registered
                ? new SignatureCheck.Accepted(request)
                : new SignatureCheck.UnregisteredKey(request);
    }

    private String required(IncomingRequest req, String name) {
        return req.header(name).orElseThrow(() -> refuse(null, name + " is missing"));
    }

    private static Optional<String> bearer(IncomingRequest req) {
        return req.header("Authorization")
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip());
    }

    private ApiException refuse(AgentId agent, String reason) {
        audit.recordThrottled(
                AuditEvent.AUTH_FAILED,
                agent == null ? null : agent.value(),
                AuditLog.details("reason", reason));
        return ApiException.unauthenticated(reason);
    }
}
