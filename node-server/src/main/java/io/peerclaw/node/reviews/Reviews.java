package io.peerclaw.node.reviews;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.AttemptLimiter;
import io.peerclaw.node.http.TimeCursor;
import io.peerclaw.node.registry.AgentModeration;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.ManagedAgent;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.Visibility;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import io.peerclaw.shared.protocol.api.Reviews.Report;
import io.peerclaw.shared.protocol.api.Reviews.ReportList;
import io.peerclaw.shared.protocol.api.Reviews.ReportRequest;
import io.peerclaw.shared.protocol.api.Reviews.ReportUpdate;
import io.peerclaw.shared.protocol.api.Reviews.Review;
import io.peerclaw.shared.protocol.api.Reviews.ReviewRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;

/** Reviews, reports and the moderation of reports. */
public final class Reviews {
    static final int COMMENT_CHARS = 2000;
    static final int DETAILS_CHARS = 2000;
    static final int NOTE_CHARS = 2000;
    static final int REPORTS_PER_HOUR = 30;
    static final List<String> REASONS =
            List.of("spam", "malicious", "impersonation", "inappropriate", "broken", "other");
    static final List<String> TARGETS = List.of("agent", "review");
    static final List<String> DECISIONS = List.of("reviewed", "dismissed", "actioned");
    static final List<String> ACTIONS = List.of("suspend_agent", "hide_review");

    private final ReviewStore store;
    private final AgentReads agents;
    private final AgentModeration moderation;
    private final Consumer<AgentId> publicViewChanged;
    private final RatingListener ratings;
    private final AuditLog audit;
    private final InstantSource clock;
    private final AttemptLimiter reportsByUser;

    Reviews(
            ReviewStore store,
            AgentReads agents,
            AgentModeration moderation,
            Consumer<AgentId> publicViewChanged,
            RatingListener ratings,
            AuditLog audit,
            InstantSource clock) {
        this.store = store;
        this.agents = agents;
        this.moderation = moderation;
        this.publicViewChanged = publicViewChanged;
        this.ratings = ratings;
        this.audit = audit;
        this.clock = clock;
        this.reportsByUser =
                new AttemptLimiter(
                        REPORTS_PER_HOUR, Duration.ofHours(1), Duration.ofHours(1), clock);
    }

    /** What a rating must be, whether it is out of range or not a whole number at all. */
    static final String RATING_RULE = "must be a whole number from 1 to 5";

    /** A saved review and whether it is new. */
    public record Saved(Review review, boolean created) {}

