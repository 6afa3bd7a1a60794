package io.peerclaw.node.registry;

import static io.peerclaw.node.fixtures.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.fixtures.Http;
import io.peerclaw.node.fixtures.TestAgent;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.fixtures.Users;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The registry's behaviour over HTTP against a real node; run once on H2 and once on PostgreSQL by
 * the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryContract {
    TestNode node;

    abstract TestNode.Engine engine();

    @BeforeAll
    void startNode() {
        node = TestNode.start(engine(), Map.of());
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    TestAgent registered(String name) {
        return registered(name, List.of("chat"), List.of("a2a"));
    }

    TestAgent registered(String name, List<String> capabilities, List<String> protocols) {
        var agent = node.newAgent();
        var response =
                Http.send(
                        agent.signed(
                                "POST",
                                "/api/v1/agents",
                                agent.card(name, capabilities, protocols)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return agent;
    }

    @Test
    void registrationCreatesOnceAndUpdatesAfterwards() {
        var agent = node.newAgent();
        var first = Http.send(agent.signed("POST", "/api/v1/agents", agent.card("weather")));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo("/api/v1/agents/" + agent.id());
        assertThat(first.json().get("id").asText()).isEqualTo(agent.id().value());
        assertThat(first.json().get("status").asText()).isEqualTo("online");
        assertThat(first.json().at("/auth/params/token_hint").asText())
                .isEqualTo("secret-for-owner");

        var card = agent.card("weather v2");
        var second = Http.send(agent.signed("POST", "/api/v1/agents", card));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("name").asText()).isEqualTo("weather v2");
        assertThat(second.json().get("registered_at").asText())
                .isEqualTo(first.json().get("registered_at").asText());

        var listed = Http.send(agent.signed("GET", "/api/v1/agents?page_size=100", null));
        long copies =
                stream(listed.json().get("agents"))
                        .filter(a -> a.get("id").asText().equals(agent.id().value()))
                        .count();
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void storesSkillsToolsAndTheWholeCard() {
        var agent = registered("skilful");
        var card = Http.send(agent.signed("GET", "/api/v1/agents/" + agent.id(), null)).json();
        assertThat(card.at("/skills/0/id").asText()).isEqualTo("echo");
        assertThat(card.at("/tools/0/input_schema/properties/text/type").asText())
                .isEqualTo("string");
        assertThat(card.at("/endpoint/url").asText()).startsWith("https://agents.example.com/");
        assertThat(card.at("/metadata/sdk_version").asText()).isEqualTo("0.9.0");
        assertThat(card.get("public_key").asText()).isEqualTo(agent.publicKey());
        assertThat(card.get("visibility").asText()).isEqualTo("public");
    }

    @Test
    void othersSeeThePublicViewOnly() {
        var owner = registered("owner-view");
        var other = registered("someone-else");
        var asOther = Http.send(other.signed("GET", "/api/v1/agents/" + owner.id(), null));
        assertThat(asOther.status()).isEqualTo(200);
        assertThat(asOther.json().at("/auth/type").asText()).isEqualTo("bearer");
        assertThat(asOther.json().at("/auth/params").isMissingNode()).isTrue();
        assertThat(asOther.text()).doesNotContain("secret-for-owner");
    }

    @Test
    void privateAgentsAreUnlistedAndHideTheirEndpointFromOthers() {
        var hidden = node.newAgent();
        var card = hidden.card("hidden-one");
        card.put("visibility", "private");
        assertThat(Http.send(hidden.signed("POST", "/api/v1/agents", card)).status())
                .isEqualTo(201);
        var other = registered("looker");

        var list = Http.send(other.signed("GET", "/api/v1/agents?page_size=100", null)).json();
        assertThat(ids(list.get("agents"))).doesNotContain(hidden.id().value());
        var read = Http.send(other.signed("GET", "/api/v1/agents/" + hidden.id(), null)).json();
        assertThat(read.get("endpoint")).isNull();
        var own = Http.send(hidden.signed("GET", "/api/v1/agents/" + hidden.id(), null)).json();
        assertThat(own.at("/endpoint/url").asText()).isNotEmpty();
    }

    @Test
    void listsFilterByProtocolCapabilityAndStatusAndPageWithoutGapsOrRepeats() {
        String tag = "cap" + System.nanoTime();
        var mcp = registered("f-mcp", List.of(tag, "search"), List.of("mcp"));
        var acp = registered("f-acp", List.of(tag), List.of("acp", "a2a"));
        var busy = registered("f-busy", List.of(tag, "search"), List.of("mcp"));
        Http.send(
                busy.signed(
                        "POST",
                        "/api/v1/agents/" + busy.id() + "/heartbeat",
                        Map.of("status", "busy")));

        var byCapability =
                Http.send(mcp.signed("GET", "/api/v1/agents?capability=" + tag, null)).json();
        assertThat(ids(byCapability.get("agents")))
                .containsExactlyInAnyOrder(mcp.id().value(), acp.id().value(), busy.id().value());
        var byBoth =
                Http.send(
                                mcp.signed(
                                        "GET",
                                        "/api/v1/agents?capability=" + tag + "&protocol=mcp",
                                        null))
                        .json();
        assertThat(ids(byBoth.get("agents")))
                .containsExactlyInAnyOrder(mcp.id().value(), busy.id().value());
        var byStatus =
                Http.send(
                                mcp.signed(
                                        "GET",
                                        "/api/v1/agents?capability=" + tag + "&status=busy",
                                        null))
                        .json();
        assertThat(ids(byStatus.get("agents"))).containsExactly(busy.id().value());
        var byProtocol =
                Http.send(mcp.signed("GET", "/api/v1/agents?protocol=acp&page_size=100", null))
                        .json();
        assertThat(ids(byProtocol.get("agents")))
                .contains(acp.id().value())
                .doesNotContain(mcp.id().value());

        // Newest first, two at a time.
        var seen = new ArrayList<String>();
        String token = "";
        do {
            var page =
                    Http.send(
                                    mcp.signed(
                                            "GET",
                                            "/api/v1/agents?capability="
                                                    + tag
                                                    + "&page_size=2&page_token="
                                                    + token,
                                            null))
                            .json();
            assertThat(page.get("agents").size()).isLessThanOrEqualTo(2);
            seen.addAll(ids(page.get("agents")));
            token = page.get("next_page_token").asText();
        } while (!token.isEmpty());
        assertThat(seen).containsExactly(busy.id().value(), acp.id().value(), mcp.id().value());
    }

    @Test
    void rejectsBadListParameters() {
        var agent = registered("params");
        for (var query :
                List.of(
                        "protocol=smtp",
                        "status=asleep",
                        "page_size=0",
                        "page_size=abc",
                        "page_token=nonsense",
                        "capability=" + "x".repeat(129))) {
            var response = Http.send(agent.signed("GET", "/api/v1/agents?" + query, null));
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("code").asText()).isEqualTo("validation_error");
        }
        var clamped = Http.send(agent.signed("GET", "/api/v1/agents?limit=1000", null));
        assertThat(clamped.status()).isEqualTo(200);
    }

    @Test
    void registryReadsAreForAgentsAndPeopleAreSentToTheDirectory() {
        var agent = registered("for-agents");
        var users = new Users(node.uri());
        String token = users.signUp("reader").accessToken();
        String one = "/api/v1/agents/" + agent.id();
        for (var refused :
                List.of(
                        users.get("/api/v1/agents", token),
                        users.get(one, token),
                        users.post("/api/v1/discover", Map.of(), token))) {
            assertProblem(refused, 403, "forbidden");
            assertThat(refused.json().get("detail").asText()).contains("/api/v1/directory");
        }
        // The same reads with the agent's own credentials, as docs/api.md says.
        assertThat(Http.send(agent.signed("GET", "/api/v1/agents", null)).status()).isEqualTo(200);
        assertThat(Http.send(agent.signed("GET", one, null)).status()).isEqualTo(200);
        assertThat(Http.send(agent.signed("POST", "/api/v1/discover", Map.of())).status())
                .isEqualTo(200);
    }

    @Test
    void discoverFindsUpAgentsHavingEveryCapability() {
        String tag = "disc" + System.nanoTime();
        var both = registered("d-both", List.of(tag, tag + "-b"), List.of("a2a"));
        var one = registered("d-one", List.of(tag), List.of("a2a"));
        var offline = registered("d-off", List.of(tag, tag + "-b"), List.of("a2a"));
        Http.send(
                offline.signed(
                        "POST",
                        "/api/v1/agents/" + offline.id() + "/heartbeat",
                        Map.of("status", "offline")));

        var found =
                Http.send(
                                one.signed(
                                        "POST",
                                        "/api/v1/discover",
                                        Map.of(
                                                "capabilities",
                                                List.of(tag, tag + "-b"),
                                                "protocol",
                                                "a2a",
                                                "max_results",
                                                10)))
                        .json();
        assertThat(ids(found.get("agents"))).containsExactly(both.id().value());
        var limited =
                Http.send(
                                one.signed(
                                        "POST",
                                        "/api/v1/discover",
                                        Map.of("capabilities", List.of(tag), "max_results", 1)))
                        .json();
        assertThat(limited.get("agents").size()).isEqualTo(1);
        var wrongProtocol =
                Http.send(one.signed("POST", "/api/v1/discover", Map.of("protocol", "smtp")));
        assertThat(wrongProtocol.status()).isEqualTo(400);
    }

    @Test
    void heartbeatAnswersTheNextDeadlineAndKeepsTheAgentFresh() {
        var agent = registered("beating");
        var before =
                Instant.parse(
                        Http.send(agent.signed("GET", "/api/v1/agents/" + agent.id(), null))
                                .json()
                                .get("last_heartbeat")
                                .asText());
        var beat =
                Http.send(
                        agent.signed("POST", "/api/v1/agents/" + agent.id() + "/heartbeat", null));
        assertThat(beat.status()).isEqualTo(200);
        Instant deadline = Instant.parse(beat.json().get("next_deadline").asText());
        assertThat(deadline)
                .isAfter(Instant.now().plusSeconds(20))
                .isBefore(Instant.now().plusSeconds(40));
        var after =
                Instant.parse(
                        Http.send(agent.signed("GET", "/api/v1/agents/" + agent.id(), null))
                                .json()
                                .get("last_heartbeat")
                                .asText());
        assertThat(after).isAfterOrEqualTo(before);
    }

    @Test
    void heartbeatChangesStatusAtOnceAndMergesMetadata() {
        var agent = registered("stateful");
        var path = "/api/v1/agents/" + agent.id() + "/heartbeat";
        assertThat(
                        Http.send(
                                        agent.signed(
                                                "POST",
                                                path,
                                                Map.of(
                                                        "status",
                                                        "degraded",
                                                        "metadata",
                                                        Map.of("load", "high"))))
                                .status())
                .isEqualTo(200);
        var card = Http.send(agent.signed("GET", "/api/v1/agents/" + agent.id(), null)).json();
        assertThat(card.get("status").asText()).isEqualTo("degraded");
        assertThat(card.at("/metadata/load").asText()).isEqualTo("high");
        assertThat(card.at("/metadata/sdk_version").asText()).isEqualTo("0.9.0");

        var reserved =
                Http.send(
                        agent.signed(
                                "POST", path, Map.of("metadata", Map.of("owner_user_id", "u1"))));
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.json().at("/errors/0/field").asText())
                .isEqualTo("metadata.owner_user_id");
        var badStatus = Http.send(agent.signed("POST", path, Map.of("status", "sleeping")));
        assertThat(badStatus.status()).isEqualTo(400);
    }

    @Test
    void deregistrationRemovesTheAgentAndItsCredentials() {
        var agent = registered("leaving");
        var key =
                Http.send(
                                agent.signed(
                                        "POST",
                                        "/api/v1/agents/" + agent.id() + "/keys",
                                        Map.of("name", "ci")))
                        .json()
                        .get("key")
                        .asText();
        var other = registered("stays");
        assertThat(Http.send(other.signed("DELETE", "/api/v1/agents/" + agent.id(), null)).status())
                .isEqualTo(403);

        assertThat(Http.send(agent.signed("DELETE", "/api/v1/agents/" + agent.id(), null)).status())
                .isEqualTo(204);
        assertThat(Http.send(other.signed("GET", "/api/v1/agents/" + agent.id(), null)).status())
                .isEqualTo(404);
        assertThat(
                        Http.send(
                                        agent.signed(
                                                "POST",
                                                "/api/v1/agents/" + agent.id() + "/heartbeat",
                                                null))
                                .status())
                .isEqualTo(401);
        assertThat(
                        Http.send(
                                        agent.withKey(
                                                "POST",
                                                "/api/v1/agents/" + agent.id() + "/heartbeat",
                                                null,
                                                key))
                                .status())
                .isEqualTo(401);
        // Re-registering the same key later is a fresh registration.
        assertThat(
                        Http.send(agent.signed("POST", "/api/v1/agents", agent.card("back again")))
                                .status())
                .isEqualTo(201);
    }

    @Test
    void agentKeysWorkLikeSignaturesButCannotMintMoreKeys() {
        var agent = registered("keyed");
        String keys = "/api/v1/agents/" + agent.id() + "/keys";
        var minted = Http.send(agent.signed("POST", keys, Map.of("name", "deploy")));
        assertThat(minted.status()).isEqualTo(201);
        String key = minted.json().get("key").asText();
        assertThat(key).startsWith("pca_").hasSize(68);
        assertThat(minted.json().get("prefix").asText()).isEqualTo(key.substring(0, 12));

        assertThat(
                        Http.send(
                                        agent.withKey(
                                                "POST",
                                                "/api/v1/agents/" + agent.id() + "/heartbeat",
                                                null,
                                                key))
                                .status())
                .isEqualTo(200);
        assertThat(
                        Http.send(agent.withKey("GET", "/api/v1/agents?page_size=1", null, key))
                                .status())
                .isEqualTo(200);
        var listed = Http.send(agent.withKey("GET", keys, null, key));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).doesNotContain(key);
        assertThat(listed.json().at("/keys/0/prefix").asText()).isEqualTo(key.substring(0, 12));
        assertThat(Http.send(agent.withKey("POST", keys, Map.of("name", "more"), key)).status())
                .isEqualTo(403);

        var other = registered("key-thief");
        assertThat(
                        Http.send(
                                        other.withKey(
                                                "POST",
                                                "/api/v1/agents/" + other.id() + "/heartbeat",
                                                null,
                                                key))
                                .status())
                .isEqualTo(401);

        String keyId = minted.json().get("id").asText();
        assertThat(Http.send(other.signed("DELETE", keys + "/" + keyId, null)).status())
                .isEqualTo(403);
        assertThat(Http.send(agent.signed("DELETE", keys + "/" + keyId, null)).status())
                .isEqualTo(204);
        assertThat(Http.send(agent.signed("DELETE", keys + "/" + keyId, null)).status())
                .isEqualTo(404);
        assertThat(
                        Http.send(
                                        agent.withKey(
                                                "POST",
                                                "/api/v1/agents/" + agent.id() + "/heartbeat",
                                                null,
                                                key))
                                .status())
                .isEqualTo(401);
    }

    @Test
    void registrationsAreAuditedWithTheRequestId() {
        var agent = node.newAgent();
        var response = Http.send(agent.signed("POST", "/api/v1/agents", agent.card("audited")));
        String requestId = response.header("X-Request-Id");
        assertThat(node.auditOutput())
                .contains("\"type\":\"agent.registered\"")
                .contains("\"agent_id\":\"" + agent.id() + "\"")
                .contains("\"request_id\":\"" + requestId + "\"");
    }

    static List<String> ids(JsonNode agents) {
        return stream(agents).map(a -> a.get("id").asText()).toList();
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        var out = new ArrayList<JsonNode>();
        array.forEach(out::add);
        return out.stream();
    }

    static Set<String> set(List<String> values) {
        return new HashSet<>(values);
    }
}
