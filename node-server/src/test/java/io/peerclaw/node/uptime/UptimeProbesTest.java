package io.peerclaw.node.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The schedule's arithmetic and the choice of liveness call, without a database. */
class UptimeProbesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final UptimeProbes probes =
            new UptimeProbes(
                    null,
                    null,
                    null,
                    null,
                    null,
                    new NodeConfig.Probe(true, Duration.ofMinutes(5), Duration.ofSeconds(5), 8),
                    new MutableClock(NOW),
                    new SplittableRandom(7));

    @Test
    void theNextProbeIsOnePeriodOnGiveOrTakeATenth() {
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long after = Duration.between(NOW, probes.nextAfter(NOW)).toMillis();
            earliest = Math.min(earliest, after);
            latest = Math.max(latest, after);
        }
        assertThat(earliest).isBetween(270_000L, 272_000L);
        assertThat(latest).isBetween(328_000L, 330_000L);
    }

    @Test
    void hoursAreCountedFromTheEpoch() {
        assertThat(UptimeProbes.epochHour(Instant.EPOCH)).isZero();
        assertThat(UptimeProbes.epochHour(Instant.parse("1970-01-02T00:59:59Z"))).isEqualTo(24);
        assertThat(UptimeProbes.epochHour(Instant.parse("1969-12-31T23:30:00Z"))).isEqualTo(-1);
    }

    @Test
    void theFirstProtocolTheNodeKnowsIsProbed() {
        assertThat(UptimeProbes.protocol(card("[\"grpc\", \"mcp\", \"a2a\"]")))
                .contains(Protocol.MCP);
        assertThat(UptimeProbes.protocol(card("[\"acp\"]"))).contains(Protocol.ACP);
        assertThat(UptimeProbes.protocol(card("[]"))).isEqualTo(Optional.empty());
        assertThat(UptimeProbes.protocol(card("null"))).isEqualTo(Optional.empty());
    }

    private static AgentCard card(String protocols) {
        return Json.read("{\"name\": \"n\", \"protocols\": " + protocols + "}", AgentCard.class);
    }
}
