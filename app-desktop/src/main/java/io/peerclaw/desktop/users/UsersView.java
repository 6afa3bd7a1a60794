package io.peerclaw.desktop.users;

import io.peerclaw.desktop.client.NodeClient.UserRow;
import io.peerclaw.desktop.ui.Controls;
import io.peerclaw.desktop.ui.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** User accounts: search, change a role, delete. */
public final class UsersView extends BorderPane {
    private final UsersViewModel model;

    public UsersView(UsersViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.PAGE);
        setId("users");
        var search = new TextField();
        search.setId("user-search");
        search.setPromptText("Search email or name…");
        search.setPrefColumnCount(24);
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnAction(e -> model.refresh());
        var reload = new Button("Refresh");
        reload.setOnAction(e -> model.refresh());

        var table = new TableView<>(model.users());
        table.setId("user-table");
        table.getStyleClass().add(Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns()
                .setAll(
                        java.util.List.of(
                                Controls.column("Email", UserRow::email, 220),
                                Controls.column("Name", UserRow::displayName, 160),
                                Controls.column("Role", UserRow::role, 80),
                                Controls.timeColumn("Joined", UserRow::createdAt, 140),
                                Controls.column("Id", UserRow::id, 200)));
        table.setPlaceholder(Controls.placeholder(model.emptyProperty()));

        var role = new ComboBox<String>();
        role.setId("role");
        role.getItems().setAll(UsersViewModel.ROLES);
        role.setPromptText("role");
        var apply = new Button("Change role");
        apply.setId("change-role");
        apply.setOnAction(
                e ->
                        model.changeRole(
                                table.getSelectionModel().getSelectedItem(), role.getValue()));
        var delete = new Button("Delete…");
        delete.setId("delete-user");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(
                e -> {
                    var user = table.getSelectionModel().getSelectedItem();
                    if (user == null) {
                        return;
                    }
                    var confirm = new Alert(Alert.AlertType.CONFIRMATION);
                    confirm.initOwner(getScene().getWindow());
                    confirm.setTitle("Delete user");
                    confirm.setHeaderText("Delete " + user.email() + "?");
                    confirm.setContentText(
                            "The account and its sessions and keys go; their agents stay without an"
                                    + " owner.");
                    var yes = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
                    confirm.getButtonTypes().setAll(ButtonType.CANCEL, yes);
                    confirm.showAndWait().filter(yes::equals).ifPresent(b -> model.delete(user));
                });
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> role.setValue(now == null ? null : now.role()));
        var actions = new HBox(8, new Label("Selected user:"), role, apply, delete);
        actions.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        actions.setPadding(new Insets(8, 0, 0, 0));

        setTop(
                new VBox(
                        8,
                        Controls.titleBar("Users", model, search, reload),
                        Controls.messages(model)));
        setCenter(table);
        setBottom(actions);
        BorderPane.setMargin(table, new Insets(8, 0, 0, 0));
    }

    public UsersViewModel model() {
        return model;
    }
}
