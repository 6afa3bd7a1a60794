package io.peerclaw.desktop.logs;

import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.client.NodeClient.LogLine;
import io.peerclaw.desktop.mvvm.Texts;
import io.peerclaw.desktop.mvvm.ViewModel;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The tail of the node's log or of its audit trail, filtered by level and text. */
public final class LogsViewModel extends ViewModel {
    public static final List<String> SOURCES = List.of("node", "audit");
    public static final List<String> LEVELS = List.of("debug", "info", "warn", "error");

    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final StringProperty source = new SimpleStringProperty("node");
    private final StringProperty level = new SimpleStringProperty("info");
    private final StringProperty search = new SimpleStringProperty("");
    private final javafx.beans.property.ReadOnlyStringWrapper empty =
            new javafx.beans.property.ReadOnlyStringWrapper("");

    public LogsViewModel(NodeClient node, Executor background, Executor ui) {
        super(node, background, ui);
    }

    @Override
    public void refresh() {
        String from = source.get();
        String at = level.get();
        String text = search.get();
        run(
                () -> node.logs(from, at, text, 500),
                rows -> {
                    empty.set(empty(from, at, text));
                    lines.setAll(rows);
                });
    }

    static String empty(String source, String level, String search) {
        String what = "audit".equals(source) ? "No audit events" : "Nothing logged";
        boolean lowest = LEVELS.getFirst().equals(level);
        boolean searched = search != null && !search.isBlank();
        if (lowest && !searched) {
            return what + " yet: lines appear here as the node writes them.";
        }
        return what
                + " at level "
                + level
                + (lowest ? "" : " or above")
                + (searched ? " that matches “" + search.strip() + "”" : "")
                + ": "
                + (lowest ? "" : "choose a lower level")
                + (!lowest && searched ? " or " : "")
                + (searched ? "clear the search" : "")
                + ".";
    }

    /** Why the list is empty, and what to do. */
    public javafx.beans.property.ReadOnlyStringProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** The shown lines as plain text, for the clipboard. */
    public String text() {
        return lines.stream().map(LogsViewModel::format).collect(Collectors.joining("\n"));
    }

    public static String format(LogLine line) {
        return Texts.exact(line.time())
                + "  "
                + String.format("%-5s", line.level().toUpperCase(java.util.Locale.ROOT))
                + "  "
                + line.logger()
                + "  "
                + line.message();
    }

    public ObservableList<LogLine> lines() {
        return lines;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty levelProperty() {
        return level;
    }

    public StringProperty searchProperty() {
        return search;
    }
}
