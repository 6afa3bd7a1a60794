package io.peerclaw.node.signaling;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;
import io.peerclaw.shared.model.AgentId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One socket of one agent: its challenge, whether it proved its key, its frame budget, its error
 * count and when it was last heard. Writes to the socket are serialised: the relay, the node's
 * pushes and the keep-alive write from different threads.
 */
final class Peer {
    /** Frames a socket may send per second, and the burst above that. */
    static final double FRAMES_PER_SECOND = 10;

    static final double FRAME_BURST = 20;

    private final AgentId agent;
    private final WsSession session;
    private final String nonce;
    private final ReentrantLock writing = new ReentrantLock();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean authenticated;
    private volatile boolean closed;
    private volatile long lastHeardNanos;
    private double budget = FRAME_BURST;
    private long budgetAtNanos;
    private int errors;

    Peer(AgentId agent, WsSession session, String nonce, long nowNanos) {
        this.agent = agent;
        this.session = session;
        this.nonce = nonce;
        this.lastHeardNanos = nowNanos;
        this.budgetAtNanos = nowNanos;
    }

    AgentId agent() {
        return agent;
    }

    String nonce() {
        return nonce;
    }

    boolean authenticated() {
        return authenticated;
    }

    void authenticate() {
        authenticated = true;
    }

    boolean closed() {
        return closed;
    }

    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /**
     * Adds a fragment; returns the whole frame once its last fragment came, or null while more are
     * due. Throws when the frame grows past {@code limit} characters.
     */
    String assemble(String fragment, boolean last, int limit) {
        if (partial.isEmpty() && last) {
            if (fragment.length() > limit) {
                throw new FrameTooLarge();
            }
            return fragment;
        }
        if (partial.length() + fragment.length() > limit) {
            partial.setLength(0);
            throw new FrameTooLarge();
        }
        partial.append(fragment);
        if (!last) {
            return null;
        }
        String whole = partial.toString();
        partial.setLength(0);
        return whole;
    }

    /** Takes one frame from the budget; false when the socket sends faster than allowed. */
    boolean spend(long nowNanos) {
        double seconds = (nowNanos - budgetAtNanos) / 1e9;
        budgetAtNanos = nowNanos;
        budget = Math.min(FRAME_BURST, budget + seconds * FRAMES_PER_SECOND);
        if (budget < 1) {
            return false;
        }
        budget -= 1;
        return true;
    }

    /** Counts one refused frame; returns how many so far. */
    int refused() {
        return ++errors;
    }

    void send(String text) {
        write(session -> session.send(text, true));
    }

    void ping() {
        write(session -> session.ping(BufferData.empty()));
    }

    void pong(BufferData data) {
        write(session -> session.pong(data));
    }

    /**
     * One write at a time; a socket that went away is marked closed and its close event cleans up.
     */
    private void write(Consumer<WsSession> action) {
        writing.lock();
        try {
            if (!closed) {
                action.accept(session);
            }
        } catch (RuntimeException e) {
            closed = true;
        } finally {
            writing.unlock();
        }
    }

    void close(int code, String reason) {
        writing.lock();
        try {
            if (!closed) {
                closed = true;
                session.close(code, reason);
            }
        } catch (RuntimeException e) {
            // already gone
        } finally {
            writing.unlock();
        }
    }

    /** Marks the socket gone after its close event. */
    void gone() {
        closed = true;
    }

    /** A frame over the size limit. */
    static final class FrameTooLarge extends RuntimeException {
        FrameTooLarge() {
            super("frame too large", null, false, false);
        }
    }
}
