package io.peerclaw.desktop.moderation;

import io.peerclaw.desktop.client.NodeClient.AuditRow;
import io.peerclaw.desktop.client.NodeClient.ReportRow;
import io.peerclaw.desktop.mvvm.Texts;
import io.peerclaw.desktop.ui.Controls;
import io.peerclaw.desktop.ui.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The report queue, one report and its decisions, and the audit trail under them. */
public final class ModerationView extends BorderPane {
    private final ModerationViewModel model;

    public ModerationView(ModerationViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.PAGE);
        setId("moderation");

        var filter = new ComboBox<String>();
        filter.setId("report-status");
        filter.getItems().setAll(ModerationViewModel.STATUSES);
        filter.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(String s) {
                        return s == null || s.isEmpty() ? "all reports" : s;
                    }

                    @Override
                    public String fromString(String s) {
                        return "all reports".equals(s) ? "" : s;
                    }
                });
        filter.valueProperty().bindBidirectional(model.statusProperty());
        filter.setOnAction(e -> model.refresh());
        var reload = new Button("Refresh");
        reload.setOnAction(e -> model.refresh());

        var reports = new TableView<>(model.reports());
        reports.setId("report-table");
        reports.getStyleClass().add(Styles.STRIPED);
        reports.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        reports.getColumns()
                .setAll(
                        java.util.List.of(
                                Controls.timeColumn("Filed", ReportRow::createdAt, 130),
                                Controls.column(
                                        "Target",
                                        ReportRow::target,
                                        (ReportRow r) -> r.targetType() + " id " + r.targetId(),
                                        180),
                                Controls.column("Reason", ReportRow::reason, 100),
                                Controls.column("Status", ReportRow::status, 80),
                                Controls.column("Details", ReportRow::details, 200)));
        reports.setPlaceholder(Controls.placeholder(model.emptyProperty()));
        reports.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> model.selectedProperty().set(now));
        model.selectedProperty()
                .addListener(
                        (o, was, now) -> {
                            if (now == null) {
                                reports.getSelectionModel().clearSelection();
                            }
                        });

        var heading = new Label("Choose a report");
        heading.getStyleClass().add(Styles.SECTION_TITLE);
        var facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        model.selectedProperty()
                .addListener(
                        (o, was, r) -> {
                            facts.getChildren().clear();
                            if (r == null) {
                                heading.setText("Choose a report");
                                return;
                            }
                            heading.setText("Report on " + r.target());
                            int row = 0;
                            facts.addRow(row++, Controls.muted("Reason"), new Label(r.reason()));
                            facts.addRow(row++, Controls.muted("Details"), wrap(r.details()));
                            facts.addRow(row++, Controls.muted("Status"), new Label(r.status()));
                            facts.addRow(row++, Controls.muted("Note"), wrap(r.note()));
                            facts.addRow(
                                    row,
                                    Controls.muted("Target id"),
                                    wrap(r.targetType() + " " + r.targetId()));
                        });
        var note = new TextField();
        note.setId("report-note");
        note.setPromptText("Note for the record (optional)");
        note.textProperty().bindBidirectional(model.noteProperty());
        var dismiss = new Button("Dismiss");
        dismiss.setId("dismiss");
        dismiss.setOnAction(e -> model.dismiss());
        var reviewed = new Button("Mark reviewed");
        reviewed.setId("mark-reviewed");
        reviewed.setOnAction(e -> model.markReviewed());
        var suspend = new Button("Suspend agent");
        suspend.setId("suspend-agent");
        suspend.getStyleClass().add(Styles.DANGER);
        suspend.setOnAction(e -> model.suspendAgent());
        var hide = new Button("Hide review");
        hide.setId("hide-review");
        hide.getStyleClass().add(Styles.DANGER);
        hide.setOnAction(e -> model.hideReview());
        suspend.disableProperty()
                .bind(
                        Bindings.createBooleanBinding(
                                () -> !targets("agent"), model.selectedProperty()));
        hide.disableProperty()
                .bind(
                        Bindings.createBooleanBinding(
                                () -> !targets("review"), model.selectedProperty()));
        var actions = new FlowPane(8, 8, dismiss, reviewed, suspend, hide);
        var decide = new VBox(10, heading, facts, note, actions);
        decide.disableProperty().bind(model.selectedProperty().isNull());
        decide.setPadding(new Insets(12));
        decide.getStyleClass().add(Styles.CARD);

        var audit = new TableView<>(model.audit());
        audit.setId("audit-table");
        audit.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        audit.getColumns()
                .setAll(
                        java.util.List.of(
                                Controls.timeColumn("Time", AuditRow::at, 130),
                                Controls.column(
                                        "Event",
                                        (AuditRow a) -> Texts.event(a.eventType()),
                                        AuditRow::eventType,
                                        150),
                                Controls.column(
                                        "Agent",
                                        AuditRow::agent,
                                        (AuditRow a) -> idHint(a.agentId()),
                                        120),
                                Controls.column(
                                        "By", AuditRow::by, (AuditRow a) -> idHint(a.actor()), 110),
                                Controls.column("Details", AuditRow::details, 240)));
        audit.setPlaceholder(Controls.muted(ModerationViewModel.NO_AUDIT));
        var auditBox = new VBox(6, Controls.section("Audit trail"), audit);
        VBox.setVgrow(audit, Priority.ALWAYS);

        var upper = new SplitPane(reports, decide);
        upper.setDividerPositions(0.6);
        var split = new SplitPane(upper, auditBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);

        setTop(
                new VBox(
                        8,
                        Controls.titleBar("Moderation", model, filter, reload),
                        Controls.messages(model)));
        setCenter(split);
        BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
    }

    private static String idHint(String id) {
        return id == null || id.isBlank() ? "" : "id " + id;
    }

    private boolean targets(String type) {
        var r = model.selectedProperty().get();
        return r != null && type.equals(r.targetType());
    }

    private static Label wrap(String text) {
        var label = new Label(text == null || text.isBlank() ? "–" : text);
        label.setWrapText(true);
        return label;
    }

    public ModerationViewModel model() {
        return model;
    }
}
