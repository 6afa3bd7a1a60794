package io.peerclaw.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.desktop.client.FakeNodeClient;
import io.peerclaw.desktop.client.NodeClientException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInViewModelTest {
    private final FakeNodeClient node = new FakeNodeClient();
    private final SignInViewModel model = new SignInViewModel(node, Runnable::run, Runnable::run);

    @Test
    void anEmptyNodeGuidesToCreatingTheFirstAdminThenSignsIn() {
        node.needsAdmin = true;
        model.refresh();
        assertThat(model.needsAdminProperty().get()).isTrue();

        model.emailProperty().set("admin@example.com");
        model.passwordProperty().set("long enough secret");
        model.repeatProperty().set("long enough secret");
        model.submit();

        assertThat(node.calls)
                .containsSubsequence(
                        "createFirstAdmin admin@example.com", "signIn admin@example.com");
        assertThat(model.signedInProperty().get()).isTrue();
        assertThat(model.passwordProperty().get()).isEmpty();
    }

    @Test
    void theFirstAdminsPasswordMustBeTypedTwiceAlike() {
        node.needsAdmin = true;
        model.refresh();
        model.emailProperty().set("admin@example.com");
        model.passwordProperty().set("long enough secret");
        model.repeatProperty().set("long enough secreT");

        model.submit();

        assertThat(model.error()).isEqualTo("The two passwords differ.");
        assertThat(node.calls).doesNotContain("createFirstAdmin admin@example.com");
    }

    @Test
    void aRefusedSignInShowsTheNodesReason() {
        model.refresh();
        model.emailProperty().set("admin@example.com");
        model.passwordProperty().set("wrong");
        node.failNext = new NodeClientException("invalid email or password", 401, List.of());

        model.submit();

        assertThat(model.error()).isEqualTo("invalid email or password");
        assertThat(model.signedInProperty().get()).isFalse();
    }
}
