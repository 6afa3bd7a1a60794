package io.peerclaw.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.net.OutboundResult.BadStatus;
import io.peerclaw.node.net.OutboundResult.Success;
import io.peerclaw.node.net.OutboundResult.TimedOut;
import io.peerclaw.node.net.OutboundResult.TooLarge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link OutboundHttp#postStream}: bodies read as they arrive, within the usual limits. */
class OutboundStreamIT {
    private static final byte[] JSON = "{}".getBytes(StandardCharsets.UTF_8);
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private final OutboundHttp outbound =
            OutboundHttp.create(new AddressPolicy(List.of(Cidr.of("127.0.0.1/32"))));

    @AfterEach
    void close() {
        outbound.close();
    }

    @Test
    void handsEachEventOverBeforeTheBodyEnds() throws IOException {
        var firstSeen = new CountDownLatch(1);
        try (var server =
                ScriptedServer.start(
                        (_, out, _) -> {
                            out.write(ScriptedServer.chunkedHead());
                            ScriptedServer.writeChunk(out, bytes("data: one\n\n"));
                            // The second event waits for the client to have read the first.
                            if (!firstSeen.await(5, TimeUnit.SECONDS)) {
                                return;
                            }
                            ScriptedServer.writeChunk(out, bytes("event: done\ndata: two\n\n"));
                            out.write(bytes("0\r\n\r\n"));
                        })) {
            var events = new CopyOnWriteArrayList<ServerSentEvents.Event>();

            var result =
                    outbound.postStream(
                            server.url("/stream"),
                            JSON,
                            Map.of("A2A-Version", "1.0"),
                            PATIENT,
                            4096,
                            (head, body) -> {
                                assertThat(head.status()).isEqualTo(200);
                                ServerSentEvents.read(
                                        body,
                                        event -> {
                                            events.add(event);
                                            firstSeen.countDown();
                                            return true;
                                        });
                            });

            assertThat(result).isInstanceOf(Success.class);
            assertThat(events)
                    .containsExactly(
                            new ServerSentEvents.Event("message", "one", null),
                            new ServerSentEvents.Event("done", "two", null));
            assertThat(server.requests().getFirst().header("a2a-version")).isEqualTo("1.0");
        }
    }

    @Test
    void theDeadlineEndsAStreamThatGoesQuiet() throws IOException {
        try (var server =
                ScriptedServer.start(
                        (_, out, srv) -> {
                            out.write(ScriptedServer.chunkedHead());
                            ScriptedServer.writeChunk(out, bytes("data: one\n\n"));
                            srv.idle(Duration.ofSeconds(30));
                        })) {
            var events = new CopyOnWriteArrayList<String>();
            long start = System.nanoTime();

            var result =
                    outbound.postStream(
                            server.url("/"),
                            JSON,
                            Map.of(),
                            Duration.ofMillis(700),
                            4096,
                            (_, body) ->
                                    ServerSentEvents.read(body, event -> events.add(event.data())));

            assertThat(result).isEqualTo(new TimedOut(Duration.ofMillis(700)));
            assertThat(events).containsExactly("one");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PATIENT);
        }
    }

    @Test
    void aBodyBeyondTheCapIsTooLarge() throws IOException {
        try (var server = ScriptedServer.start(ScriptedServer.endlessChunks())) {
            var result =
                    outbound.postStream(
                            server.url("/"),
                            JSON,
                            Map.of(),
                            PATIENT,
                            10_000,
                            (_, body) -> body.transferTo(java.io.OutputStream.nullOutputStream()));

            assertThat(result).isEqualTo(new TooLarge("body", 10_000));
        }
    }

    @Test
    void aReaderMayStopEarly() throws IOException {
        try (var server = ScriptedServer.start(ScriptedServer.endlessChunks())) {
            var result =
                    outbound.postStream(
                            server.url("/"),
                            JSON,
                            Map.of(),
                            PATIENT,
                            1 << 20,
                            (_, body) -> {
                                body.readNBytes(100);
                            });

            assertThat(result).isInstanceOf(Success.class);
        }
    }

    @Test
    void anErrorStatusKeepsTheStartOfItsBodyAndSkipsTheReader() throws IOException {
        String error = "{\"code\":\"not_found\",\"message\":\"Run x not found\"}";
        try (var server =
                ScriptedServer.start(
                        ScriptedServer.respond(
                                404, Map.of("Content-Type", "application/json"), error))) {
            var result =
                    outbound.postStream(
                            server.url("/runs/x"),
                            JSON,
                            Map.of(),
                            PATIENT,
                            4096,
                            (_, _) -> {
                                throw new AssertionError("the reader must not see an error");
                            });

            assertThat(result).isEqualTo(new BadStatus(404, error));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
