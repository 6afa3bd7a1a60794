package io.peerclaw.node.directory;

import java.time.Instant;
import java.util.List;

/**
 * What the directory's own routes answer besides listings and profiles, as JSON records (snake_case
 * on the wire); {@link DirectoryPage} and {@link AgentProfile} are also read in process.
 */
final class Views {
    private Views() {}

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
