package io.peerclaw.shared.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The agent card as it travels in JSON (snake_case keys, A2A-compatible with PeerClaw extensions).
 * Used for registration input and for every read; the node fills {@code id}, {@code status}, {@code
 * registered_at} and {@code last_heartbeat}. Enumerated fields are text so that a bad value is
 * reported per field instead of failing the whole body.
 */
public record AgentCard(
        String id,
        String name,
        String description,
        String version,
        String publicKey,
        List<String> capabilities,
        List<Skill> skills,
        List<Tool> tools,
        Endpoint endpoint,
        List<String> protocols,
        Auth auth,
        Map<String, String> metadata,
        PeerClawExtension peerclaw,
        String status,
        String visibility,
        Instant registeredAt,
        Instant lastHeartbeat) {

    /** An A2A-style skill. */
    public record Skill(
            String id,
            String name,
            String description,
            List<String> tags,
            List<String> examples,
            List<String> inputModes,
            List<String> outputModes) {}

    /** An MCP-style tool; {@code input_schema} is a JSON Schema object kept as given. */
    public record Tool(String name, String description, Map<String, Object> inputSchema) {}

    /** Where the agent is reached. */
    public record Endpoint(String url, String host, Integer port, String transport) {}

    /** How callers authenticate to the agent; {@code params} are shown only to the owner. */
    public record Auth(String type, Map<String, String> params) {}

    /** PeerClaw's own extension block. */
    public record PeerClawExtension(
            String natType,
            String relayPreference,
            Integer priority,
            List<String> tags,
            String nostrPubkey,
            List<String> nostrRelays,
            List<String> inboxRelays,
            String identityAnchor,
            Boolean publicEndpoint) {}

    public AgentCard withServerFields(
            String id,
            String status,
            String visibility,
            Instant registeredAt,
            Instant lastHeartbeat) {
        return new AgentCard(
                id,
                name,
                description,
                version,
                publicKey,
                capabilities,
                skills,
                tools,
                endpoint,
                protocols,
                auth,
                metadata,
                peerclaw,
                status,
                visibility,
                registeredAt,
                lastHeartbeat);
    }

    public AgentCard withMetadata(Map<String, String> newMetadata) {
        return new AgentCard(
                id,
                name,
                description,
                version,
                publicKey,
                capabilities,
                skills,
                tools,
                endpoint,
                protocols,
                auth,
                newMetadata,
                peerclaw,
                status,
                visibility,
                registeredAt,
                lastHeartbeat);
    }

    /**
     * The card as anyone but its owner may see it: without {@code auth.params}, and without the
     * endpoint address of a private agent.
     */
    public AgentCard publicView() {
        Auth publicAuth = auth == null ? null : new Auth(auth.type(), null);
        Endpoint publicEndpoint =
                Visibility.PRIVATE.wireName().equals(visibility) ? null : endpoint;
        return new AgentCard(
                id,
                name,
                description,
                version,
                publicKey,
                capabilities,
                skills,
                tools,
                publicEndpoint,
                protocols,
                publicAuth,
                metadata,
                peerclaw,
                status,
                visibility,
                registeredAt,
                lastHeartbeat);
    }
}
