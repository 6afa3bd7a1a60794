package io.peerclaw.desktop.reputation;

import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.client.NodeClient.RankedAgent;
import io.peerclaw.desktop.client.NodeClient.ReputationEvent;
import io.peerclaw.desktop.client.NodeClient.ReputationSummary;
import io.peerclaw.desktop.mvvm.ViewModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Node-wide reputation: best and worst agents, how scores spread, recent events, the formula. */
public final class ReputationViewModel extends ViewModel {
    private final ObservableList<RankedAgent> top = FXCollections.observableArrayList();
    private final ObservableList<RankedAgent> bottom = FXCollections.observableArrayList();
    private final ObservableList<Long> distribution = FXCollections.observableArrayList();
    private final ObservableList<ReputationEvent> events = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper constants = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emptyBottom = new ReadOnlyStringWrapper(NO_AGENTS);

    /** Why the top list is empty, and what to do. */
    public static final String NO_AGENTS =
            "No agents yet: agents are ranked here once they register with the node.";

    public ReputationViewModel(NodeClient node, Executor background, Executor ui) {
        super(node, background, ui);
    }

    @Override
    public void refresh() {
        run(
                () -> new Loaded(node.reputationSummary(), node.reputationEvents(50)),
                loaded -> {
                    top.setAll(loaded.summary().top());
                    bottom.setAll(loaded.summary().bottom());
                    emptyBottom.set(
                            top.isEmpty()
                                    ? NO_AGENTS
                                    : "Every agent is already in the top list: the bottom list"
                                            + " names the others once there are more than "
                                            + top.size()
                                            + (top.size() == 1 ? " agent." : " agents."));
                    distribution.setAll(loaded.summary().distribution());
                    events.setAll(loaded.events());
                    constants.set(describe(loaded.summary().constants()));
                });
    }

    private record Loaded(ReputationSummary summary, List<ReputationEvent> events) {}

    /** The formula's constants, one per line, weights indented under them. */
    static String describe(Map<String, Object> constants) {
        var text = new StringBuilder();
        constants.forEach(
                (key, value) -> {
                    if (value instanceof Map<?, ?> nested) {
                        text.append(key.replace('_', ' ')).append(":\n");
                        nested.forEach(
                                (k, v) ->
                                        text.append("    ")
                                                .append(k)
                                                .append(" = ")
                                                .append(v)
                                                .append('\n'));
                    } else {
                        text.append(key.replace('_', ' ')).append(" = ").append(value).append('\n');
                    }
                });
        return text.toString().strip();
    }

    /** The label of distribution bucket {@code i}: "0.0–0.1" … "0.9–1.0". */
    public static String bucket(int i) {
        return String.format(java.util.Locale.ROOT, "%.1f–%.1f", i / 10.0, (i + 1) / 10.0);
    }

    public ObservableList<RankedAgent> top() {
        return top;
    }

    public ObservableList<RankedAgent> bottom() {
        return bottom;
    }

    public ObservableList<Long> distribution() {
        return distribution;
    }

    public ObservableList<ReputationEvent> events() {
        return events;
    }

    /** Why the bottom list is empty: no agents at all, or all of them already in the top. */
    public ReadOnlyStringProperty emptyBottomProperty() {
        return emptyBottom.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty constantsProperty() {
        return constants.getReadOnlyProperty();
    }
}
