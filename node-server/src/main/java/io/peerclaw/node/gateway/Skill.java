package io.peerclaw.node.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Something an agent can be asked to do: an MCP tool, an A2A skill. The name is one and the same as
 * MCP tool name, A2A skill id and {@code tool} metadata value (see {@link SkillNames}).
 *
 * @param inputSchema a JSON Schema object ({@code "type": "object"}); for agents that take a
 *     message, one required string property {@code message}
 * @param outputSchema the tool's declared output schema, or null
 */
public record Skill(
        String name,
        String title,
        String description,
        List<String> tags,
        JsonNode inputSchema,
        JsonNode outputSchema) {
    public Skill {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputSchema, "inputSchema");
        tags = List.copyOf(tags);
        description = description == null ? "" : description;
    }
}
