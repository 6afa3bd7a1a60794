package io.peerclaw.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.net.ServerSentEvents.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerSentEventsTest {

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("data: a\n\n", List.of(new Event("message", "a", null))),
                Arguments.of("data:a\r\n\r\n", List.of(new Event("message", "a", null))),
                Arguments.of("data: a\r\rdata: b\r\r", List.of(msg("a"), msg("b"))),
                Arguments.of("data: a\ndata: b\n\n", List.of(msg("a\nb"))),
                Arguments.of("event: message\ndata: {}\n\n", List.of(msg("{}"))),
                Arguments.of("event: error\ndata: x\n\n", List.of(new Event("error", "x", null))),
                Arguments.of(": keep-alive\n\ndata: a\n\n", List.of(msg("a"))),
                Arguments.of(
                        "id: 7\ndata:\n\ndata: a\n\n", List.of(new Event("message", "a", "7"))),
                Arguments.of("retry: 10\nfoo: bar\ndata: a\n\n", List.of(msg("a"))),
                Arguments.of("data: cut off", List.of(msg("cut off"))),
                Arguments.of("data:  two spaces\n\n", List.of(msg(" two spaces"))),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("streams")
    void parsesEventsAsBrowsersDo(String stream, List<Event> expected) {
        assertThat(ServerSentEvents.parse(stream)).isEqualTo(expected);
    }

    @Test
    void aListenerStopsTheReading() throws IOException {
        var seen = new ArrayList<String>();
        var in =
                new ByteArrayInputStream(
                        "data: a\n\ndata: b\n\ndata: c\n\n".getBytes(StandardCharsets.UTF_8));

        boolean ended =
                ServerSentEvents.read(
                        in,
                        event -> {
                            seen.add(event.data());
                            return !event.data().equals("b");
                        });

        assertThat(ended).isFalse();
        assertThat(seen).containsExactly("a", "b");
    }

    private static Event msg(String data) {
        return new Event("message", data, null);
    }
}
