package io.peerclaw.node.gateway.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Skill;
import io.peerclaw.node.gateway.SkillNames;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.util.List;

/**
 * The skills of an agent that takes messages (A2A, ACP): those its registered card lists, or one
 * named after the agent. Each takes one string, the message.
 */
final class CardSkills {
    private CardSkills() {}

    static List<Skill> of(AgentCard card) {
        String agent = card.name() == null ? "the agent" : card.name();
        JsonNode input = messageSchema(agent);
        if (card.skills() == null || card.skills().isEmpty()) {
            return List.of(
                    new Skill(
                            SkillNames.slug(agent),
                            agent,
                            card.description(),
                            List.of(),
                            input,
                            null));
        }
        return card.skills().stream()
                .map(
                        skill ->
                                new Skill(
                                        SkillNames.of(skill.id(), skill.name()),
                                        skill.name(),
                                        skill.description(),
                                        skill.tags() == null ? List.of() : skill.tags(),
                                        input,
                                        null))
                .toList();
    }

    /**
     * {@code {"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}}
     */
    static ObjectNode messageSchema(String agent) {
        var schema = Json.mapper().createObjectNode();
        schema.put("type", "object");
        var message = schema.putObject("properties").putObject("message");
        message.put("type", "string");
        message.put("description", "The message to " + agent);
        schema.putArray("required").add("message");
        return schema;
    }
}
