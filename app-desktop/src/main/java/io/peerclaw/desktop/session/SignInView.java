package io.peerclaw.desktop.session;

import io.peerclaw.desktop.ui.Controls;
import io.peerclaw.desktop.ui.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The sign-in card; on an empty node, the card that creates the first admin. */
public final class SignInView extends StackPane {
    public SignInView(SignInViewModel model, String nodeAddress) {
        setId("sign-in");
        var title = new Label();
        title.getStyleClass().add(Styles.PAGE_TITLE);
        title.textProperty()
                .bind(
                        javafx.beans.binding.Bindings.when(model.needsAdminProperty())
                                .then("Welcome to PeerClaw")
                                .otherwise("Sign in"));
        var intro = Controls.muted("");
        intro.textProperty()
                .bind(
                        javafx.beans.binding.Bindings.when(model.needsAdminProperty())
                                .then(
                                        "This node has no admin yet. Create the admin account: it"
                                                + " manages agents, users, reports and settings.")
                                .otherwise(
                                        "Sign in with an admin account of the node at "
                                                + nodeAddress
                                                + "."));
        var email = new TextField();
        email.setId("email");
        email.setPromptText("admin@example.com");
        email.textProperty().bindBidirectional(model.emailProperty());
        var password = new PasswordField();
        password.setId("password");
        password.setPromptText("password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        var repeat = new PasswordField();
        repeat.setId("password-repeat");
        repeat.setPromptText("the same password again");
        repeat.textProperty().bindBidirectional(model.repeatProperty());
        repeat.visibleProperty().bind(model.needsAdminProperty());
        repeat.managedProperty().bind(repeat.visibleProperty());
        var submit = new Button();
        submit.setId("sign-in-button");
        submit.setDefaultButton(true);
        submit.getStyleClass().add(Styles.ACCENT);
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.textProperty()
                .bind(
                        javafx.beans.binding.Bindings.when(model.needsAdminProperty())
                                .then("Create admin and sign in")
                                .otherwise("Sign in"));
        submit.disableProperty().bind(model.busyProperty());
        submit.setOnAction(e -> model.submit());
        var busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(model.busyProperty());

        var card =
                new VBox(
                        12,
                        title,
                        intro,
                        email,
                        password,
                        repeat,
                        submit,
                        busy,
                        Controls.messages(model));
        card.getStyleClass().add(Styles.CARD);
        card.setMaxWidth(420);
        card.setMaxHeight(USE_PREF_SIZE);
        card.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(card);
        setAlignment(Pos.CENTER);
    }
}
