package io.peerclaw.node.gateway;

import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import java.util.Objects;

/**
 * A registered agent as the gateway calls it: always the endpoint from the registry, never a URL a
 * caller supplied.
 *
 * @param protocol the protocol the agent speaks natively: {@code a2a}, {@code mcp} or {@code acp}
 * @param endpointUrl the registered {@code endpoint.url}
 * @param card the agent's card (name, description, skills)
 */
public record AgentTarget(AgentId id, String protocol, String endpointUrl, AgentCard card) {
    public AgentTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(card, "card");
    }

    public String name() {
        return card.name();
    }
}
