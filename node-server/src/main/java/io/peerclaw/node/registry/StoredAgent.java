package io.peerclaw.node.registry;

import io.peerclaw.shared.model.AgentCard;
import java.time.Instant;

/**
 * An agent as stored: the card's own content plus the node-kept columns.
 *
 * @param content the card as registered, without the node-kept fields
 */
record StoredAgent(
        String id,
        String publicKey,
        String status,
        String visibility,
        AgentCard content,
        Instant registeredAt,
        Instant updatedAt,
        Instant lastHeartbeat,
        Stewardship stewardship) {

    /** The full card as its owner sees it. */
    AgentCard card() {
        return content.withServerFields(id, status, visibility, registeredAt, lastHeartbeat);
    }

    StoredAgent withLastHeartbeat(Instant heartbeat) {
        return new StoredAgent(
                id,
                publicKey,
                status,
                visibility,
                content,
                registeredAt,
                updatedAt,
                heartbeat,
                stewardship);
    }

    StoredAgent withVisibility(String newVisibility) {
        return new StoredAgent(
                id,
                publicKey,
                status,
                newVisibility,
                content,
                registeredAt,
                updatedAt,
                lastHeartbeat,
                stewardship);
    }

    StoredAgent withStewardship(Stewardship newStewardship) {
        return new StoredAgent(
                id,
                publicKey,
                status,
                visibility,
                content,
                registeredAt,
                updatedAt,
                lastHeartbeat,
                newStewardship);
    }
}
