package io.peerclaw.desktop.agents;

import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.client.NodeClient.AgentDetail;
import io.peerclaw.desktop.client.NodeClient.AgentRow;
import io.peerclaw.desktop.client.NodeClient.ReputationPoint;
import io.peerclaw.desktop.mvvm.ViewModel;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The node's agents, one agent's details and the actions an admin takes on it. */
public final class AgentsViewModel extends ViewModel {
    private final ObservableList<AgentRow> agents = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<AgentDetail> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ReputationPoint> history = FXCollections.observableArrayList();
    private final javafx.beans.property.ReadOnlyStringWrapper empty =
            new javafx.beans.property.ReadOnlyStringWrapper(NO_AGENTS);

    static final String NO_AGENTS =
            "No agents yet: agents appear here once they register with the node.";

    /** Why the agent list is empty, and what to do. */
    public javafx.beans.property.ReadOnlyStringProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public AgentsViewModel(NodeClient node, Executor background, Executor ui) {
        super(node, background, ui);
    }

    @Override
    public void refresh() {
        String text = search.get();
        run(
                () -> node.agents(text),
                rows -> {
                    empty.set(
                            text.isBlank()
                                    ? NO_AGENTS
                                    : "No agent matches “"
                                            + text.strip()
                                            + "”: clear the search to see every agent.");
                    agents.setAll(rows);
                    var current = selected.get();
                    if (current != null
                            && rows.stream().noneMatch(r -> r.id().equals(current.agent().id()))) {
                        selected.set(null);
                        history.clear();
                    }
                });
    }

    /** Shows one agent's card, reviews and reputation history. */
    public void select(AgentRow row) {
        if (row == null) {
            selected.set(null);
            history.clear();
            return;
        }
        run(
                () -> new Detail(node.agent(row.id()), historyOf(row.id())),
                detail -> {
                    selected.set(detail.agent());
                    history.setAll(detail.history());
                });
    }

    private List<ReputationPoint> historyOf(String id) {
        try {
            return node.reputationHistory(id);
        } catch (io.peerclaw.desktop.client.NodeClientException e) {
            // NOTE: a suspended or private agent has no public history; the card still shows.
            return List.of();
        }
    }

    private record Detail(AgentDetail agent, List<ReputationPoint> history) {}

    public void verify() {
        onSelected(id -> node.verifyAgent(id), "verification of %s started");
    }

    public void probe() {
        onSelected(id -> node.probeAgent(id), "probed %s");
    }

    public void suspend(String reason) {
        String why =
                reason == null || reason.isBlank() ? "suspended from the console" : reason.strip();
        onSelected(id -> node.suspendAgent(id, why), "suspended %s");
    }

    public void unsuspend() {
        onSelected(id -> node.unsuspendAgent(id), "reinstated %s");
    }

    public void delete() {
        var current = selected.get();
        if (current == null) {
            return;
        }
        String id = current.agent().id();
        act(
                () -> node.deleteAgent(id),
                () -> {
                    notice("deleted " + current.agent().name());
                    selected.set(null);
                    history.clear();
                    agents.removeIf(a -> a.id().equals(id));
                });
    }

    private void onSelected(java.util.function.Consumer<String> action, String done) {
        var current = selected.get();
        if (current == null) {
            return;
        }
        String id = current.agent().id();
        act(
                () -> action.accept(id),
                () -> {
                    notice(done.formatted(current.agent().name()));
                    refresh();
                    select(current.agent());
                });
    }

    public ObservableList<AgentRow> agents() {
        return agents;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyObjectProperty<AgentDetail> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ObservableList<ReputationPoint> history() {
        return history;
    }
}
