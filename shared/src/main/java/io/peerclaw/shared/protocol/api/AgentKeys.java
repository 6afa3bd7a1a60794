package io.peerclaw.shared.protocol.api;

import java.time.Instant;
import java.util.List;

/** Agent API keys ({@code pca_…}): the raw key appears only in the answer that mints it. */
public final class AgentKeys {
    private AgentKeys() {}

    public record CreateRequest(String name) {}

    public record Created(String id, String key, String prefix, String name, Instant createdAt) {}

    public record Summary(
            String id, String prefix, String name, Instant createdAt, Instant lastUsedAt) {}

    public record ListResponse(List<Summary> keys) {}
}
