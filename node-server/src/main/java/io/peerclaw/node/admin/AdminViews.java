package io.peerclaw.node.admin;

import io.peerclaw.node.audit.AuditEntry;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.config.SettingsFile;
import io.peerclaw.node.gateway.InvocationLog;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.reviews.Reviews;
import io.peerclaw.shared.protocol.api.Admin;
import io.peerclaw.shared.protocol.api.Console;
import java.util.List;

/**
 * The other features' answers as the admin and console records of {@code shared}, which the desktop
 * console reads: the features keep their own types, the wire keeps its own.
 */
final class AdminViews {
    private AdminViews() {}

    static Admin.ReviewSummary reviews(Reviews.AdminView view) {
        return new Admin.ReviewSummary(
                view.averageRating(),
                view.totalReviews(),
                view.distribution(),
                view.hiddenReviews(),
                view.latest());
    }

    static Admin.CallStats stats(InvocationLog.Stats s) {
        return new Admin.CallStats(
                s.totalCalls(),
                s.successCalls(),
                s.errorCalls(),
                s.avgDurationMs(),
                s.p95DurationMs());
    }

    static Admin.AuditEvents audit(List<AuditEntry> entries, Names.Lookup names) {
        return new Admin.AuditEvents(
                entries.stream()
                        .map(
                                e ->
                                        new Admin.AuditEntry(
                                                e.id(),
                                                e.occurredAt(),
                                                e.eventType(),
                                                e.agentId(),
                                                e.actorUserId(),
                                                e.sourceIp(),
                                                e.requestId(),
                                                e.details(),
                                                names.agentName(e.agentId()),
                                                names.email(e.actorUserId())))
                        .toList());
    }

    static Console.Setting setting(SettingsFile.Setting s) {
        return new Console.Setting(
                s.key(), s.value(), s.kind(), s.description(), s.set(), s.readOnly(), s.note());
    }

    static Console.LogLine line(NodeLogs.Line line) {
        return new Console.LogLine(line.time(), line.level(), line.logger(), line.message());
    }

    static Console.ReputationEvents reputationEvents(List<ReputationEngine.NodeEvent> events) {
        return new Console.ReputationEvents(
                events.stream()
                        .map(
                                e ->
                                        new Console.ReputationEvent(
                                                e.agentId(),
                                                e.agentName(),
                                                e.eventType(),
                                                e.delta(),
                                                e.scoreAfter(),
                                                e.createdAt()))
                        .toList());
    }

    static Console.ReputationSummary reputationSummary(ReputationEngine.Summary summary) {
        var c = summary.constants();
        return new Console.ReputationSummary(
                ranked(summary.top()),
                ranked(summary.bottom()),
                summary.distribution(),
                new Console.ReputationConstants(
                        c.alpha(), c.trustedThreshold(), c.decayHalfLife(), c.weights()));
    }

    private static List<Console.RankedAgent> ranked(List<ReputationEngine.RankedAgent> agents) {
        return agents.stream()
                .map(a -> new Console.RankedAgent(a.agentId(), a.name(), a.score(), a.verified()))
                .toList();
    }

    static Console.Activity activity(AuditEvent event, Names.Lookup names) {
        return new Console.Activity(
                event.timestamp(),
                event.type(),
                event.agentId(),
                event.actorUserId(),
                event.sourceIp(),
                event.details(),
                names.agentName(event.agentId()),
                names.email(event.actorUserId()));
    }
}
