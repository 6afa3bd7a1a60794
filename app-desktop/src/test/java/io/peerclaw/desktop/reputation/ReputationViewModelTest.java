package io.peerclaw.desktop.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.desktop.client.FakeNodeClient;
import org.junit.jupiter.api.Test;

class ReputationViewModelTest {
    @Test
    void loadsRankingsDistributionAndConstants() {
        var model = new ReputationViewModel(new FakeNodeClient(), Runnable::run, Runnable::run);

        model.refresh();

        assertThat(model.top()).hasSize(1);
        assertThat(model.distribution()).hasSize(10);
        assertThat(model.constantsProperty().get())
                .contains("alpha = 0.1")
                .contains("weights:")
                .contains("    probe = 0.2");
        assertThat(ReputationViewModel.bucket(9)).isEqualTo("0.9–1.0");
    }

    @Test
    void anEmptyBottomListSaysEveryAgentIsAlreadyInTheTop() {
        var model = new ReputationViewModel(new FakeNodeClient(), Runnable::run, Runnable::run);

        model.refresh();

        assertThat(model.bottom()).isEmpty();
        assertThat(model.emptyBottomProperty().get())
                .isEqualTo(
                        "Every agent is already in the top list: the bottom list names the others"
                                + " once there are more than 1 agent.");
    }
}
