package io.peerclaw.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.desktop.client.FakeNodeClient;
import io.peerclaw.desktop.client.NodeClient.NodeInfo;
import io.peerclaw.desktop.client.NodeClient.Setting;
import io.peerclaw.desktop.client.NodeClientException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {
    private final FakeNodeClient node = new FakeNodeClient();
    private final SettingsViewModel model =
            new SettingsViewModel(node, Runnable::run, Runnable::run);

    @BeforeEach
    void load() {
        node.settings.add(
                new Setting(
                        "server.http_addr", "127.0.0.1:8080", "text", "address", false, false, ""));
        node.settings.add(
                new Setting(
                        "rate_limit.requests_per_sec", "10", "decimal", "rate", false, false, ""));
        node.settings.add(new Setting("database.dsn", "", "secret", "dsn", true, false, ""));
        node.settings.add(
                new Setting(
                        "server.cors_origins",
                        "https://a.example",
                        "list",
                        "cors",
                        false,
                        false,
                        ""));
        model.refresh();
    }

    @Test
    void splitsTheListenAddressIntoBindAddressAndPort() {
        assertThat(model.field(SettingsViewModel.BIND).orElseThrow().valueProperty().get())
                .isEqualTo("127.0.0.1");
        assertThat(model.field(SettingsViewModel.PORT).orElseThrow().valueProperty().get())
                .isEqualTo("8080");
    }

    @Test
    void refusesAPortOutOfRangeWithoutAskingTheNode() {
        model.field(SettingsViewModel.PORT).orElseThrow().valueProperty().set("70000");

        model.save();

        assertThat(model.field(SettingsViewModel.PORT).orElseThrow().errorProperty().get())
                .contains("0 to 65535");
        assertThat(model.error()).contains("Port");
        assertThat(node.calls).doesNotContain("saveSettings");
    }

    @Test
    void savesOnlyChangedValuesTypedAndSaysTheyApplyOnRestart() {
        model.field(SettingsViewModel.PORT).orElseThrow().valueProperty().set("9090");
        model.field("rate_limit.requests_per_sec").orElseThrow().valueProperty().set("2.5");
        model.field("server.cors_origins")
                .orElseThrow()
                .valueProperty()
                .set("https://a.example, https://b.example");

        model.save();

        assertThat(node.saved)
                .containsEntry("server.http_addr", "127.0.0.1:9090")
                .containsEntry("rate_limit.requests_per_sec", 2.5)
                .containsEntry(
                        "server.cors_origins", List.of("https://a.example", "https://b.example"))
                .doesNotContainKey("database.dsn");
        assertThat(model.notice()).contains("/tmp/data/peerclaw.yaml").contains("restart");
    }

    @Test
    void showsTheNodesComplaintNextToTheField() {
        model.field("rate_limit.requests_per_sec").orElseThrow().valueProperty().set("-1");
        node.failNext =
                new NodeClientException(
                        "invalid configuration",
                        400,
                        List.of(
                                new NodeClientException.FieldError(
                                        "rate_limit.requests_per_sec", "must be positive")));

        model.save();

        assertThat(model.field("rate_limit.requests_per_sec").orElseThrow().errorProperty().get())
                .isEqualTo("must be positive");
        assertThat(model.error()).isEqualTo("invalid configuration");
    }

    @Test
    void anUntouchedFormSavesNothing() {
        model.save();

        assertThat(node.calls).doesNotContain("saveSettings");
        assertThat(model.notice()).isEqualTo("nothing changed");
    }

    @Test
    void aSecretTheNodeHasSaysItIsSetAndOneItHasNotSaysItIsNot() {
        assertThat(model.field("database.dsn").orElseThrow().placeholder())
                .isEqualTo("set; type a new value to replace it");

        node.settings.set(2, new Setting("database.dsn", "", "secret", "dsn", false, false, ""));
        model.refresh();

        assertThat(model.field("database.dsn").orElseThrow().placeholder())
                .isEqualTo("not set; type a value to set it");
    }

    @Test
    void aPortTheNodeDoesNotRunOnShowsBothTheConfiguredAndTheRunningOne() {
        node.nodeInfo = withPort(51234);
        model.refresh();

        assertThat(model.field(SettingsViewModel.PORT).orElseThrow().runningProperty().get())
                .contains("Configured: 8080")
                .contains("Running now: 51234");
    }

    @Test
    void aPortTheNodeRunsOnSaysNothingMore() {
        node.nodeInfo = withPort(8080);
        model.refresh();

        assertThat(model.field(SettingsViewModel.PORT).orElseThrow().runningProperty().get())
                .isEmpty();
    }

    @Test
    void theFormStillLoadsWhenTheNodeFactsCannotBeRead() {
        node.nodeInfo = null;

        model.refresh();

        assertThat(model.field(SettingsViewModel.PORT).orElseThrow().valueProperty().get())
                .isEqualTo("8080");
        assertThat(model.error()).isEmpty();
    }

    private static NodeInfo withPort(int port) {
        return new NodeInfo(
                "0.1.0",
                Instant.parse("2026-11-26T07:00:00Z"),
                65,
                "http://127.0.0.1:" + port,
                port,
                "/tmp/data",
                null,
                "h2",
                "file");
    }
}
