package io.peerclaw.desktop.users;

import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.client.NodeClient.UserRow;
import io.peerclaw.desktop.mvvm.ViewModel;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The node's user accounts: search, change a role, delete. */
public final class UsersViewModel extends ViewModel {
    public static final List<String> ROLES = List.of("user", "provider", "admin");

    private final ObservableList<UserRow> users = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final javafx.beans.property.ReadOnlyStringWrapper empty =
            new javafx.beans.property.ReadOnlyStringWrapper(NO_USERS);

    static final String NO_USERS = "No users yet: people appear here once they sign up.";

    public UsersViewModel(NodeClient node, Executor background, Executor ui) {
        super(node, background, ui);
    }

    @Override
    public void refresh() {
        String text = search.get();
        run(
                () -> node.users(text),
                rows -> {
                    empty.set(
                            text.isBlank()
                                    ? NO_USERS
                                    : "No user matches “"
                                            + text.strip()
                                            + "”: clear the search to see every user.");
                    users.setAll(rows);
                });
    }

    public void changeRole(UserRow user, String role) {
        if (user == null || role == null || role.equals(user.role())) {
            return;
        }
        act(
                () -> node.setRole(user.id(), role),
                () -> {
                    notice(user.email() + " is now " + role);
                    refresh();
                });
    }

    public void delete(UserRow user) {
        if (user == null) {
            return;
        }
        act(
                () -> node.deleteUser(user.id()),
                () -> {
                    notice("deleted " + user.email());
                    users.removeIf(u -> u.id().equals(user.id()));
                });
    }

    public ObservableList<UserRow> users() {
        return users;
    }

    /** Why the user list is empty, and what to do. */
    public javafx.beans.property.ReadOnlyStringProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public StringProperty searchProperty() {
        return search;
    }
}
