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
}
