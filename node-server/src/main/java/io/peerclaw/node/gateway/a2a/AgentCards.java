package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.gateway.SkillNames;
import io.peerclaw.shared.model.AgentCard;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Agent cards as A2A clients read them: the pure 1.0 card for a client that sends {@code
 * A2A-Version: 1.0}, and for one that sends none the hybrid card (protocols.md §1.3): 0.3's shape
 * ({@code url}, {@code preferredTransport}, {@code protocolVersion} 0.3.0) that also lists the 1.0
 * interfaces, so clients of both generations find their way from the same URL.
 */
final class AgentCards {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> MODES = List.of("text/plain", "application/json");
    static final String TAG = "peerclaw";

    private AgentCards() {}

    /** A skill as a card lists it. */
    record CardSkill(String id, String name, String description, List<String> tags) {
        CardSkill {
            Objects.requireNonNull(id, "id");
            var all = new LinkedHashSet<String>();
            all.add(TAG);
            all.addAll(tags);
            tags = List.copyOf(all);
            name = name == null || name.isBlank() ? id : name;
            description = description == null || description.isBlank() ? name : description;
        }

        static CardSkill of(Skill skill) {
            return new CardSkill(skill.name(), skill.title(), skill.description(), skill.tags());
        }
    }

    /** {@code provider}: both members are required when it is there. */
    record Provider(String organization, String url) {}

    /**
     * What a card says.
     *
     * @param url the JSON-RPC endpoint, absolute
     * @param bearerRequired callers must authenticate (the agent is not open to anonymous calls)
     * @param bearerOffered credentials are understood even if not required
     */
    record Facts(
            String name,
            String description,
            String version,
            String url,
            List<CardSkill> skills,
            Optional<Provider> provider,
            boolean bearerRequired,
            boolean bearerOffered) {
        Facts {
            skills = List.copyOf(skills);
        }
    }

    /** The facts of a registered agent's card at the gateway. */
    static Facts of(
            AgentTarget target, List<CardSkill> skills, String url, boolean anonymousMayCall) {
        AgentCard card = target.card();
        return new Facts(
                nonBlank(card.name(), target.id().value()),
                nonBlank(card.description(), ""),
                nonBlank(card.version(), "0.0.0"),
                url,
                skills,
                provider(card.metadata()),
                !anonymousMayCall,
                true);
    }

    /**
     * The node itself as an agent: it finds agents in its directory and forwards messages to them.
     * Credentials are optional (discovery is public) and passed on when forwarding.
     */
    static Facts node(String url) {
        return new Facts(
                "PeerClaw Node",
                "Trust infrastructure and a protocol gateway for AI agents: finds agents in this"
                        + " node's directory and forwards messages to them, whatever protocol they"
                        + " speak.",
                io.peerclaw.shared.Version.current(),
                url,
                List.of(
                        new CardSkill(
                                A2aCalls.DISCOVER,
                                "Discover agents",
                                "Searches the node's public directory for the words of the"
                                        + " message (or a data part {query, protocol,"
                                        + " capability, limit}); answers with a text summary and"
                                        + " a data part listing the agents: id, name,"
                                        + " description, protocols, reputation, verified.",
                                List.of("directory", "discovery")),
                        new CardSkill(
                                A2aCalls.FORWARD,
                                "Forward a message",
                                "Forwards the message to the agent named in metadata"
                                        + " target_agent_id (and its skill in target_skill),"
                                        + " with the caller's own access rules and limits; the"
                                        + " agent's answer is this task's artifacts.",
                                List.of("gateway", "forward"))),
                Optional.empty(),
                false,
                true);
    }

    /**
     * The skills the registered card declares, for when the agent cannot be asked (its A2A skills,
     * else its MCP tools).
     */
    static List<CardSkill> declaredSkills(AgentCard card) {
        var out = new ArrayList<CardSkill>();
        if (card.skills() != null) {
            for (AgentCard.Skill s : card.skills()) {
                out.add(
                        new CardSkill(
                                SkillNames.of(s.id(), s.name()),
                                s.name(),
                                s.description(),
                                s.tags() == null ? List.of() : s.tags()));
            }
        }
        if (out.isEmpty() && card.tools() != null) {
            for (AgentCard.Tool t : card.tools()) {
                if (t.name() != null && !t.name().isBlank()) {
                    out.add(new CardSkill(t.name(), t.name(), t.description(), List.of()));
                }
            }
        }
        return out;
    }

