package io.peerclaw.node.gateway.connect;

import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.CallRequest;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Agents and requests for connector tests. */
final class Targets {
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private Targets() {}

    /** A fresh agent (its own caches and sessions) at the endpoint. */
    static AgentTarget target(String protocol, String url) {
        return target(protocol, url, "Test Agent", List.of(), Map.of());
    }

    static AgentTarget target(
            String protocol,
            String url,
            String name,
            List<AgentCard.Skill> skills,
            Map<String, String> metadata) {
        var card =
                new AgentCard(
                        null,
                        name,
                        "an agent for tests",
                        "1.0.0",
                        null,
                        List.of(),
                        skills,
                        List.of(),
                        new AgentCard.Endpoint(url, null, null, "http"),
                        List.of(protocol),
                        null,
                        metadata,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        return new AgentTarget(newId(), protocol, url, card);
    }

    static AgentId newId() {
        var id = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            id.append(BASE32.charAt(ThreadLocalRandom.current().nextInt(BASE32.length())));
        }
        return new AgentId(id.toString());
    }

    static CallRequest request(Part... parts) {
        return new CallRequest(
                UUID.randomUUID(), UUID.randomUUID(), null, null, List.of(parts), null);
    }

    static CallRequest continuing(String remoteTaskId, Part... parts) {
        return new CallRequest(
                UUID.randomUUID(), UUID.randomUUID(), remoteTaskId, null, List.of(parts), null);
    }
}
