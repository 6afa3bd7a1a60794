package io.peerclaw.desktop.reputation;

import io.peerclaw.desktop.client.NodeClient.RankedAgent;
import io.peerclaw.desktop.client.NodeClient.ReputationEvent;
import io.peerclaw.desktop.mvvm.Texts;
import io.peerclaw.desktop.ui.Controls;
import io.peerclaw.desktop.ui.Styles;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Top and bottom agents, the score distribution, recent events and the formula's constants. */
public final class ReputationView extends BorderPane {
    private final ReputationViewModel model;

    public ReputationView(ReputationViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.PAGE);
        setId("reputation");
        var reload = new Button("Refresh");
        reload.setOnAction(e -> model.refresh());

        var x = new CategoryAxis();
        var y = new NumberAxis();
        y.setLabel("agents");
        y.setMinorTickVisible(false);
        y.setTickLabelFormatter(
                new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(Number n) {
                        // counts are whole agents: no "2.5" ticks
                        return n.doubleValue() == Math.rint(n.doubleValue())
                                ? Long.toString(n.longValue())
                                : "";
                    }

                    @Override
                    public Number fromString(String s) {
                        return Long.parseLong(s);
                    }
                });
        var chart = new BarChart<>(x, y);
        chart.setId("distribution");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(220);
        model.distribution()
                .addListener(
                        (ListChangeListener<Long>)
                                c -> {
                                    var series = new XYChart.Series<String, Number>();
                                    var counts = model.distribution();
                                    for (int i = 0; i < counts.size(); i++) {
                                        series.getData()
                                                .add(
                                                        new XYChart.Data<>(
                                                                ReputationViewModel.bucket(i),
                                                                counts.get(i)));
                                    }
                                    chart.getData().setAll(java.util.List.of(series));
                                });

        var constants = new Label();
        constants.setId("constants");
        constants.getStyleClass().add(Styles.MONO);
        constants.textProperty().bind(model.constantsProperty());
        var constantsBox = new VBox(6, Controls.section("Formula constants"), constants);
        constantsBox.getStyleClass().add(Styles.CARD);

        var events = new TableView<>(model.events());
        events.setId("reputation-events");
        events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        events.getColumns()
                .setAll(
                        java.util.List.of(
                                Controls.timeColumn("Time", ReputationEvent::createdAt, 130),
                                Controls.column(
                                        "Agent",
                                        (ReputationEvent e) ->
                                                e.agentName().isBlank()
                                                        ? e.agentId()
                                                        : e.agentName(),
                                        (ReputationEvent e) -> "id " + e.agentId(),
                                        150),
                                Controls.column(
                                        "Event",
                                        (ReputationEvent e) -> Texts.event(e.eventType()),
                                        130),
                                Controls.column(
                                        "Change",
                                        (ReputationEvent e) ->
                                                String.format(Locale.ROOT, "%+.3f", e.delta()),
                                        70),
                                Controls.column(
                                        "Score after",
                                        (ReputationEvent e) ->
                                                String.format(Locale.ROOT, "%.3f", e.scoreAfter()),
                                        80)));
        events.setPlaceholder(
                Controls.muted(
                        "No reputation events yet: they come from probes, verifications, reviews"
                                + " and invocations, and appear here as they happen."));

        var grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(16);
        var half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        grid.add(
                box(
                        "Top agents",
                        ranked(
                                model.top(),
                                "top-agents",
                                new javafx.beans.property.SimpleStringProperty(
                                        ReputationViewModel.NO_AGENTS))),
                0,
                0);
        grid.add(
                box(
                        "Bottom agents",
                        ranked(model.bottom(), "bottom-agents", model.emptyBottomProperty())),
                1,
                0);
        grid.add(box("Score distribution", chart), 0, 1);
        grid.add(constantsBox, 1, 1);
        var eventsBox = box("Recent reputation events", events);
        grid.add(eventsBox, 0, 2, 2, 1);
        GridPane.setVgrow(eventsBox, Priority.ALWAYS);

        setTop(
                new VBox(
                        8,
                        Controls.titleBar("Reputation", model, reload),
                        Controls.messages(model)));
        var scroll = new javafx.scene.control.ScrollPane(grid);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        BorderPane.setMargin(scroll, new Insets(8, 0, 0, 0));
    }

    private static TableView<RankedAgent> ranked(
            ObservableList<RankedAgent> rows,
            String id,
            javafx.beans.value.ObservableValue<String> empty) {
        var table = new TableView<>(rows);
        table.setId(id);
        table.setPrefHeight(200);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns()
                .setAll(
                        java.util.List.of(
                                Controls.column(
                                        "Agent",
                                        (RankedAgent a) -> a.name().isBlank() ? a.id() : a.name(),
                                        180),
                                Controls.column(
                                        "Score",
                                        (RankedAgent a) ->
                                                String.format(Locale.ROOT, "%.3f", a.score()),
                                        60),
                                Controls.column(
                                        "Verified",
                                        (RankedAgent a) -> a.verified() ? "yes" : "no",
                                        60)));
        table.setPlaceholder(Controls.placeholder(empty));
        return table;
    }

    private static VBox box(String title, javafx.scene.Node content) {
        var box = new VBox(6, Controls.section(title), content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    public ReputationViewModel model() {
        return model;
    }
}