    /** {@code provider_organization} and {@code provider_url} of the registered card's metadata. */
    static Optional<Provider> provider(Map<String, String> metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        String organization = metadata.get("provider_organization");
        String url = metadata.get("provider_url");
        if (organization == null || organization.isBlank() || url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Provider(organization, url));
    }

    /** The pure A2A 1.0 card. */
    static ObjectNode v1(Facts facts) {
        ObjectNode card = NODES.objectNode();
        card.put("name", facts.name());
        card.put("description", facts.description());
        card.set("supportedInterfaces", interfaces(facts.url()));
        facts.provider().ifPresent(p -> card.set("provider", provider(p)));
        card.put("version", facts.version());
        card.putObject("capabilities")
                .put("streaming", true)
                .put("pushNotifications", false)
                .put("extendedAgentCard", false);
        if (facts.bearerOffered()) {
            card.putObject("securitySchemes")
                    .putObject("bearer")
                    .putObject("httpAuthSecurityScheme")
                    .put("scheme", "Bearer")
                    .put(
                            "description",
                            "a PeerClaw access token or API key (pck_…), or an agent key with"
                                    + " X-PeerClaw-Agent-ID");
        }
        if (facts.bearerRequired()) {
            card.putArray("securityRequirements")
                    .addObject()
                    .putObject("schemes")
                    .putObject("bearer")
                    .putArray("list");
        }
        modes(card);
        card.set("skills", skills(facts.skills()));
        return card;
    }

    /** The hybrid card for clients that name no version: 0.3's shape plus the 1.0 interfaces. */
    static ObjectNode hybrid(Facts facts) {
        ObjectNode card = NODES.objectNode();
        card.put("protocolVersion", "0.3.0");
        card.put("name", facts.name());
        card.put("description", facts.description());
        card.put("url", facts.url());
        card.put("preferredTransport", "JSONRPC");
        card.putArray("additionalInterfaces")
                .addObject()
                .put("url", facts.url())
                .put("transport", "JSONRPC");
        card.set("supportedInterfaces", interfaces(facts.url()));
        facts.provider().ifPresent(p -> card.set("provider", provider(p)));
        card.put("version", facts.version());
        card.putObject("capabilities").put("streaming", true).put("pushNotifications", false);
        if (facts.bearerOffered()) {
            card.putObject("securitySchemes")
                    .putObject("bearer")
                    .put("type", "http")
                    .put("scheme", "bearer");
        }
        if (facts.bearerRequired()) {
            card.putArray("security").addObject().putArray("bearer");
        }
        modes(card);
        card.set("skills", skills(facts.skills()));
        card.put("supportsAuthenticatedExtendedCard", false);
        return card;
    }

    /** JSON-RPC first, so that clients choosing by card order take it; 1.0, then 0.3. */
    private static ArrayNode interfaces(String url) {
        ArrayNode out = NODES.arrayNode();
        for (A2aVersion version : List.of(A2aVersion.V1_0, A2aVersion.V0_3)) {
            out.addObject()
                    .put("url", url)
                    .put("protocolBinding", "JSONRPC")
                    .put("protocolVersion", version.wire());
        }
        return out;
    }

    private static ObjectNode provider(Provider provider) {
        return NODES.objectNode()
                .put("organization", provider.organization())
                .put("url", provider.url());
    }

    private static void modes(ObjectNode card) {
        MODES.forEach(card.putArray("defaultInputModes")::add);
        MODES.forEach(card.putArray("defaultOutputModes")::add);
    }

    private static ArrayNode skills(List<CardSkill> skills) {
        ArrayNode out = NODES.arrayNode();
        for (CardSkill skill : skills) {
            ObjectNode s = out.addObject();
            s.put("id", skill.id());
            s.put("name", skill.name());
            s.put("description", skill.description());
            skill.tags().forEach(s.putArray("tags")::add);
        }
        return out;
    }

    private static String nonBlank(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }
}
