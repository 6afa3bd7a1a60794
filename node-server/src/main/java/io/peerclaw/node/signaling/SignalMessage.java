package io.peerclaw.node.signaling;

import java.util.List;

/**
 * One frame, upstream's {@code SignalMessage}: {@code timestamp} is RFC 3339 text; {@code
 * candidate} and {@code payload} are relayed as the sender wrote them (any JSON value).
 */
record SignalMessage(
        String type,
        String from,
        String to,
        String sdp,
        Object candidate,
        String timestamp,
        List<IceServer> iceServers,
        String x25519PublicKey,
        String dtlsFingerprint,
        Object payload) {

    /** One ICE server of a {@code config} frame; STUN servers carry no credentials. */
    record IceServer(List<String> urls, String username, String credential) {}

    /** A frame from the node: {@code from} is {@code "server"}, as upstream. */
    static SignalMessage fromServer(SignalType type, String to, Object payload, String timestamp) {
        return new SignalMessage(
                type.wire(), "server", to, null, null, timestamp, null, null, null, payload);
    }
}
