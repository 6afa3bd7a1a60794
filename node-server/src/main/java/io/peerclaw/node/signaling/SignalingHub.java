package io.peerclaw.node.signaling;

import io.peerclaw.shared.model.AgentId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The sockets this node holds: every open one, and the one authenticated socket per agent. */
final class SignalingHub {
    /** Close code for a socket another authenticated socket of the same agent replaced. */
    static final int REPLACED = 4000;

    private final Set<Peer> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<AgentId, Peer> live = new ConcurrentHashMap<>();

    int connections() {
        return open.size();
    }

    boolean isLive(AgentId agent) {
        return live.containsKey(agent);
    }

    void opened(Peer peer) {
        open.add(peer);
    }

    /** Makes {@code peer} its agent's socket; an earlier one closes as replaced. */
    void authenticated(Peer peer) {
        Peer earlier = live.put(peer.agent(), peer);
        if (earlier != null && earlier != peer) {
            earlier.close(REPLACED, "replaced by a newer connection of this agent");
            open.remove(earlier);
        }
    }

    void closed(Peer peer) {
        peer.gone();
        open.remove(peer);
        live.remove(peer.agent(), peer);
    }

    /** Closes the agent's live socket, if it has one. */
    void drop(AgentId agent, int code, String reason) {
        Peer peer = live.remove(agent);
        if (peer != null) {
            peer.close(code, reason);
            open.remove(peer);
        }
    }

    /** Sends to the agent's live socket; false when it has none. */
    boolean deliver(AgentId to, String frame) {
        Peer peer = live.get(to);
        if (peer == null) {
            return false;
        }
        peer.send(frame);
        return true;
    }

    /** Pings every socket; closes those silent for longer than {@code idleNanos}. */
    void keepAlive(long nowNanos, long idleNanos) {
        for (Peer peer : open) {
            if (nowNanos - peer.lastHeardNanos() > idleNanos) {
                peer.close(1001, "silent for " + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s");
                closed(peer);
            } else {
                peer.ping();
            }
        }
    }

    /** Closes every socket: the node stops. */
    void closeAll() {
        for (Peer peer : open) {
            peer.close(1001, "the node is stopping");
            closed(peer);
        }
    }
}
