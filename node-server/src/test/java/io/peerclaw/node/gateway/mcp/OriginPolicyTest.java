package io.peerclaw.node.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginPolicyTest {
    private static final OriginPolicy POLICY =
            new OriginPolicy(
                    List.of("https://app.example.org"), Optional.of("https://node.example.org"));

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "Host {0} on {1}: {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    localhost:8080             | 127.0.0.1    | true
                    LOCALHOST                  | 127.0.0.1    | true
                    127.0.0.1:8080             | 127.0.0.1    | true
                    [::1]:8080                 | ::1          | true
                    app.localhost:3000         | 127.0.0.1    | true
                    10.1.2.3:8080              | 10.1.2.3     | true
                    node.example.org           | 127.0.0.1    | true
                    app.example.org:443        | 192.168.1.5  | true
                    evil.example.com           | 127.0.0.1    | false
                    evil.example.com:8080      | 192.168.1.5  | false
                    localhost.evil.example.com | 127.0.0.1    | false
                    evil.example.com           | 8.8.8.8      | true
                    '[::1'                     | 127.0.0.1    | false
                    """)
    void hostsAreCheckedOnLocalConnections(String host, String local, boolean allowed) {
        assertThat(POLICY.allowsHost(host, address(local))).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "Origin {0} with Host {1}: {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NONE",
            textBlock =
                    """
                    NONE                           | localhost:8080   | true
                    http://localhost:8080          | localhost:8080   | true
                    http://127.0.0.1:8080          | 127.0.0.1:8080   | true
                    https://app.example.org        | localhost:8080   | true
                    https://node.example.org       | node.example.org | true
                    https://NODE.example.org       | other:1          | true
                    http://evil.example.com        | localhost:8080   | false
                    http://evil.example.com        | evil.example.com | true
                    http://localhost:9999          | localhost:8080   | false
                    null                           | localhost:8080   | false
                    https://app.example.org.evil.x | localhost:8080   | false
                    """)
    void originsMustBeTheNodesOwnOrConfigured(String origin, String host, boolean allowed) {
        assertThat(POLICY.allowsOrigin(origin, host)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://evil.example.com", "http://localhost:1"})
    void anyOriginIsWelcomeWhenCorsSaysSo(String origin) {
        var open = new OriginPolicy(List.of("*"), Optional.empty());
        assertThat(open.allowsOrigin(origin, "localhost:8080")).isTrue();
    }
}
