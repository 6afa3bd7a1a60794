package io.peerclaw.desktop.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.desktop.client.FakeNodeClient;
import io.peerclaw.desktop.client.NodeClient.ReportRow;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModerationViewModelTest {
    private final FakeNodeClient node = new FakeNodeClient();
    private final ModerationViewModel model =
            new ModerationViewModel(node, Runnable::run, Runnable::run);

    @BeforeEach
    void reports() {
        node.reports.add(
                new ReportRow(
                        "r1", "agent", "a1", "spam", "sends spam", "pending", "", Instant.now()));
        node.reports.add(
                new ReportRow("r2", "review", "v1", "abuse", "rude", "pending", "", Instant.now()));
        model.refresh();
    }

    @Test
    void showsThePendingQueueAndTheAuditTrail() {
        assertThat(model.reports()).extracting(ReportRow::id).containsExactly("r1", "r2");
        assertThat(model.audit()).hasSize(1);
        assertThat(node.calls).contains("reports pending");
    }

    @Test
    void actioningAnAgentReportSuspendsItAndLeavesTheQueue() {
        model.selectedProperty().set(model.reports().get(0));
        model.noteProperty().set("confirmed");

        model.suspendAgent();

        assertThat(node.calls).contains("decide r1 actioned suspend_agent confirmed");
        assertThat(model.reports()).extracting(ReportRow::id).containsExactly("r2");
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(model.noteProperty().get()).isEmpty();
    }

    @Test
    void dismissingAndReviewingSendTheirStatus() {
        model.selectedProperty().set(model.reports().get(1));
        model.dismiss();
        assertThat(node.calls).contains("decide r2 dismissed null ");

        model.statusProperty().set("");
        model.refresh();
        model.selectedProperty().set(model.reports().get(0));
        model.markReviewed();
        assertThat(node.calls).contains("decide r1 reviewed null ");
    }

    @Test
    void decidingWithoutAReportSaysSo() {
        model.hideReview();

        assertThat(model.error()).isEqualTo("choose a report first");
        assertThat(node.calls).noneMatch(c -> c.startsWith("decide"));
    }

    @Test
    void anEmptyQueueSaysWhyForTheChosenFilter() {
        node.reports.clear();
        model.refresh();
        assertThat(model.emptyProperty().get())
                .isEqualTo(
                        "No pending reports: reports filed by users about agents and reviews"
                                + " appear here to be decided.");

        model.statusProperty().set("dismissed");
        model.refresh();
        assertThat(model.emptyProperty().get())
                .isEqualTo(
                        "No dismissed reports: choose “all reports” in the filter to see every"
                                + " report.");
    }

    @Test
    void reportsAndAuditEventsNameTheirTargetAndActorAndFallBackToTheId() {
        var named =
                new ReportRow(
                        "r3",
                        "review",
                        "v1",
                        "abuse",
                        "",
                        "pending",
                        "",
                        Instant.now(),
                        "review of weather-bot");
        assertThat(named.target()).isEqualTo("review of weather-bot");
        assertThat(model.reports().get(0).target()).isEqualTo("agent a1");

        var audit =
                new io.peerclaw.desktop.client.NodeClient.AuditRow(
                        Instant.now(),
                        "agent.suspended",
                        "a1",
                        "u1",
                        "",
                        "weather-bot",
                        "ann@example.com");
        assertThat(audit.agent()).isEqualTo("weather-bot");
        assertThat(audit.by()).isEqualTo("ann@example.com");
        assertThat(model.audit().get(0).by()).isEmpty();
        assertThat(model.audit().get(0).agent()).isEqualTo("a1");
    }
}
