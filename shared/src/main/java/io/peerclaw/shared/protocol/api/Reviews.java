package io.peerclaw.shared.protocol.api;

import java.time.Instant;
import java.util.List;

/** Reviews and abuse reports. */
public final class Reviews {
    private Reviews() {}

    public record ReviewRequest(Integer rating, String comment) {}

    public record Review(
            String id,
            String agentId,
            String userId,
            int rating,
            String comment,
            boolean hidden,
            Instant createdAt,
            Instant updatedAt) {}

    public record ReportRequest(
            String targetType, String targetId, String reason, String details) {}

    public record Report(
            String id,
            String reporterId,
            String targetType,
            String targetId,
            String reason,
            String details,
            String status,
            String note,
            String resolvedBy,
            Instant createdAt,
            Instant updatedAt) {}

    public record ReportList(List<Report> reports, String nextPageToken) {}

    /** An admin's decision: {@code status}, and with {@code actioned} what was done. */
    public record ReportUpdate(String status, String action, String note) {}
}
