package io.peerclaw.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.net.Destinations.Refused;
import io.peerclaw.node.net.Destinations.Target;
import io.peerclaw.node.net.OutboundResult.BadStatus;
import io.peerclaw.node.net.OutboundResult.BadUrl;
import io.peerclaw.node.net.OutboundResult.Success;
import io.peerclaw.node.net.OutboundResult.TargetNotAllowed;
import io.peerclaw.node.net.OutboundResult.TimedOut;
import io.peerclaw.node.net.OutboundResult.TooLarge;
import io.peerclaw.node.net.OutboundResult.Unreachable;
import io.peerclaw.node.net.OutboundResult.UnsupportedScheme;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the client decides from a URL alone, before any lookup or socket. */
class OutboundHttpTest {
    private final OutboundHttp loopbackAllowed =
            OutboundHttp.create(
                    new AddressPolicy(List.of(Cidr.of("127.0.0.0/8"), Cidr.of("::1/128"))),
                    host -> {
                        throw new AssertionError("no lookup expected for " + host);
                    });

    @AfterEach
    void close() {
        loopbackAllowed.close();
    }

    @Test
    void aClientClosedBeforeItsFirstCallRefusesCalls() {
        // The pool is built at the first call; closing before that must still end the client.
        var unused = OutboundHttp.create(new AddressPolicy(List.of(Cidr.of("127.0.0.0/8"))));
        unused.close();

        assertThatThrownBy(() -> unused.get("http://127.0.0.1:9/", Duration.ofSeconds(1), 1024))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://agent.example/a/b?c=d | http | agent.example | -1 | /a/b?c=d",
                "https://agent.example:8443 | https | agent.example | 8443 | /",
                "HTTPS://Agent.Example/x#frag | https | agent.example | -1 | /x",
                "http://agent.example?q=%20 | http | agent.example | -1 | /?q=%20",
                "http://agent.example//other.example/x | http | agent.example | -1 |"
                        + " //other.example/x",
                "http://2130706433:8080/p | http | 127.0.0.1 | 8080 | /p",
                "http://0177.0.0.1/ | http | 127.0.0.1 | -1 | /",
                "http://0x7f.1:81 | http | 127.0.0.1 | 81 | /",
                "http://[::1]:9/ | http | 0:0:0:0:0:0:0:1 | 9 | /"
            })
    void aimsAtTheHostThePolicyJudged(
            String url, String scheme, String host, int port, String path) {
        var destination = loopbackAllowed.destination(url);

        assertThat(destination).isInstanceOf(Target.class);
        var target = (Target) destination;
        assertThat(target.host().getSchemeName()).isEqualTo(scheme);
        assertThat(target.host().getHostName()).isEqualToIgnoringCase(host);
        assertThat(target.host().getPort()).isEqualTo(port);
        assertThat(target.host().getAddress()).as("never pinned past the resolver").isNull();
        assertThat(target.pathAndQuery()).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://10.0.0.1/ | target_not_allowed",
                "http://[::2]/ | target_not_allowed",
                "http://2130706433:0/ | bad_url",
                "http://2130706433:x/ | bad_url",
                "http://127.0.0.1:0/ | bad_url",
                "http://agent.example:70000/ | bad_url",
                "http://bücher.example/ | bad_url",
                "mailto:someone@agent.example | unsupported_scheme",
                "http://user@agent.example/ | bad_url",
                "http:// | bad_url",
                "agent.example/path | bad_url"
            })
    void refusesBeforeAnySocket(String url, String code) {
        var destination = loopbackAllowed.destination(url);

        assertThat(destination).isInstanceOf(Refused.class);
        assertThat(((Refused) destination).failure().code()).isEqualTo(code);
    }

    @Test
    void refusesUnreasonableLimits() {
        assertThatThrownBy(() -> loopbackAllowed.get("http://a.example/", Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> loopbackAllowed.get("http://a.example/", Duration.ofMinutes(6), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                loopbackAllowed.get(
                                        "http://a.example/",
                                        Duration.ofSeconds(1),
                                        OutboundHttp.MAX_BODY_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFailureHasItsCode() {
        assertThat(
                        List.of(
                                new TargetNotAllowed("x"),
                                new BadUrl("x"),
                                new UnsupportedScheme("ftp"),
                                new Unreachable("x"),
                                new TimedOut(Duration.ofSeconds(1)),
                                new BadStatus(302),
                                new TooLarge("body", 4096)))
                .extracting(OutboundResult.Failure::code)
                .containsExactly(
                        "target_not_allowed",
                        "bad_url",
                        "unsupported_scheme",
                        "unreachable",
                        "timeout",
                        "bad_status",
                        "too_large");
        assertThat(new BadStatus(302).detail()).contains("302");
        assertThat(new TooLarge("body", 4096).detail()).contains("4096");
    }

    @Test
    void successReadsHeadersWhateverTheirCase() {
        var ok =
                new Success(
                        200,
                        Map.of("Content-Type", List.of("application/json")),
                        new byte[] {'{', '}'});

        assertThat(ok.header("content-type")).contains("application/json");
        assertThat(ok.header("CONTENT-TYPE")).contains("application/json");
        assertThat(ok.header("Location")).isEmpty();
        assertThat(ok.headers()).containsOnlyKeys("content-type");
    }
}
