package io.peerclaw.shared.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The agent card as it travels in JSON (snake_case keys, A2A-compatible with PeerClaw extensions).
 * Used for registration input and for every read; the node fills {@code id}, {@code status}, {@code
 * registered_at} and {@code last_heartbeat}. Enumerated fields are text so that a bad value is
 * reported per field instead of failing the whole body.
 *
 * <p>{@code signatures} are A2A card signatures (JWS over the canonical card, see {@code
 * shared.crypto.CardSignatures}); the node stores only signatures it has verified with the agent's
 * registered key.
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
        List<Signature> signatures,
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

    /**
     * One A2A card signature: a JWS in flattened form without its payload (RFC 7515 §7.2.2,
     * detached). On the wire {@code protectedHeader} is the member {@code protected} (a Java
     * keyword); both strings are base64url without padding. {@code header} is the optional
     * unprotected header, kept as given.
     */
    public record Signature(String protectedHeader, String signature, Map<String, Object> header) {}

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
                signatures,
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
                signatures,
                status,
                visibility,
                registeredAt,
                lastHeartbeat);
    }

    public AgentCard withSignatures(List<Signature> newSignatures) {
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
                newSignatures,
                status,
                visibility,
                registeredAt,
                lastHeartbeat);
    }

    /** Whether the card carries at least one signature. */
    public boolean signed() {
        return signatures != null && !signatures.isEmpty();
    }

    /**
     * The card as anyone but its owner may see it: without {@code auth.params}, and without the
     * endpoint address of a private agent. When that withholds something, the signatures are left
     * out too: they cover the whole card, so nobody could verify them on what remains.
     */
    public AgentCard publicView() {
        Auth publicAuth = auth == null ? null : new Auth(auth.type(), null);
        Endpoint publicEndpoint =
                Visibility.PRIVATE.wireName().equals(visibility) ? null : endpoint;
        boolean withheld =
                (auth != null && auth.params() != null && !auth.params().isEmpty())
                        || publicEndpoint != endpoint;
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
                withheld ? null : signatures,
                status,
                visibility,
                registeredAt,
                lastHeartbeat);
    }
}
