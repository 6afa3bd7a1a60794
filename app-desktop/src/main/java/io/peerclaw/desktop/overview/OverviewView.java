package io.peerclaw.desktop.overview;

import io.peerclaw.desktop.client.NodeClient.Dashboard;
import io.peerclaw.desktop.client.NodeClient.NodeInfo;
import io.peerclaw.desktop.mvvm.Texts;
import io.peerclaw.desktop.ui.Controls;
import io.peerclaw.desktop.ui.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/** Node state, counts and the live activity feed. */
public final class OverviewView extends BorderPane {
    private final OverviewViewModel model;

    public OverviewView(OverviewViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.PAGE);
        setId("overview");

        var start = new Button("Start");
        start.setId("start");
        var stop = new Button("Stop");
        stop.setId("stop");
        var restart = new Button("Restart");
        restart.setId("restart");
        var copy = new Button("Copy node URL");
        copy.setId("copy-url");
        start.setOnAction(e -> model.start());
        stop.setOnAction(e -> model.stop());
        restart.setOnAction(e -> model.restart());
        copy.setOnAction(
                e -> {
                    var content = new ClipboardContent();
                    content.putString(model.url());
                    Clipboard.getSystemClipboard().setContent(content);
                });
        boolean local = model.canStartAndStop();
        start.setVisible(local);
        start.setManaged(local);
        stop.setVisible(local);
        stop.setManaged(local);
        start.disableProperty().bind(model.stateProperty().isNotEqualTo("stopped"));
        stop.disableProperty().bind(model.stateProperty().isNotEqualTo("running"));
        restart.disableProperty().bind(model.stateProperty().isNotEqualTo("running"));
        restart.getStyleClass().add(Styles.ACCENT);

        var state = new Label();
        state.setId("state");
        state.getStyleClass().add(Styles.STATE);
        state.textProperty().bind(model.stateProperty());
        model.stateProperty()
                .addListener(
                        (o, was, now) -> {
                            state.getStyleClass().remove(Styles.STATE_RUNNING);
                            if ("running".equals(now)) {
                                state.getStyleClass().add(Styles.STATE_RUNNING);
                            }
                        });

        var url = value("url");
        var version = value("version");
        var uptime = value("uptime");
        var dataDir = value("data-dir");
        var database = value("database");
        var config = value("config-file");
        model.infoProperty()
                .addListener(
                        (o, was, info) ->
                                show(info, url, version, uptime, dataDir, database, config));

        var facts = new GridPane();
        facts.setHgap(16);
        facts.setVgap(6);
        int row = 0;
        facts.addRow(row++, Controls.muted("State"), state);
        facts.addRow(row++, Controls.muted("URL"), url);
        facts.addRow(row++, Controls.muted("Version"), version);
        facts.addRow(row++, Controls.muted("Uptime"), uptime);
        facts.addRow(row++, Controls.muted("Data folder"), dataDir);
        facts.addRow(row++, Controls.muted("Database"), database);
        facts.addRow(row, Controls.muted("Config file"), config);
        var factsCard = new VBox(10, Controls.section("Node"), facts);
        factsCard.getStyleClass().add(Styles.CARD);

        var online = value("online");
        var offline = value("offline");
        var users = value("users");
        var reports = value("reports");
        var invocations = value("invocations");
        model.countsProperty()
                .addListener(
                        (o, was, counts) ->
                                show(counts, online, offline, users, reports, invocations));
        var stats =
                new TilePane(
                        12,
                        12,
                        Controls.stat("agents online", online),
                        Controls.stat("agents offline", offline),
                        Controls.stat("users", users),
                        Controls.stat("open reports", reports),
                        Controls.stat("invocations today", invocations));
        stats.setPrefColumns(5);

        var feed = new ListView<>(model.activity());
        feed.setId("activity");
        feed.getStyleClass().add(Styles.FEED);
        feed.setPlaceholder(
                Controls.muted(
                        "Nothing has happened since the console connected: registrations,"
                                + " verifications, reports and sign-in failures appear here as"
                                + " they happen."));
        feed.setCellFactory(
                list ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(
                                    OverviewViewModel.FeedLine line, boolean empty) {
                                super.updateItem(line, empty);
                                setText(empty || line == null ? null : line.text());
                                setTooltip(
                                        empty || line == null || line.ids().isBlank()
                                                ? null
                                                : new Tooltip(line.ids()));
                            }
                        });
        VBox.setVgrow(feed, Priority.ALWAYS);
        var feedBox = new VBox(8, Controls.section("Live activity"), feed);
        VBox.setVgrow(feedBox, Priority.ALWAYS);

        var top =
                new VBox(
                        12,
                        Controls.titleBar("Overview", model, copy, start, stop, restart),
                        Controls.messages(model));
        var content = new VBox(16, stats, new HBox(16, factsCard), feedBox);
        HBox.setHgrow(factsCard, Priority.ALWAYS);
        setTop(top);
        setCenter(content);
        BorderPane.setMargin(content, new Insets(8, 0, 0, 0));
    }

    private static Label value(String id) {
        var label = new Label("–");
        label.setId(id);
        label.setWrapText(true);
        return label;
    }

    private static void show(
            NodeInfo info,
            Label url,
            Label version,
            Label uptime,
            Label dataDir,
            Label database,
            Label config) {
        if (info == null) {
            for (var l : new Label[] {url, version, uptime, dataDir, database, config}) {
                l.setText("–");
            }
            return;
        }
        url.setText(Texts.breakable(info.url()));
        version.setText(info.version());
        uptime.setText(OverviewViewModel.uptime(info.uptimeSeconds()));
        dataDir.setText(Texts.breakable(info.dataDir()));
        database.setText(
                info.databaseDriver()
                        + (info.databaseDescription().isBlank()
                                ? ""
                                : " · " + info.databaseDescription()));
        config.setText(
                info.configFile() == null
                        ? "none (defaults and environment)"
                        : Texts.breakable(info.configFile()));
    }

    private static void show(
            Dashboard counts,
            Label online,
            Label offline,
            Label users,
            Label reports,
            Label invocations) {
        if (counts == null) {
            for (var l : new Label[] {online, offline, users, reports, invocations}) {
                l.setText("–");
            }
            return;
        }
        online.setText(Long.toString(counts.onlineAgents()));
        offline.setText(Long.toString(counts.offlineAgents()));
        users.setText(Long.toString(counts.totalUsers()));
        reports.setText(Long.toString(counts.pendingReports()));
        invocations.setText(Long.toString(counts.invocationsToday()));
    }

    public OverviewViewModel model() {
        return model;
    }
}
