package io.peerclaw.node.gateway.mcp;

import java.util.List;

/**
 * The MCP revisions this front door speaks: those with the Streamable HTTP transport it serves.
 * 2024-11-05 used the older HTTP+SSE transport, and 2026-07-28 is stateless (no initialize, no
 * sessions); neither is served.
 */
final class McpVersions {
    static final String LATEST = "2025-11-25";

    /** Newest first. */
    static final List<String> SUPPORTED = List.of(LATEST, "2025-06-18", "2025-03-26");

    private McpVersions() {}

    /** The version to answer {@code initialize} with: the client's when we speak it, else ours. */
    static String negotiate(String requested) {
        return requested != null && SUPPORTED.contains(requested) ? requested : LATEST;
    }

    static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }
}