    /**
     * Creates or replaces the user's review of a public agent. Nobody reviews an agent they own,
     * and a user's reviews of one agent count once: a second submission replaces the first.
     */
    public Saved review(String userId, AgentId id, ReviewRequest request) {
        var errors = new ArrayList<FieldError>();
        if (request.rating() == null || request.rating() < 1 || request.rating() > 5) {
            errors.add(new FieldError("rating", RATING_RULE));
        }
        String comment = request.comment() == null ? "" : request.comment().strip();
        if (comment.length() > COMMENT_CHARS) {
            errors.add(
                    new FieldError("comment", "must be at most " + COMMENT_CHARS + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        var agent = publicAgent(id);
        if (agent.stewardship().ownedBy(userId)) {
            throw ApiException.forbidden("you cannot review your own agent");
        }
        var saved =
                store.saveReview(
                        UUID.randomUUID().toString(),
                        id.value(),
                        userId,
                        request.rating(),
                        comment,
                        now());
        ratings.ratingChanged(
                id,
                userId,
                saved.value().hidden()
                        ? OptionalInt.empty()
                        : OptionalInt.of(saved.value().rating()));
        publicViewChanged.accept(id);
        return new Saved(saved.value(), saved.created());
    }

    public void deleteReview(String userId, AgentId id) {
        if (!store.deleteReview(id.value(), userId)) {
            throw ApiException.notFound("you have no review of agent " + id);
        }
        ratings.ratingChanged(id, userId, OptionalInt.empty());
        publicViewChanged.accept(id);
    }

    /** A saved report and whether it is new (else it was merged into the earlier one). */
    public record Filed(Report report, boolean created) {}

    public Filed report(String userId, ReportRequest request) {
        var errors = new ArrayList<FieldError>();
        if (request.targetType() == null || !TARGETS.contains(request.targetType())) {
            errors.add(new FieldError("target_type", "must be agent or review"));
        }
        if (request.targetId() == null || request.targetId().isBlank()) {
            errors.add(new FieldError("target_id", "is required"));
        }
        if (request.reason() == null || !REASONS.contains(request.reason())) {
            errors.add(new FieldError("reason", "must be one of " + String.join(", ", REASONS)));
        }
        String details = request.details() == null ? "" : request.details().strip();
        if (details.length() > DETAILS_CHARS) {
            errors.add(
                    new FieldError("details", "must be at most " + DETAILS_CHARS + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String targetId = request.targetId().strip();
        boolean exists =
                switch (request.targetType()) {
                    case "agent" ->
                            AgentId.parse(targetId).flatMap(agents::managedAgent).isPresent();
                    default -> store.review(targetId).filter(r -> !r.hidden()).isPresent();
                };
        if (!exists) {
            throw ApiException.invalid(
                    "target_id", "names no " + request.targetType() + " on this node");
        }
        var locked = reportsByUser.lockedFor(userId);
        if (locked.isPresent()) {
            throw ApiException.rateLimited(locked.getAsLong());
        }
        reportsByUser.record(userId);
        var saved =
                store.saveReport(
                        UUID.randomUUID().toString(),
                        userId,
                        request.targetType(),
                        targetId,
                        request.reason(),
                        details,
                        now());
        return new Filed(saved.value(), saved.created());
    }

    // ------------------------------------------------------------------ moderation

    public ReportList reports(Optional<String> status, String pageToken, int size) {
        status.filter(s -> !List.of("pending", "reviewed", "dismissed", "actioned").contains(s))
                .ifPresent(
                        s -> {
                            throw ApiException.invalid(
                                    "status", "must be pending, reviewed, dismissed or actioned");
                        });
        var fetched = store.reports(status, TimeCursor.parse(pageToken), size + 1);
        boolean more = fetched.size() > size;
        var rows = more ? fetched.subList(0, size) : fetched;
        return new ReportList(
                rows,
                more
                        ? new TimeCursor(rows.getLast().createdAt(), rows.getLast().id()).token()
                        : null);
    }

    /** The agent a review is about, if the review still exists. */
    public Optional<String> reviewedAgentId(String reviewId) {
        return store.review(reviewId).map(Review::agentId);
    }

    public Report report(String id) {
        return store.report(id).orElseThrow(() -> ApiException.notFound("no report " + id));
    }

    /**
     * Moves a report on: {@code reviewed}, {@code dismissed}, or {@code actioned} with an action
     * that suspends the reported agent (or the agent of the reported review) or hides the review.
     */
    public Report decide(String id, ReportUpdate update, String admin) {
        var errors = new ArrayList<FieldError>();
        if (update.status() == null || !DECISIONS.contains(update.status())) {
            errors.add(new FieldError("status", "must be reviewed, dismissed or actioned"));
        }
        if (update.action() != null && !ACTIONS.contains(update.action())) {
            errors.add(new FieldError("action", "must be suspend_agent or hide_review"));
        }
        if (update.action() != null && !"actioned".equals(update.status())) {
            errors.add(new FieldError("action", "goes only with status actioned"));
        }
        String note = update.note() == null ? "" : update.note().strip();
        if (note.length() > NOTE_CHARS) {
            errors.add(new FieldError("note", "must be at most " + NOTE_CHARS + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Report report = report(id);
        if (update.action() != null) {
            act(report, update.action(), admin);
        }
        var decided =
                store.updateReport(id, update.status(), note, admin, now())
                        .orElseThrow(() -> ApiException.notFound("no report " + id));
        audit.recordBy(
                AuditEvent.REPORT_DECIDED,
                admin,
                AuditLog.details(
                        "report_id", id, "status", update.status(), "action", update.action()));
        return decided;
    }

    private void act(Report report, String action, String admin) {
        switch (action) {
            case "suspend_agent" -> {
                String agentId =
                        report.targetType().equals("agent")
                                ? report.targetId()
                                : store.review(report.targetId())
                                        .map(Review::agentId)
                                        .orElseThrow(
                                                () ->
                                                        ApiException.conflict(
                                                                "the reported review is gone"));
                AgentId agent =
                        AgentId.parse(agentId)
                                .orElseThrow(
                                        () -> ApiException.conflict("the reported agent is gone"));
                moderation.setSuspended(
                        agent, "report " + report.id() + ": " + report.reason(), admin);
            }
            case "hide_review" -> {
                if (!report.targetType().equals("review")) {
                    throw ApiException.invalid("action", "hide_review needs a report on a review");
                }
                var review =
                        store.review(report.targetId())
                                .orElseThrow(
                                        () -> ApiException.conflict("the reported review is gone"));
                store.hideReview(review.id(), now());
                audit.record(
                        AuditEvent.REVIEW_HIDDEN,
                        review.agentId(),
                        admin,
                        AuditLog.details("review_id", review.id(), "report_id", report.id()));
                AgentId.parse(review.agentId())
                        .ifPresent(
                                agent -> {
                                    ratings.ratingChanged(
                                            agent, review.userId(), OptionalInt.empty());
                                    publicViewChanged.accept(agent);
                                });
            }
            default -> throw new IllegalStateException("unchecked action " + action);
        }
    }

    public void deleteReport(String id, String admin) {
        if (!store.deleteReport(id)) {
            throw ApiException.notFound("no report " + id);
        }
        audit.recordBy(AuditEvent.REPORT_DELETED, admin, AuditLog.details("report_id", id));
    }

    /** What an admin sees of an agent's reviews: the visible summary, hidden count, latest. */
    public record AdminView(
            double averageRating,
            long totalReviews,
            List<Long> distribution,
            long hiddenReviews,
            List<Review> latest) {}

    public AdminView adminView(AgentId id) {
        var tally = store.tally(id.value());
        long total = 0;
        long sum = 0;
        var distribution = new ArrayList<Long>();
        for (int i = 0; i < 5; i++) {
            total += tally.byRating()[i];
            sum += tally.byRating()[i] * (i + 1);
            distribution.add(tally.byRating()[i]);
        }
        return new AdminView(
                total == 0 ? 0 : (double) sum / total,
                total,
                distribution,
                tally.hidden(),
                store.latestReviews(id.value(), 20));
    }

    public long pendingReports() {
        return store.reportCount("pending");
    }

    public long reviewCount() {
        return store.reviewCount();
    }

    private ManagedAgent publicAgent(AgentId id) {
        return agents.managedAgent(id)
                .filter(a -> !a.stewardship().suspended())
                .filter(a -> Visibility.PUBLIC.wireName().equals(a.card().visibility()))
                .orElseThrow(() -> ApiException.notFound("no public agent with id " + id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
