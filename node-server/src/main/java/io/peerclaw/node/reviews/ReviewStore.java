package io.peerclaw.node.reviews;

import io.peerclaw.node.http.TimeCursor;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Filtered;
import io.peerclaw.node.storage.Sql;
import io.peerclaw.shared.protocol.api.Reviews.Report;
import io.peerclaw.shared.protocol.api.Reviews.Review;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every SQL statement that writes reviews and reports (the directory reads reviews for its pages).
 */
final class ReviewStore {
    private static final String REVIEW_COLUMNS =
            "id, agent_id, user_id, rating, comment, hidden, created_at, updated_at";
    private static final String REPORT_COLUMNS =
            "id, reporter_id, target_type, target_id, reason, details, status, note, resolved_by,"
                    + " created_at, updated_at";

    private final Database database;

    ReviewStore(Database database) {
        this.database = database;
    }

    record Saved<T>(T value, boolean created) {}

    /** Creates the user's review of the agent or replaces its rating and comment. */
    Saved<Review> saveReview(
            String id, String agentId, String userId, int rating, String comment, Instant now) {
        return database.inTransactionRacing(
                sql -> {
                    Optional<Review> existing =
                            sql.queryOne(
                                    "SELECT "
                                            + REVIEW_COLUMNS
                                            + " FROM reviews WHERE agent_id = ? AND user_id = ?"
                                            + " FOR UPDATE",
                                    ReviewStore::review,
                                    agentId,
                                    userId);
                    if (existing.isEmpty()) {
                        sql.update(
                                "INSERT INTO reviews (id, agent_id, user_id, rating, comment,"
                                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                id,
                                agentId,
                                userId,
                                rating,
                                comment,
                                now,
                                now);
                        return new Saved<>(
                                new Review(id, agentId, userId, rating, comment, false, now, now),
                                true);
                    }
                    var old = existing.get();
                    sql.update(
                            "UPDATE reviews SET rating = ?, comment = ?, updated_at = ? WHERE"
                                    + " id = ?",
                            rating,
                            comment,
                            now,
                            old.id());
                    return new Saved<>(
                            new Review(
                                    old.id(),
                                    agentId,
                                    userId,
                                    rating,
                                    comment,
                                    old.hidden(),
                                    old.createdAt(),
                                    now),
                            false);
                });
    }

