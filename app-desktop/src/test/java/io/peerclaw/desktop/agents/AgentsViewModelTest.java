package io.peerclaw.desktop.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.desktop.client.FakeNodeClient;
import io.peerclaw.desktop.client.NodeClientException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentsViewModelTest {
    private final FakeNodeClient node = new FakeNodeClient();
    private final AgentsViewModel model = new AgentsViewModel(node, Runnable::run, Runnable::run);

    @BeforeEach
    void agents() {
        node.agents.add(FakeNodeClient.agent("a1", "Alpha"));
        node.agents.add(FakeNodeClient.agent("b2", "Beta"));
        model.refresh();
    }

    @Test
    void listsAndSearchesTheNodesAgents() {
        assertThat(model.agents()).extracting(a -> a.name()).containsExactly("Alpha", "Beta");

        model.searchProperty().set("Bet");
        model.refresh();

        assertThat(model.agents()).extracting(a -> a.name()).containsExactly("Beta");
        assertThat(node.calls).contains("agents Bet");
    }

    @Test
    void selectingAnAgentLoadsItsCardAndHistory() {
        model.select(model.agents().get(0));

        assertThat(model.selectedProperty().get().description()).isEqualTo("an agent");
        assertThat(model.history()).hasSize(1);
        assertThat(model.isBusy()).isFalse();
    }

    @Test
    void deletingRemovesTheAgentAndClearsTheSelection() {
        model.select(model.agents().get(0));

        model.delete();

        assertThat(node.calls).contains("delete a1");
        assertThat(model.agents()).extracting(a -> a.id()).containsExactly("b2");
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(model.notice()).isEqualTo("deleted Alpha");
    }

    @Test
    void suspendingSendsTheReasonAndReloads() {
        model.select(model.agents().get(1));

        model.suspend("  spam  ");

        assertThat(node.calls).contains("suspend b2 spam");
        assertThat(model.selectedProperty().get().agent().suspended()).isTrue();
    }

    @Test
    void aFailedCallBecomesAReadableErrorNotAnException() {
        model.select(model.agents().get(0));
        node.failNext =
                new NodeClientException(
                        "cannot reach the node at http://127.0.0.1:9 (is it running?)");

        model.probe();

        assertThat(model.error())
                .isEqualTo("cannot reach the node at http://127.0.0.1:9 (is it running?)");
        assertThat(model.isBusy()).isFalse();
    }

    @Test
    void anEmptyListSaysWhetherTheSearchOrTheNodeLeftItEmpty() {
        assertThat(model.emptyProperty().get()).isEqualTo(AgentsViewModel.NO_AGENTS);

        model.searchProperty().set("Gamma");
        model.refresh();

        assertThat(model.agents()).isEmpty();
        assertThat(model.emptyProperty().get())
                .isEqualTo("No agent matches “Gamma”: clear the search to see every agent.");
    }
}
