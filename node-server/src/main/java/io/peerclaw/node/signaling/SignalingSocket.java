package io.peerclaw.node.signaling;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.peerclaw.shared.model.AgentId;
import java.util.Optional;

/** One connection's listener: hands each event to the relay with this connection's peer. */
final class SignalingSocket implements WsListener {
    private final SignalingRelay relay;
    private String webSocketKey = "";
    private Peer peer;

    SignalingSocket(SignalingRelay relay) {
        this.relay = relay;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        webSocketKey = headers.first(HeaderNames.create("Sec-WebSocket-Key")).orElse("");
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        // The gate admitted only a valid agent id; a socket without one cannot get here.
        AgentId agent =
                session.prologue()
                        .query()
                        .first("agent_id")
                        .asOptional()
                        .flatMap(AgentId::parse)
                        .orElseThrow(() -> new IllegalStateException("admitted without agent_id"));
        String remote = session.socketContext().remotePeer().address().toString();
        peer = relay.opened(session, agent, SignalingRelay.connectionKey(webSocketKey, remote));
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (peer != null) {
            relay.received(peer, text, last);
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (peer != null) {
            peer.close(1003, "signaling frames are JSON text");
            relay.closed(peer);
        }
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        if (peer != null) {
            relay.heard(peer);
            peer.pong(buffer);
        }
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        if (peer != null) {
            relay.heard(peer);
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        if (peer != null) {
            relay.closed(peer);
        }
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        if (peer != null) {
            relay.closed(peer);
        }
    }
}