    boolean deleteReview(String agentId, String userId) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "DELETE FROM reviews WHERE agent_id = ? AND user_id = ?",
                                        agentId,
                                        userId))
                > 0;
    }

    Optional<Review> review(String id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT " + REVIEW_COLUMNS + " FROM reviews WHERE id = ?",
                                ReviewStore::review,
                                id));
    }

    boolean hideReview(String id, Instant now) {
        return database.inTransaction(
                        sql ->
                                sql.update(
                                        "UPDATE reviews SET hidden = TRUE, updated_at = ? WHERE id"
                                                + " = ?",
                                        now,
                                        id))
                > 0;
    }

    /** Visible reviews per rating (index 0 = one star) and the number of hidden ones. */
    record Tally(long[] byRating, long hidden) {}

    Tally tally(String agentId) {
        long[] byRating = new long[5];
        long[] hidden = new long[1];
        database.read(
                        sql ->
                                sql.query(
                                        "SELECT hidden, rating, COUNT(*) FROM reviews WHERE"
                                                + " agent_id = ? GROUP BY hidden, rating",
                                        row ->
                                                new Object[] {
                                                    row.getBoolean(1), row.getInt(2), row.getLong(3)
                                                },
                                        agentId))
                .forEach(
                        r -> {
                            if ((boolean) r[0]) {
                                hidden[0] += (long) r[2];
                            } else {
                                byRating[(int) r[1] - 1] += (long) r[2];
                            }
                        });
        return new Tally(byRating, hidden[0]);
    }

    List<Review> latestReviews(String agentId, int limit) {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT "
                                        + REVIEW_COLUMNS
                                        + " FROM reviews WHERE agent_id = ? ORDER BY created_at"
                                        + " DESC, id DESC LIMIT ?",
                                ReviewStore::review,
                                agentId,
                                limit));
    }

    long reviewCount() {
        return database.read(sql -> sql.count("SELECT COUNT(*) FROM reviews"));
    }

    // ------------------------------------------------------------------ reports

    /**
     * Files a report, or merges it into the reporter's earlier report on the same target: the
     * newest reason and details win and a closed report opens again.
     */
    Saved<Report> saveReport(
            String id,
            String reporterId,
            String targetType,
            String targetId,
            String reason,
            String details,
            Instant now) {
        return database.inTransactionRacing(
                sql -> {
                    Optional<Report> existing =
                            sql.queryOne(
                                    "SELECT "
                                            + REPORT_COLUMNS
                                            + " FROM abuse_reports WHERE reporter_id = ? AND"
                                            + " target_type = ? AND target_id = ? FOR UPDATE",
                                    ReviewStore::report,
                                    reporterId,
                                    targetType,
                                    targetId);
                    if (existing.isEmpty()) {
                        sql.update(
                                "INSERT INTO abuse_reports (id, reporter_id, target_type,"
                                        + " target_id, reason, details, status, created_at,"
                                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?,"
                                        + " ?)",
                                id,
                                reporterId,
                                targetType,
                                targetId,
                                reason,
                                details,
                                now,
                                now);
                    } else {
                        sql.update(
                                "UPDATE abuse_reports SET reason = ?, details = ?, status ="
                                        + " 'pending', updated_at = ? WHERE id = ?",
                                reason,
                                details,
                                now,
                                existing.get().id());
                    }
                    String reportId = existing.map(Report::id).orElse(id);
                    return new Saved<>(
                            sql.queryOne(
                                            "SELECT "
                                                    + REPORT_COLUMNS
                                                    + " FROM abuse_reports WHERE id = ?",
                                            ReviewStore::report,
                                            reportId)
                                    .orElseThrow(),
                            existing.isEmpty());
                });
    }

    Optional<Report> report(String id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT " + REPORT_COLUMNS + " FROM abuse_reports WHERE id = ?",
                                ReviewStore::report,
                                id));
    }

    /** Reports, newest first, optionally of one status, after a (created_at, id) cursor. */
    List<Report> reports(Optional<String> status, Optional<TimeCursor> after, int limit) {
        var filtered =
                Filtered.all()
                        .andIf(status, "status = ?")
                        .newestFirst(
                                "created_at",
                                "id",
                                after.map(TimeCursor::at),
                                after.map(TimeCursor::id),
                                limit);
        return database.read(
                s ->
                        s.query(
                                "SELECT " + REPORT_COLUMNS + " FROM abuse_reports" + filtered.sql(),
                                ReviewStore::report,
                                filtered.parameters()));
    }

    Optional<Report> updateReport(
            String id, String status, String note, String resolvedBy, Instant now) {
        return database.inTransaction(
                sql -> {
                    int changed =
                            sql.update(
                                    "UPDATE abuse_reports SET status = ?, note = ?, resolved_by ="
                                            + " ?, updated_at = ? WHERE id = ?",
                                    status,
                                    note,
                                    resolvedBy,
                                    now,
                                    id);
                    if (changed == 0) {
                        return Optional.<Report>empty();
                    }
                    return sql.queryOne(
                            "SELECT " + REPORT_COLUMNS + " FROM abuse_reports WHERE id = ?",
                            ReviewStore::report,
                            id);
                });
    }

    boolean deleteReport(String id) {
        return database.inTransaction(
                        sql -> sql.update("DELETE FROM abuse_reports WHERE id = ?", id))
                > 0;
    }

    long reportCount(String status) {
        return database.read(
                sql -> sql.count("SELECT COUNT(*) FROM abuse_reports WHERE status = ?", status));
    }

    private static Review review(ResultSet row) throws SQLException {
        return new Review(
                row.getString("id"),
                row.getString("agent_id"),
                row.getString("user_id"),
                row.getInt("rating"),
                row.getString("comment"),
                row.getBoolean("hidden"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }

    private static Report report(ResultSet row) throws SQLException {
        return new Report(
                row.getString("id"),
                row.getString("reporter_id"),
                row.getString("target_type"),
                row.getString("target_id"),
                row.getString("reason"),
                row.getString("details"),
                row.getString("status"),
                row.getString("note"),
                row.getString("resolved_by"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
