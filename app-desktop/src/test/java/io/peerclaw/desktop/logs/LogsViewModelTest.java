package io.peerclaw.desktop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.desktop.client.FakeNodeClient;
import org.junit.jupiter.api.Test;

class LogsViewModelTest {
    @Test
    void asksForTheChosenSourceLevelAndTextAndCopiesPlainLines() {
        var node = new FakeNodeClient();
        var model = new LogsViewModel(node, Runnable::run, Runnable::run);
        model.sourceProperty().set("audit");
        model.levelProperty().set("warn");
        model.searchProperty().set("disk");

        model.refresh();

        assertThat(node.calls).contains("logs audit warn disk");
        assertThat(model.text())
                .contains("WARN")
                .contains("io.peerclaw.node")
                .endsWith("disk almost full");
    }

    @Test
    void anEmptyListSaysWhichFilterLeftItEmptyAndHowToWidenIt() {
        assertThat(LogsViewModel.empty("node", "warn", "disk"))
                .isEqualTo(
                        "Nothing logged at level warn or above that matches “disk”: choose a"
                                + " lower level or clear the search.");
        assertThat(LogsViewModel.empty("audit", "error", ""))
                .isEqualTo("No audit events at level error or above: choose a lower level.");
        assertThat(LogsViewModel.empty("node", "debug", ""))
                .isEqualTo("Nothing logged yet: lines appear here as the node writes them.");
    }
}
