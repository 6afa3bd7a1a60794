package io.peerclaw.desktop.agents;

import io.peerclaw.desktop.client.NodeClient.AgentDetail;
import io.peerclaw.desktop.client.NodeClient.AgentRow;
import io.peerclaw.desktop.client.NodeClient.ReputationPoint;
import io.peerclaw.desktop.client.NodeClient.Review;
import io.peerclaw.desktop.mvvm.Texts;
import io.peerclaw.desktop.ui.Controls;
import io.peerclaw.desktop.ui.Styles;
import java.time.Instant;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The agents table with a detail pane and the admin's actions on the selected agent. */
public final class AgentsView extends BorderPane {
    private final AgentsViewModel model;

    public AgentsView(AgentsViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.PAGE);
        setId("agents");

        var search = new TextField();
        search.setId("agent-search");
        search.setPromptText("Search name, id, capability…");
        search.setPrefColumnCount(24);
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnAction(e -> model.refresh());
        var reload = new Button("Refresh");
        reload.setOnAction(e -> model.refresh());

        var table = new TableView<>(model.agents());
        table.setId("agent-table");
        table.getStyleClass().add(Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns()
                .setAll(
                        java.util.List.of(
                                Controls.column("Name", AgentRow::name, 150),
                                Controls.column("Id", AgentRow::id, 80),
                                Controls.column(
                                        "Protocols", a -> String.join(", ", a.protocols()), 70),
                                Controls.column(
                                        "Status",
                                        a -> a.suspended() ? "suspended" : a.status(),
                                        80),
                                Controls.column("Verified", a -> a.verified() ? "yes" : "no", 65),
                                Controls.column(
                                        "Score",
                                        a -> String.format(Locale.ROOT, "%.2f", a.score()),
                                        55),
                                Controls.column(
                                        "Owner", a -> a.owner().isBlank() ? "–" : a.owner(), 140),
                                Controls.column(
                                        "Last heartbeat", a -> time(a.lastHeartbeat()), 125)));
        table.setPlaceholder(Controls.placeholder(model.emptyProperty()));
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> model.select(now));

        var detail = detailPane();
        var split = new SplitPane(table, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.64);

        setTop(
                new VBox(
                        8,
                        Controls.titleBar("Agents", model, search, reload),
                        Controls.messages(model)));
        setCenter(split);
        BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
    }

    private ScrollPane detailPane() {
        var title = new Label("Choose an agent");
        title.setId("agent-title");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        var facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        var reviews = new ListView<String>();
        reviews.setPrefHeight(140);
        reviews.setPlaceholder(
                Controls.muted(
                        "No reviews yet: reviews users write about this agent appear here."));

        var xAxis = new CategoryAxis();
        xAxis.setLabel("events, oldest first");
        var yAxis = new NumberAxis(0, 1, 0.2);
        yAxis.setLabel("score");
        var chart = new LineChart<>(xAxis, yAxis);
        chart.setId("reputation-chart");
        chart.setLegendVisible(false);
        chart.setCreateSymbols(true);
        chart.setAnimated(false);
        chart.setPrefHeight(200);
        model.history()
                .addListener(
                        (ListChangeListener<ReputationPoint>)
                                change -> {
                                    var series = new XYChart.Series<String, Number>();
                                    int i = 1;
                                    for (var p : model.history()) {
                                        series.getData()
                                                .add(
                                                        new XYChart.Data<>(
                                                                Integer.toString(i++), p.score()));
                                    }
                                    chart.getData().setAll(java.util.List.of(series));
                                });

        var verify = new Button("Verify now");
        verify.setId("verify");
        verify.setOnAction(e -> model.verify());
        var probe = new Button("Re-probe");
        probe.setId("probe");
        probe.setOnAction(e -> model.probe());
        var suspend = new Button("Suspend");
        suspend.setId("suspend");
        suspend.setOnAction(
                e -> {
                    var current = model.selectedProperty().get();
                    if (current != null && current.agent().suspended()) {
                        model.unsuspend();
                    } else {
                        var ask = new TextInputDialog("");
                        ask.setTitle("Suspend agent");
                        ask.setHeaderText("Why is this agent suspended? (kept in the audit trail)");
                        ask.initOwner(getScene().getWindow());
                        ask.showAndWait().ifPresent(model::suspend);
                    }
                });
        var delete = new Button("Delete…");
        delete.setId("delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> confirmDelete());
        var actions = new FlowPane(8, 8, verify, probe, suspend, delete);
        actions.disableProperty().bind(model.selectedProperty().isNull());

        model.selectedProperty()
                .addListener(
                        (o, was, now) -> {
                            facts.getChildren().clear();
                            reviews.getItems().clear();
                            if (now == null) {
                                title.setText("Choose an agent");
                                suspend.setText("Suspend");
                                return;
                            }
                            title.setText(now.agent().name());
                            suspend.setText(now.agent().suspended() ? "Unsuspend" : "Suspend");
                            fill(facts, now);
                            for (Review r : now.reviews()) {
                                reviews.getItems()
                                        .add(
                                                "★".repeat(Math.max(0, r.rating()))
                                                        + "  "
                                                        + r.comment()
                                                        + (r.hidden() ? "  (hidden)" : ""));
                            }
                        });

        var box =
                new VBox(
                        10,
                        title,
                        actions,
                        facts,
                        Controls.section("Reputation history"),
                        chart,
                        Controls.section("Reviews"),
                        reviews);
        box.setPadding(new Insets(12));
        var scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        VBox.setVgrow(reviews, Priority.ALWAYS);
        return scroll;
    }

    private static void fill(GridPane facts, AgentDetail d) {
        var a = d.agent();
        int row = 0;
        row = fact(facts, row, "Id", a.id());
        row = fact(facts, row, "Status", a.suspended() ? "suspended" : a.status());
        row = fact(facts, row, "Verified", a.verified() ? "yes" : "no");
        row = fact(facts, row, "Score", String.format(Locale.ROOT, "%.3f", a.score()));
        row = fact(facts, row, "Owner", d.ownerEmail().isBlank() ? "none" : d.ownerEmail());
        row = fact(facts, row, "Version", d.version());
        row = fact(facts, row, "Description", d.description());
        row = fact(facts, row, "Protocols", String.join(", ", a.protocols()));
        row = fact(facts, row, "Endpoint", Texts.breakable(d.endpoint()));
        row = fact(facts, row, "Capabilities", String.join(", ", d.capabilities()));
        row = fact(facts, row, "Skills", String.join(", ", d.skills()));
        fact(facts, row, "Last heartbeat", time(a.lastHeartbeat()));
    }

    private static int fact(GridPane grid, int row, String name, String value) {
        var text = new Label(value == null || value.isBlank() ? "–" : value);
        text.setWrapText(true);
        grid.addRow(row, Controls.muted(name), text);
        return row + 1;
    }

    private void confirmDelete() {
        var current = model.selectedProperty().get();
        if (current == null) {
            return;
        }
        var confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(getScene().getWindow());
        confirm.setTitle("Delete agent");
        confirm.setHeaderText("Delete " + current.agent().name() + "?");
        confirm.setContentText(
                "The agent leaves the directory with its reviews and history. This cannot be"
                        + " undone.");
        var delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        confirm.getButtonTypes().setAll(ButtonType.CANCEL, delete);
        confirm.showAndWait().filter(delete::equals).ifPresent(b -> model.delete());
    }

    static String time(Instant at) {
        return Controls.time(at);
    }

    public AgentsViewModel model() {
        return model;
    }
}
