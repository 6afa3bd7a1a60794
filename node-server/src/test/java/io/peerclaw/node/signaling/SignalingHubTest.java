package io.peerclaw.node.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketContext;
import io.helidon.websocket.WsSession;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keep-alive and replacement rules, on sessions that record what was done to them. */
class SignalingHubTest {
    /** A session that writes nowhere and remembers pings and closes. */
    static final class RecordingSession implements WsSession {
        final List<String> sent = new ArrayList<>();
        int pings;
        Integer closedWith;

        @Override
        public WsSession send(String text, boolean last) {
            sent.add(text);
            return this;
        }

        @Override
        public WsSession send(BufferData bufferData, boolean last) {
            return this;
        }

        @Override
        public WsSession ping(BufferData bufferData) {
            pings++;
            return this;
        }

        @Override
        public WsSession pong(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession close(int code, String reason) {
            closedWith = code;
            return this;
        }

        @Override
        public WsSession terminate() {
            return this;
        }

        @Override
        public SocketContext socketContext() {
            throw new UnsupportedOperationException();
        }
    }

    static AgentId newAgent() {
        return AgentId.of(Ed25519.generate(new SecureRandom()).publicKey());
    }

    @Test
    void socketsSilentForNinetySecondsCloseAndTheOthersArePinged() {
        var hub = new SignalingHub();
        long start = 1_000_000_000L;
        var quiet = new RecordingSession();
        var chatty = new RecordingSession();
        var quietPeer = new Peer(newAgent(), quiet, "n1", start);
        var chattyPeer = new Peer(newAgent(), chatty, "n2", start);
        hub.opened(quietPeer);
        hub.opened(chattyPeer);
        hub.authenticated(quietPeer);
        hub.authenticated(chattyPeer);

        long later = start + Duration.ofSeconds(91).toNanos();
        chattyPeer.heard(later - Duration.ofSeconds(10).toNanos());
        hub.keepAlive(later, Duration.ofSeconds(90).toNanos());

        assertThat(quiet.closedWith).isEqualTo(1001);
        assertThat(quiet.pings).isZero();
        assertThat(chatty.closedWith).isNull();
        assertThat(chatty.pings).isEqualTo(1);
        assertThat(hub.isLive(quietPeer.agent())).isFalse();
        assertThat(hub.isLive(chattyPeer.agent())).isTrue();
        assertThat(hub.connections()).isEqualTo(1);
    }

    @Test
    void aNewerAuthenticatedSocketReplacesTheOlderWith4000() {
        var hub = new SignalingHub();
        var agent = newAgent();
        var older = new RecordingSession();
        var newer = new RecordingSession();
        var olderPeer = new Peer(agent, older, "n1", 0);
        var newerPeer = new Peer(agent, newer, "n2", 0);
        hub.opened(olderPeer);
        hub.authenticated(olderPeer);
        hub.opened(newerPeer);
        hub.authenticated(newerPeer);

        assertThat(older.closedWith).isEqualTo(SignalingHub.REPLACED);
        assertThat(hub.deliver(agent, "{}")).isTrue();
        assertThat(newer.sent).containsExactly("{}");
        assertThat(older.sent).isEmpty();
        // The older socket's late close event must not drop the newer one.
        hub.closed(olderPeer);
        assertThat(hub.isLive(agent)).isTrue();
    }

    @Test
    void theFrameBudgetAllowsBurstsOfTwentyThenTenASecond() {
        var peer = new Peer(newAgent(), new RecordingSession(), "n", 0);
        int spent = 0;
        while (peer.spend(0)) {
            spent++;
        }
        assertThat(spent).isEqualTo(20);
        long oneSecond = Duration.ofSeconds(1).toNanos();
        int more = 0;
        while (peer.spend(oneSecond)) {
            more++;
        }
        assertThat(more).isEqualTo(10);
    }
}
