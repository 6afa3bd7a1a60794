package io.peerclaw.desktop.session;

import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.mvvm.ViewModel;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Signing in as an admin, or, on a node with no admin yet, creating the first admin account and
 * then signing in with it.
 */
public final class SignInViewModel extends ViewModel {
    static final int MIN_PASSWORD = 8;

    private final ReadOnlyBooleanWrapper needsAdmin = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper signedIn = new ReadOnlyBooleanWrapper(false);
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty repeat = new SimpleStringProperty("");

    public SignInViewModel(NodeClient node, Executor background, Executor ui) {
        super(node, background, ui);
    }

    /** Asks the node whether it still needs its first admin. */
    @Override
    public void refresh() {
        run(node::needsAdmin, needsAdmin::set);
    }

    public void submit() {
        String who = email.get().strip();
        String secret = password.get();
        if (who.isEmpty() || !who.contains("@")) {
            error("Enter the admin's email address.");
            return;
        }
        if (secret.isEmpty()) {
            error("Enter the password.");
            return;
        }
        if (needsAdmin.get()) {
            if (secret.length() < MIN_PASSWORD) {
                error("Choose a password of at least " + MIN_PASSWORD + " characters.");
                return;
            }
            if (!secret.equals(repeat.get())) {
                error("The two passwords differ.");
                return;
            }
        }
        boolean create = needsAdmin.get();
        run(
                () -> {
                    if (create) {
                        node.createFirstAdmin(who, secret);
                    }
                    node.signIn(who, secret);
                    return Boolean.TRUE;
                },
                ok -> {
                    password.set("");
                    repeat.set("");
                    needsAdmin.set(false);
                    signedIn.set(true);
                });
    }

    public ReadOnlyBooleanProperty needsAdminProperty() {
        return needsAdmin.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty signedInProperty() {
        return signedIn.getReadOnlyProperty();
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty repeatProperty() {
        return repeat;
    }
}
