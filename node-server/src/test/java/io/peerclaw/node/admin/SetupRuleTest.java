package io.peerclaw.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.peerclaw.node.http.ApiException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SetupRuleTest {
    @Test
    void onlyALoopbackClientWithoutAProxyMayCreateTheFirstAdmin() {
        assertThatCode(
                        () ->
                                SetupRule.check(
                                        false, new InetSocketAddress("127.0.0.1", 5000), false))
                .doesNotThrowAnyException();
        assertThatCode(() -> SetupRule.check(false, new InetSocketAddress("::1", 5000), false))
                .doesNotThrowAnyException();

        var remote =
                catchThrowableOfType(
                        ApiException.class,
                        () ->
                                SetupRule.check(
                                        false, new InetSocketAddress("203.0.113.5", 5000), false));
        assertThat(remote.code().status()).isEqualTo(403);
        assertThat(remote.getMessage()).contains("own machine", "--create-admin");

        var lan =
                catchThrowableOfType(
                        ApiException.class,
                        () ->
                                SetupRule.check(
                                        false, new InetSocketAddress("192.168.1.20", 5000), false));
        assertThat(lan.code().status()).isEqualTo(403);

        var proxied =
                catchThrowableOfType(
                        ApiException.class,
                        () ->
                                SetupRule.check(
                                        false, new InetSocketAddress("127.0.0.1", 5000), true));
        assertThat(proxied.code().status()).isEqualTo(403);
    }

    @Test
    void onceAnAdminExistsTheAnswerIsConflictFromAnywhere() {
        for (var address :
                new InetSocketAddress[] {
                    new InetSocketAddress("127.0.0.1", 5000),
                    new InetSocketAddress("203.0.113.5", 1)
                }) {
            var refused =
                    catchThrowableOfType(
                            ApiException.class, () -> SetupRule.check(true, address, false));
            assertThat(refused.code().status()).isEqualTo(409);
        }
    }
}
