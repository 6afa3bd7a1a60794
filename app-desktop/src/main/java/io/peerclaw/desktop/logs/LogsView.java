package io.peerclaw.desktop.logs;

import io.peerclaw.desktop.client.NodeClient.LogLine;
import io.peerclaw.desktop.ui.Controls;
import io.peerclaw.desktop.ui.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The node's log or audit trail, newest last. */
public final class LogsView extends BorderPane {
    private final LogsViewModel model;

    public LogsView(LogsViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.PAGE);
        setId("logs");
        var source = new ComboBox<String>();
        source.setId("log-source");
        source.getItems().setAll(LogsViewModel.SOURCES);
        source.valueProperty().bindBidirectional(model.sourceProperty());
        source.setOnAction(e -> model.refresh());
        var level = new ComboBox<String>();
        level.setId("log-level");
        level.getItems().setAll(LogsViewModel.LEVELS);
        level.valueProperty().bindBidirectional(model.levelProperty());
        level.setOnAction(e -> model.refresh());
        var search = new TextField();
        search.setId("log-search");
        search.setPromptText("Search…");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnAction(e -> model.refresh());
        var reload = new Button("Refresh");
        reload.setOnAction(e -> model.refresh());
        var copy = new Button("Copy");
        copy.setId("copy-logs");
        copy.setOnAction(
                e -> {
                    var content = new ClipboardContent();
                    content.putString(model.text());
                    Clipboard.getSystemClipboard().setContent(content);
                });

        var lines = new ListView<>(model.lines());
        lines.setId("log-lines");
        lines.getStyleClass().add(Styles.MONO);
        lines.setPlaceholder(Controls.placeholder(model.emptyProperty()));
        lines.setCellFactory(
                list ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(LogLine line, boolean empty) {
                                super.updateItem(line, empty);
                                getStyleClass().removeAll("log-warn", "log-error");
                                if (empty || line == null) {
                                    setText(null);
                                    return;
                                }
                                setText(LogsViewModel.format(line));
                                if (line.level().startsWith("warn")) {
                                    getStyleClass().add("log-warn");
                                } else if (line.level().startsWith("err")) {
                                    getStyleClass().add("log-error");
                                }
                            }
                        });
        model.lines()
                .addListener(
                        (javafx.collections.ListChangeListener<LogLine>)
                                c -> lines.scrollTo(Math.max(0, model.lines().size() - 1)));

        setTop(
                new VBox(
                        8,
                        Controls.titleBar("Logs", model, source, level, search, reload, copy),
                        Controls.messages(model)));
        setCenter(lines);
        BorderPane.setMargin(lines, new Insets(8, 0, 0, 0));
    }

    public LogsViewModel model() {
        return model;
    }
}
