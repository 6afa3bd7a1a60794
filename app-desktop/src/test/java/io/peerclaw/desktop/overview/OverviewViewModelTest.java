package io.peerclaw.desktop.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.desktop.client.FakeNodeClient;
import io.peerclaw.desktop.client.NodeClient.Activity;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {
    private final FakeNodeClient node = new FakeNodeClient();
    private final LocalNode control = new LocalNode();
    private final OverviewViewModel model =
            new OverviewViewModel(node, control, Runnable::run, Runnable::run);

    static final class LocalNode implements NodeControl {
        boolean running = true;

        @Override
        public boolean embedded() {
            return true;
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public URI start() {
            running = true;
            return URI.create("http://127.0.0.1:9");
        }

        @Override
        public void stop() {
            running = false;
        }
    }

    @Test
    void showsTheNodesStateAndCounts() {
        node.agents.add(FakeNodeClient.agent("a1", "Alpha"));
        node.agents.add(FakeNodeClient.agent("b2", "Beta"));

        model.refresh();

        assertThat(model.stateProperty().get()).isEqualTo("running");
        assertThat(model.infoProperty().get().version()).isEqualTo("0.1.0");
        assertThat(model.countsProperty().get().offlineAgents()).isEqualTo(1);
        assertThat(OverviewViewModel.uptime(model.infoProperty().get().uptimeSeconds()))
                .isEqualTo("1 min 5 s");
    }

    @Test
    void pushedActivityArrivesNewestFirst() {
        model.follow();

        node.activityListener.accept(
                new Activity(Instant.now(), "agent_registered", "a1", "", "{}"));
        node.activityListener.accept(
                new Activity(Instant.now(), "report_filed", "a1", "u1", "spam"));

        assertThat(model.activity()).hasSize(2);
        assertThat(model.activity().get(0).text())
                .contains("Report filed")
                .contains("by u1")
                .contains("spam");
        model.unfollow();
        assertThat(node.activityListener).isNull();
    }

    @Test
    void theFeedNamesPeopleAndAgentsWithTheirIdsOnHover() {
        var line =
                OverviewViewModel.line(
                        new Activity(
                                Instant.now(),
                                "account.created",
                                "a1",
                                "u1",
                                "",
                                "weather-bot",
                                "ann@example.com"));

        assertThat(line.text())
                .contains("Account created")
                .contains("agent weather-bot")
                .contains("by ann@example.com")
                .doesNotContain("a1")
                .doesNotContain("u1");
        assertThat(line.ids()).contains("agent id a1").contains("user id u1");
    }

    @Test
    void stopAndStartTheEmbeddedNode() {
        model.refresh();
        model.stop();
        assertThat(model.stateProperty().get()).isEqualTo("stopped");
        assertThat(model.countsProperty().get()).isNull();

        model.start();
        assertThat(model.stateProperty().get()).isEqualTo("running");
        assertThat(node.calls).contains("activity");
    }

    @Test
    void restartGoesThroughTheApi() {
        model.refresh();
        model.restart();

        assertThat(node.calls).containsSubsequence("restart", "dashboard", "activity");
        assertThat(model.notice()).isEqualTo("the node restarted with its saved configuration");
        assertThat(model.stateProperty().get()).isEqualTo("running");
    }
}
