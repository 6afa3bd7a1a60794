package io.peerclaw.desktop.moderation;

import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.client.NodeClient.AuditRow;
import io.peerclaw.desktop.client.NodeClient.ReportRow;
import io.peerclaw.desktop.mvvm.ViewModel;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The abuse-report queue, the decisions an admin takes on a report, and the audit trail. */
public final class ModerationViewModel extends ViewModel {
    /** The queue's filter; {@code ""} is every report. */
    public static final List<String> STATUSES =
            List.of("pending", "reviewed", "dismissed", "actioned", "");

    private final ObservableList<ReportRow> reports = FXCollections.observableArrayList();
    private final ObservableList<AuditRow> audit = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("pending");
    private final ObjectProperty<ReportRow> selected = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final javafx.beans.property.ReadOnlyStringWrapper empty =
            new javafx.beans.property.ReadOnlyStringWrapper(noReports("pending"));

    /** Why the audit trail is empty; it only grows, so there is nothing to do but wait. */
    public static final String NO_AUDIT =
            "No audit events yet: sign-ins, registrations and admin actions are recorded here as"
                    + " they happen.";

    public ModerationViewModel(NodeClient node, Executor background, Executor ui) {
        super(node, background, ui);
    }

    @Override
    public void refresh() {
        String filter = status.get();
        run(
                () -> new Loaded(node.reports(filter), node.audit(100)),
                loaded -> {
                    empty.set(noReports(filter));
                    reports.setAll(loaded.reports());
                    audit.setAll(loaded.audit());
                    var current = selected.get();
                    if (current != null
                            && loaded.reports().stream()
                                    .noneMatch(r -> r.id().equals(current.id()))) {
                        selected.set(null);
                    }
                });
    }

    static String noReports(String filter) {
        return switch (filter) {
            case "" ->
                    "No reports yet: reports filed by users about agents and reviews appear"
                            + " here.";
            case "pending" ->
                    "No pending reports: reports filed by users about agents and reviews appear"
                            + " here to be decided.";
            default ->
                    "No "
                            + filter
                            + " reports: choose “all reports” in the filter to see every report.";
        };
    }

    /** Why the report queue is empty, and what to do. */
    public javafx.beans.property.ReadOnlyStringProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    private record Loaded(List<ReportRow> reports, List<AuditRow> audit) {}

    public void dismiss() {
        decide("dismissed", null, "dismissed");
    }

    public void markReviewed() {
        decide("reviewed", null, "marked reviewed");
    }

    /** Suspends the reported agent (the report must be about an agent). */
    public void suspendAgent() {
        decide("actioned", "suspend_agent", "suspended the reported agent");
    }

    /** Hides the reported review (the report must be about a review). */
    public void hideReview() {
        decide("actioned", "hide_review", "hid the reported review");
    }

    private void decide(String newStatus, String action, String done) {
        var report = selected.get();
        if (report == null) {
            error("choose a report first");
            return;
        }
        String text = note.get();
        act(
                () -> node.decideReport(report.id(), newStatus, action, text),
                () -> {
                    notice("report " + report.id() + ": " + done);
                    note.set("");
                    refresh();
                });
    }

    public ObservableList<ReportRow> reports() {
        return reports;
    }

    public ObservableList<AuditRow> audit() {
        return audit;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<ReportRow> selectedProperty() {
        return selected;
    }

    public StringProperty noteProperty() {
        return note;
    }
}
