package io.peerclaw.desktop.settings;

import io.peerclaw.desktop.ui.Controls;
import io.peerclaw.desktop.ui.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The node's settings as a form; saved to its config file and applied on restart. */
public final class SettingsView extends BorderPane {
    private final SettingsViewModel model;
    private final GridPane form = new GridPane();

    public SettingsView(SettingsViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.PAGE);
        setId("settings");
        var save = new Button("Save");
        save.setId("save-settings");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(false);
        save.setOnAction(e -> model.save());
        var reload = new Button("Reload");
        reload.setOnAction(e -> model.refresh());

        form.setHgap(16);
        form.setVgap(4);
        var labels = new ColumnConstraints(160);
        var inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, inputs);
        model.fields().addListener((ListChangeListener<SettingField>) c -> build());

        var hint =
                Controls.muted(
                        "Changes are written to the node's configuration file and take effect when"
                                + " the node restarts.");
        var body = new VBox(12, hint, form);
        body.getStyleClass().add(Styles.CARD);
        var scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setTop(
                new VBox(
                        8,
                        Controls.titleBar("Settings", model, reload, save),
                        Controls.messages(model)));
        setCenter(scroll);
        BorderPane.setMargin(scroll, new Insets(8, 0, 0, 0));
    }

    private void build() {
        form.getChildren().clear();
        int row = 0;
        for (SettingField f : model.fields()) {
            var name = new Label(f.label());
            name.getStyleClass().add(Styles.SECTION_TITLE);
            Control input = input(f);
            input.setId("setting-" + f.key().replace('.', '-').replace('_', '-'));
            input.setMaxWidth(520);
            var error = new Label();
            error.getStyleClass().add(Styles.ERROR);
            error.textProperty().bind(f.errorProperty());
            error.visibleProperty().bind(f.errorProperty().isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            error.setId("error-" + f.key().replace('.', '-').replace('_', '-'));
            var running = new Label();
            running.getStyleClass().add(Styles.NOTICE);
            running.setWrapText(true);
            running.textProperty().bind(f.runningProperty());
            running.visibleProperty().bind(f.runningProperty().isNotEmpty());
            running.managedProperty().bind(running.visibleProperty());
            running.setId("running-" + f.key().replace('.', '-').replace('_', '-'));
            var help = Controls.muted(f.description());
            form.add(name, 0, row);
            form.add(new VBox(3, input, error, running, help), 1, row);
            GridPane.setMargin(name, new Insets(4, 0, 12, 0));
            row++;
        }
    }

    private static Control input(SettingField f) {
        if ("boolean".equals(f.kind())) {
            var box = new CheckBox();
            box.setSelected(Boolean.parseBoolean(f.valueProperty().get()));
            box.selectedProperty()
                    .addListener((o, was, now) -> f.valueProperty().set(Boolean.toString(now)));
            return box;
        }
        if ("logging.level".equals(f.key()) || "database.driver".equals(f.key())) {
            var combo = new ComboBox<String>();
            combo.getItems()
                    .setAll(
                            "logging.level".equals(f.key())
                                    ? java.util.List.of("debug", "info", "warn", "error")
                                    : java.util.List.of("h2", "postgres"));
            combo.setEditable(true);
            combo.valueProperty().bindBidirectional(f.valueProperty());
            return combo;
        }
        TextField text = f.secret() ? new PasswordField() : new TextField();
        text.textProperty().bindBidirectional(f.valueProperty());
        text.setEditable(!f.readOnly());
        text.setPromptText(f.placeholder());
        return text;
    }

    public SettingsViewModel model() {
        return model;
    }
}
