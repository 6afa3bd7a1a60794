package io.peerclaw.desktop.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.desktop.client.FakeNodeClient;
import io.peerclaw.desktop.client.NodeClient.UserRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsersViewModelTest {
    @Test
    void changesARoleAndDeletesAUser() {
        var node = new FakeNodeClient();
        node.users.add(new UserRow("u1", "ann@example.com", "Ann", "user", Instant.now()));
        var model = new UsersViewModel(node, Runnable::run, Runnable::run);
        model.refresh();

        model.changeRole(model.users().get(0), "provider");
        assertThat(node.calls).contains("role u1 provider");
        assertThat(model.notice()).isEqualTo("ann@example.com is now provider");

        model.delete(model.users().get(0));
        assertThat(node.calls).contains("deleteUser u1");
        assertThat(model.users()).isEmpty();
    }

    @Test
    void anEmptyListSaysWhetherTheSearchOrTheNodeLeftItEmpty() {
        var model = new UsersViewModel(new FakeNodeClient(), Runnable::run, Runnable::run);
        model.refresh();
        assertThat(model.emptyProperty().get()).isEqualTo(UsersViewModel.NO_USERS);

        model.searchProperty().set("bob");
        model.refresh();
        assertThat(model.emptyProperty().get())
                .isEqualTo("No user matches “bob”: clear the search to see every user.");
    }
}
