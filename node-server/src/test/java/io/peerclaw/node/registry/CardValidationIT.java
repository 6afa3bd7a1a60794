package io.peerclaw.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One registration per validation limit: each is refused with 400 naming the field. */
class CardValidationIT {
    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Arguments reject(String field, Consumer<Map<String, Object>> change) {
        return Arguments.of(field, change);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> nested(Map<String, Object> card, String key) {
        var copy = new LinkedHashMap<>((Map<String, Object>) card.get(key));
        card.put(key, copy);
        return copy;
    }

    static List<String> repeat(int count, String prefix) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    static Stream<Arguments> invalidCards() {
        return Stream.of(
                reject("name", c -> c.remove("name")),
                reject("name", c -> c.put("name", "   ")),
                reject("name", c -> c.put("name", "x".repeat(257))),
                reject("name", c -> c.put("name", "é".repeat(129))), // 258 bytes
                reject("name", c -> c.put("name", "bad\u0007name")),
                reject("name", c -> c.put("name", "evil\u202Egpj.exe")),
                reject("description", c -> c.put("description", "d".repeat(8193))),
                reject("version", c -> c.put("version", "v".repeat(65))),
                reject("capabilities", c -> c.put("capabilities", repeat(51, "c"))),
                reject("capabilities[0]", c -> c.put("capabilities", List.of("c".repeat(129)))),
                reject("capabilities[0]", c -> c.put("capabilities", List.of(""))),
                reject("capabilities[1]", c -> c.put("capabilities", List.of("ok", "tab\there"))),
                reject("protocols", c -> c.remove("protocols")),
                reject("protocols", c -> c.put("protocols", List.of())),
                reject("protocols[0]", c -> c.put("protocols", List.of("smtp"))),
                reject("protocols", c -> c.put("protocols", repeat(11, "a2a"))),
                reject("endpoint.url", c -> c.remove("endpoint")),
                reject("endpoint.url", c -> c.put("endpoint", Map.of("transport", "http"))),
                reject(
                        "endpoint.url",
                        c -> c.put("endpoint", Map.of("url", "ftp://files.example.com"))),
                reject("endpoint.url", c -> c.put("endpoint", Map.of("url", "p2p://abc"))),
                reject("endpoint.url", c -> c.put("endpoint", Map.of("url", "not a url"))),
                reject(
                        "endpoint.url",
                        c -> c.put("endpoint", Map.of("url", "https://user:pw@example.com/"))),
                reject(
                        "endpoint.url",
                        c -> c.put("endpoint", Map.of("url", "http://127.0.0.1:8080/a2a"))),
                reject("endpoint.url", c -> c.put("endpoint", Map.of("url", "http://10.1.2.3/"))),
                reject(
                        "endpoint.url",
                        c ->
                                c.put(
                                        "endpoint",
                                        Map.of("url", "http://169.254.169.254/latest/meta-data"))),
                reject("endpoint.url", c -> c.put("endpoint", Map.of("url", "http://2130706433/"))),
                reject("endpoint.url", c -> c.put("endpoint", Map.of("url", "http://0177.0.0.1/"))),
                reject("endpoint.url", c -> c.put("endpoint", Map.of("url", "http://[::1]:9000/"))),
                reject(
                        "endpoint.url",
                        c -> c.put("endpoint", Map.of("url", "http://[::ffff:192.168.0.1]/"))),
                reject(
                        "endpoint.url",
                        c ->
                                c.put(
                                        "endpoint",
                                        Map.of("url", "https://example.com/" + "p".repeat(2048)))),
                reject(
                        "endpoint.port",
                        c ->
                                c.put(
                                        "endpoint",
                                        Map.of("url", "https://example.com", "port", 70000))),
                reject(
                        "endpoint.transport",
                        c ->
                                c.put(
                                        "endpoint",
                                        Map.of(
                                                "url",
                                                "https://example.com",
                                                "transport",
                                                "carrier-pigeon"))),
                reject("auth.type", c -> c.put("auth", Map.of("type", "magic"))),
                reject("metadata", c -> c.put("metadata", mapOf(51))),
                reject(
                        "metadata." + "k".repeat(129),
                        c -> c.put("metadata", Map.of("k".repeat(129), "v"))),
                reject("metadata.key", c -> c.put("metadata", Map.of("key", "v".repeat(1025)))),
                reject(
                        "metadata.owner_user_id",
                        c -> c.put("metadata", Map.of("owner_user_id", "someone"))),
                reject("status", c -> c.put("status", "sleeping")),
                reject("visibility", c -> c.put("visibility", "secret")),
                reject("id", c -> c.put("id", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")),
                reject(
                        "skills",
                        c ->
                                c.put(
                                        "skills",
                                        IntStream.range(0, 101)
                                                .mapToObj(i -> Map.of("name", "s" + i))
                                                .toList())),
                reject(
                        "skills[0].name",
                        c -> c.put("skills", List.of(Map.of("description", "nameless")))),
                reject(
                        "skills[0].id",
                        c -> c.put("skills", List.of(Map.of("name", "s", "id", "has space")))),
                reject(
                        "skills[1].id",
                        c ->
                                c.put(
                                        "skills",
                                        List.of(
                                                Map.of("name", "a", "id", "x"),
                                                Map.of("name", "b", "id", "x")))),
                reject("tools[0].name", c -> c.put("tools", List.of(Map.of("name", "bad name")))),
                reject(
                        "tools[1].name",
                        c -> c.put("tools", List.of(Map.of("name", "t"), Map.of("name", "t")))),
                reject(
                        "tools[0].input_schema.type",
                        c ->
                                c.put(
                                        "tools",
                                        List.of(
                                                Map.of(
                                                        "name",
                                                        "t",
                                                        "input_schema",
                                                        Map.of("type", "string"))))),
                reject("peerclaw.nat_type", c -> c.put("peerclaw", Map.of("nat_type", "open"))),
                reject(
                        "peerclaw.relay_preference",
                        c -> c.put("peerclaw", Map.of("relay_preference", "always"))),
                reject(
                        "peerclaw.nostr_relays[0]",
                        c ->
                                c.put(
                                        "peerclaw",
                                        Map.of(
                                                "nostr_relays",
                                                List.of("http://relay.example.com")))),
                reject("capabilities", c -> c.put("capabilities", "chat")),
                reject(
                        "endpoint.port",
                        c ->
                                c.put(
                                        "endpoint",
                                        Map.of("url", "https://example.com", "port", "eighty"))),
                reject("name", c -> c.put("name", 42)));
    }

    static Map<String, String> mapOf(int size) {
        var map = new HashMap<String, String>();
        for (int i = 0; i < size; i++) {
            map.put("k" + i, "v");
        }
        return map;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCards")
    void refusesAnInvalidCard(String field, Consumer<Map<String, Object>> change) {
        TestAgent agent = node.newAgent();
        var card = agent.card("valid");
        change.accept(card);
        var response = Http.send(agent.signed("POST", "/api/v1/agents", card));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("validation_error");
        var fields = new ArrayList<String>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).as(response.toString()).contains(field);
        // Nothing was stored.
        assertThat(
                        Http.send(
                                        agent.signed(
                                                "POST",
                                                "/api/v1/agents/" + agent.id() + "/heartbeat",
                                                null))
                                .status())
                .isEqualTo(401);
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        TestAgent agent = node.newAgent();
        var card = agent.card("");
        card.put("protocols", List.of("smtp"));
        card.put("status", "weird");
        var response = Http.send(agent.signed("POST", "/api/v1/agents", card));
        assertThat(response.json().get("errors").size()).isEqualTo(3);
    }

    @Test
    void reportsEveryMemberOfTheWrongTypeAtOnce() {
        TestAgent agent = node.newAgent();
        var card = agent.card("typed");
        card.put("name", 5);
        card.put("capabilities", List.of("fine", Map.of("b", 1), 3));
        nested(card, "endpoint").put("port", "eighty");
        var response = Http.send(agent.signed("POST", "/api/v1/agents", card));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        var errors = response.json().get("errors");
        assertThat(errors.findValuesAsText("field"))
                .containsExactlyInAnyOrder(
                        "name", "capabilities[1]", "capabilities[2]", "endpoint.port");
        assertThat(errors.findValuesAsText("message"))
                .containsExactlyInAnyOrder(
                        "must be text", "must be text", "must be text", "must be a whole number");
        assertThat(response.json().get("detail").asText()).isEqualTo("4 fields are invalid");
    }

    @Test
    void refusesMalformedAndEmptyBodies() {
        TestAgent agent = node.newAgent();
        for (String body :
                List.of("{\"name\":", "[1,2]", "", "{\"name\":\"a\",\"name\":\"b\"}", "null")) {
            var response = Http.send(agent.signed("POST", "/api/v1/agents", body));
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("$");
            // The body is named in words: no detail begins with a stray "$".
            assertThat(response.json().get("detail").asText())
                    .as(body)
                    .startsWith("the request body ");
        }
    }

    @Test
    void acceptsTheLargestValidValues() {
        TestAgent agent = node.newAgent();
        var card =
                agent.card(
                        "n".repeat(256), repeat(50, "c".repeat(120)), List.of("a2a", "mcp", "acp"));
        card.put("description", "d".repeat(8192));
        card.put("metadata", mapOf(50));
        card.put(
                "endpoint",
                Map.of("url", "https://example.com:8443/a2a", "port", 65535, "transport", "grpc"));
        assertThat(Http.send(agent.signed("POST", "/api/v1/agents", card)).status()).isEqualTo(201);
    }

    @Test
    void privateAddressesPassWhenAllowlisted() {
        try (var lan =
                TestNode.start(
                        Map.of("security.allowed_private_cidrs", "127.0.0.0/8,10.0.0.0/8"))) {
            TestAgent agent = lan.newAgent();
            var card = agent.card("lan");
            card.put("endpoint", Map.of("url", "http://127.0.0.1:9000/a2a"));
            assertThat(Http.send(agent.signed("POST", "/api/v1/agents", card)).status())
                    .isEqualTo(201);
            card.put("endpoint", Map.of("url", "http://192.168.1.5/a2a"));
            assertThat(Http.send(agent.signed("POST", "/api/v1/agents", card)).status())
                    .isEqualTo(400);
        }
    }
}
