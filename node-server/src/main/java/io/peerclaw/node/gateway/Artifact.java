package io.peerclaw.node.gateway;

import java.util.List;
import java.util.Objects;

/**
 * Something the agent produced: A2A's artifact, MCP's content, ACP's output message.
 *
 * @param name the agent's name for it, or null
 */
public record Artifact(String artifactId, String name, List<Part> parts) {
    public Artifact {
        Objects.requireNonNull(artifactId, "artifactId");
        parts = List.copyOf(parts);
    }
}
