package io.peerclaw.node.gateway.connect;

import static io.peerclaw.node.gateway.connect.A2aTranslatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class A2aDiscoveryTest {
    private static final URI REGISTERED = URI.create("http://agent.example:8080/a2a");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // no card: the URL itself, 1.0 first
                "| http://agent.example:8080/a2a | V1_0 | false",
                // 1.0 preferred among JSONRPC interfaces on the origin
                "{\"capabilities\":{\"streaming\":true},\"supportedInterfaces\":["
                    + "{\"url\":\"http://agent.example:8080/rest\",\"protocolBinding\":\"HTTP+JSON\",\"protocolVersion\":\"1.0\"},"
                    + "{\"url\":\"http://agent.example:8080/old\",\"protocolBinding\":\"JSONRPC\",\"protocolVersion\":\"0.3\"},"
                    + "{\"url\":\"http://agent.example:8080/rpc\",\"protocolBinding\":\"jsonrpc\",\"protocolVersion\":\"1.0\"}]}"
                    + " | http://agent.example:8080/rpc | V1_0 | true",
                // only a 0.3 JSONRPC interface
                "{\"supportedInterfaces\":[{\"url\":\"http://agent.example:8080/old\",\"protocolBinding\":\"JSONRPC\",\"protocolVersion\":\"0.3\"}]}"
                    + " | http://agent.example:8080/old | V0_3 | false",
                // interfaces elsewhere are ignored: another host, port or scheme
                "{\"supportedInterfaces\":["
                    + "{\"url\":\"http://evil.example:8080/rpc\",\"protocolBinding\":\"JSONRPC\",\"protocolVersion\":\"1.0\"},"
                    + "{\"url\":\"http://agent.example:9090/rpc\",\"protocolBinding\":\"JSONRPC\",\"protocolVersion\":\"1.0\"},"
                    + "{\"url\":\"https://agent.example:8080/rpc\",\"protocolBinding\":\"JSONRPC\",\"protocolVersion\":\"1.0\"}]}"
                    + " | http://agent.example:8080/a2a | V1_0 | false",
                // a 0.3 card: url + preferredTransport
                "{\"url\":\"http://agent.example:8080/v03\",\"protocolVersion\":\"0.3.0\",\"capabilities\":{\"streaming\":true}}"
                    + " | http://agent.example:8080/v03 | V0_3 | true",
                // a 0.3 card pointing elsewhere: our URL, still 0.3
                "{\"url\":\"http://evil.example/v03\",\"protocolVersion\":\"0.3.0\"}"
                        + " | http://agent.example:8080/a2a | V0_3 | false",
                // a 0.3 card preferring another transport
                "{\"url\":\"http://agent.example:8080/grpc\",\"preferredTransport\":\"GRPC\"}"
                        + " | http://agent.example:8080/a2a | V0_3 | false",
                // a card that says nothing about transports
                "{\"name\":\"x\"} | http://agent.example:8080/a2a | V1_0 | false"
            })
    void choosesTheJsonRpcInterfaceOnTheRegisteredOrigin(
            String card, String url, A2aVersion version, boolean streaming) {
        var chosen = A2aDiscovery.choose(card == null ? null : json(card), REGISTERED);

        assertThat(chosen).isEqualTo(new A2aEndpoint(url, version, streaming));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://h/agents/foo | http://h/agents/foo/.well-known/agent-card.json,"
                        + " http://h/.well-known/agent-card.json",
                "http://h/agents/foo/ | http://h/agents/foo/.well-known/agent-card.json,"
                        + " http://h/.well-known/agent-card.json",
                "http://h:81 | http://h:81/.well-known/agent-card.json",
                "http://h/ | http://h/.well-known/agent-card.json",
                "http://h/rpc?x=1 | http://h/rpc/.well-known/agent-card.json,"
                        + " http://h/.well-known/agent-card.json"
            })
    void looksForTheCardUnderTheUrlThenAtItsOrigin(String registered, String expected) {
        assertThat(String.join(", ", A2aDiscovery.cardUrls(URI.create(registered))))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "http://agent.example:8080/x, true",
        "HTTP://AGENT.example:8080/x, true",
        "http://agent.example/x, false",
        "http://user@agent.example:8080/x, false",
        "not a url, false"
    })
    void comparesOrigins(String url, boolean same) {
        assertThat(A2aDiscovery.sameOrigin(url, REGISTERED)).isEqualTo(same);
        assertThat(A2aDiscovery.sameOrigin("https://h/x", URI.create("https://h:443/y"))).isTrue();
    }
}
