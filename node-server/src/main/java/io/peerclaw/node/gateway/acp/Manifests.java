package io.peerclaw.node.gateway.acp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.AgentTarget;
import io.peerclaw.node.gateway.SkillNames;
import io.peerclaw.shared.model.AgentCard;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registered agent as an ACP {@code AgentManifest}: named by its id (32 characters of {@code
 * [a-z2-7]}, a valid ACP name, where card names are free text), its card's skills and tools as
 * {@code metadata.capabilities} under the names a trajectory part's {@code tool_name} picks them
 * by. Only what the public card shows: never the endpoint or auth parameters.
 */
final class Manifests {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a run's input and output may hold; files travel as base64 or URLs besides. */
    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/json");

    private Manifests() {}

    static ObjectNode manifest(AgentTarget target) {
        AgentCard card = target.card();
        ObjectNode manifest = NODES.objectNode();
        manifest.put("name", target.id().value());
        manifest.put("description", text(card.description()));
        CONTENT_TYPES.forEach(manifest.putArray("input_content_types")::add);
        CONTENT_TYPES.forEach(manifest.putArray("output_content_types")::add);
        ObjectNode metadata = manifest.putObject("metadata");
        if (card.name() != null) {
            metadata.put("display_name", card.name());
        }
        if (card.version() != null) {
            metadata.put("version", card.version());
        }
        metadata.put("protocol", target.protocol());
        // A skill and a tool of one name are one capability: the name is what picks it.
        var capabilities = new LinkedHashMap<String, String>();
        Set<String> tags = new LinkedHashSet<>(orEmpty(card.capabilities()));
        for (AgentCard.Skill skill : orEmpty(card.skills())) {
            capabilities.putIfAbsent(
                    SkillNames.of(skill.id(), skill.name()), text(skill.description()));
            tags.addAll(orEmpty(skill.tags()));
        }
        for (AgentCard.Tool tool : orEmpty(card.tools())) {
            if (tool.name() != null) {
                capabilities.putIfAbsent(tool.name(), text(tool.description()));
            }
        }
        ArrayNode listed = metadata.putArray("capabilities");
        capabilities.forEach(
                (name, description) ->
                        listed.addObject().put("name", name).put("description", description));
        tags.forEach(metadata.putArray("tags")::add);
        if (card.registeredAt() != null) {
            metadata.put("created_at", RunJson.time(card.registeredAt()));
        }
        return manifest;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return Optional.ofNullable(list).orElse(List.of()).stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }
}
