package io.peerclaw.node.signaling;

import java.util.List;

/**
 * A frame as an agent sends it: a signal ({@link SignalMessage}'s fields) or the answer to the
 * node's challenge ({@code type: "auth"} with {@code agent_id, nonce, timestamp, signature}). The
 * two use {@code timestamp} differently (RFC 3339 text in signals, unix seconds in the answer).
 */
record IncomingFrame(
        String type,
        String from,
        String to,
        String sdp,
        Object candidate,
        Object timestamp,
        List<SignalMessage.IceServer> iceServers,
        String x25519PublicKey,
        String dtlsFingerprint,
        Object payload,
        String agentId,
        String nonce,
        String signature) {}
