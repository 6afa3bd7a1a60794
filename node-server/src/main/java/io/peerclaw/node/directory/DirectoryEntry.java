package io.peerclaw.node.directory;

import io.peerclaw.shared.model.AgentCard;
import java.time.Instant;
import java.util.List;

/**
 * The one public shape of an agent, as listings and profiles show it (snake_case on the wire).
 * Never carries auth parameters, metadata, the owner or the public key; {@code endpoint_url} only
 * when the owner made the endpoint public. {@code card_signed}: the card carries A2A signatures the
 * node verified with the registered key (the registry keeps no others); the signatures themselves
 * are served with the card.
 *
 * @param description null when the card has none
 * @param endpointUrl null unless the owner made the endpoint public
 */
public record DirectoryEntry(
        String id,
        String name,
        String description,
        String version,
        List<String> capabilities,
        List<AgentCard.Skill> skills,
        List<AgentCard.Tool> tools,
        List<String> protocols,
        String status,
        List<String> tags,
        boolean verified,
        boolean trusted,
        boolean cardSigned,
        double reputationScore,
        List<CategoryRef> categories,
        Instant registeredAt,
        Instant lastHeartbeat,
        String endpointUrl) {

    /** A category the agent is listed in. */
    public record CategoryRef(String id, String name, String slug) {}
}
