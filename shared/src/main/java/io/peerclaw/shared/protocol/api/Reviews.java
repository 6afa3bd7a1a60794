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

    /**
     * A report. {@code targetName} (the agent's name, or "review of" it) is filled in only for an
     * admin's listing, so that the console names what was reported.
     */
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
            Instant updatedAt,
            String targetName) {
        public Report(
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
                Instant updatedAt) {
            this(
                    id,
                    reporterId,
                    targetType,
                    targetId,
                    reason,
                    details,
                    status,
                    note,
                    resolvedBy,
                    createdAt,
                    updatedAt,
                    null);
        }

        public Report named(String name) {
            return new Report(
                    id,
                    reporterId,
                    targetType,
                    targetId,
                    reason,
                    details,
                    status,
                    note,
                    resolvedBy,
                    createdAt,
                    updatedAt,
                    name);
        }
    }

    public record ReportList(List<Report> reports, String nextPageToken) {}

    /** An admin's decision: {@code status}, and with {@code actioned} what was done. */
    public record ReportUpdate(String status, String action, String note) {}
}
