package io.peerclaw.node.directory;

import io.peerclaw.shared.model.AgentCard;
import java.time.Instant;
import java.util.List;

/** What the directory answers, as JSON records (snake_case on the wire). */
final class Views {
    private Views() {}

    /**
     * The one public shape of an agent. Never carries auth parameters, metadata, the owner or the
     * public key; {@code endpoint_url} only when the owner made the endpoint public. {@code
     * card_signed}: the card carries A2A signatures the node verified with the registered key (the
     * registry keeps no others); the signatures themselves are served with the card.
     */
    record PublicAgent(
            String id,
            String name,
            String description,
            String version,
            List<String> capabilities,
            List<AgentCard.Skill> skills,
            List<AgentCard.Tool> tools,
            List<String> protocols,
            String status,
            List<String> tags,
            boolean verified,
            boolean trusted,
            boolean cardSigned,
            double reputationScore,
            List<CategoryRef> categories,
            Instant registeredAt,
            Instant lastHeartbeat,
            String endpointUrl) {}

    record CategoryRef(String id, String name, String slug) {}

    record AgentPage(List<PublicAgent> agents, String nextPageToken) {}

    /** {@code distribution[0]} counts 1-star reviews, {@code distribution[4]} 5-star ones. */
    record ReviewSummary(double averageRating, long totalReviews, List<Long> distribution) {}

    record Review(
            String id,
            String agentId,
            String userId,
            String displayName,
            int rating,
            String comment,
            Instant createdAt,
            Instant updatedAt) {}

    record ReviewPage(List<Review> reviews, String nextPageToken) {}

    record CategoryList(List<Categories.Category> categories) {}
}
