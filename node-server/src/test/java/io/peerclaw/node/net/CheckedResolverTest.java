package io.peerclaw.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckedResolverTest {
    private static final Duration PATIENT = Duration.ofSeconds(5);

    private final ScriptedLookup dns = new ScriptedLookup();
    private final CheckedResolver strict =
            new CheckedResolver(AddressPolicy.strict(), dns, PATIENT);

    @Test
    void givesBackExactlyTheAddressesItLookedUpOnce() throws UnknownHostException {
        dns.answer("agent.test", "93.184.216.34", "2606:4700:4700::1111");

        var addresses = strict.resolve("agent.test", 443);

        assertThat(addresses)
                .containsExactly(
                        new InetSocketAddress(InetAddress.ofLiteral("93.184.216.34"), 443),
                        new InetSocketAddress(InetAddress.ofLiteral("2606:4700:4700::1111"), 443));
        assertThat(addresses).noneMatch(InetSocketAddress::isUnresolved);
        assertThat(dns.asked("agent.test")).isEqualTo(1);
    }

    @Test
    void refusesTheWholeAnswerWhenAnyAddressIsNotPublic() {
        dns.answer("mixed.test", "93.184.216.34", "10.0.0.1");

        assertThatThrownBy(() -> strict.resolve("mixed.test"))
                .isInstanceOf(CheckedResolver.NotAllowed.class)
                .hasMessageContaining("mixed.test")
                .hasMessageNotContaining("10.0.0.1");
    }

    @Test
    void asksAgainForEveryConnectionAndJudgesEachAnswer() throws UnknownHostException {
        dns.answer("rebind.test", "93.184.216.34").answer("rebind.test", "127.0.0.1");

        assertThat(strict.resolve("rebind.test"))
                .containsExactly(InetAddress.ofLiteral("93.184.216.34"));
        assertThatThrownBy(() -> strict.resolve("rebind.test"))
                .isInstanceOf(CheckedResolver.NotAllowed.class);
        assertThat(dns.asked("rebind.test")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0177.0.0.1", "2130706433", "::1", "[::1]", "0"})
    void judgesLiteralsWithoutLookingThemUp(String host) {
        assertThatThrownBy(() -> strict.resolve(host))
                .isInstanceOf(CheckedResolver.NotAllowed.class);
        assertThat(dns.questions()).isEmpty();
    }

    @Test
    void passesAllowlistedBlocks() throws UnknownHostException {
        var lan =
                new CheckedResolver(
                        new AddressPolicy(List.of(Cidr.of("192.168.1.0/24"))), dns, PATIENT);
        dns.answer("printer.lan", "192.168.1.20");

        assertThat(lan.resolve("printer.lan"))
                .containsExactly(InetAddress.ofLiteral("192.168.1.20"));
        assertThatThrownBy(() -> lan.resolve("192.168.2.1"))
                .isInstanceOf(CheckedResolver.NotAllowed.class);
    }

    @Test
    void aNameWithoutAddressesIsUnknown() {
        dns.answer("empty.test", List.of());

        assertThatThrownBy(() -> strict.resolve("empty.test"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(CheckedResolver.NotAllowed.class);
        assertThatThrownBy(() -> strict.resolve("nowhere.test"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(CheckedResolver.NotAllowed.class);
    }

    @Test
    void aSlowLookupEndsAtTheRequestDeadline() throws InterruptedException {
        var release = new CountDownLatch(1);
        var slow =
                new CheckedResolver(
                        AddressPolicy.strict(),
                        host -> {
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return List.of(InetAddress.ofLiteral("93.184.216.34"));
                        },
                        Duration.ofMinutes(1));
        long start = System.nanoTime();
        try {
            assertThatThrownBy(
                            () ->
                                    ScopedValue.where(
                                                    CheckedResolver.DEADLINE,
                                                    System.nanoTime()
                                                            + Duration.ofMillis(200).toNanos())
                                            .call(() -> slow.resolve("slow.test")))
                    .isInstanceOf(CheckedResolver.LookupTimedOut.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
        } finally {
            release.countDown();
        }
    }

    @Test
    void neverLooksUpTheCanonicalName() {
        assertThat(strict.resolveCanonicalHostname("agent.test")).isEqualTo("agent.test");
        assertThat(dns.questions()).isEmpty();
    }
}
