package io.peerclaw.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerclaw.desktop.embedded.EmbeddedNode;
import io.peerclaw.desktop.mvvm.Texts;
import io.peerclaw.node.api.NodeOptions;
import io.peerclaw.node.api.NodeServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console on the headless Monocle toolkit with a real embedded node on a temporary data folder:
 * what an admin sees and does through the window, checked against the node's API.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleUiTest {
    static final String ADMIN = "admin@example.com";
    static final String PASSWORD = "correct horse battery";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static Path data;
    static NodeOptions options;

    private ExecutorService background;
    private EmbeddedNode node;

    @BeforeAll
    static void adminAccount() throws IOException {
        data = Files.createTempDirectory("peerclaw-console-");
        options =
                NodeOptions.defaults()
                        .withEnvironment(Map.of())
                        .withDataDirectory(data)
                        .withPort(0);
        NodeServer.createAdmin(options, OutputStream.nullOutputStream(), ADMIN, PASSWORD);
    }

    @AfterAll
    static void removeData() throws IOException {
        try (var paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Start
    void start(Stage stage) {
        background = Executors.newVirtualThreadPerTaskExecutor();
        node = new EmbeddedNode(options);
        new ConsoleApp(stage, Optional.of(node), background, WindowState.NONE)
                .open(Optional.empty());
    }

    @AfterEach
    void stop() throws TimeoutException {
        FxToolkit.cleanupStages();
        node.close();
        background.shutdownNow();
    }

    @Test
    void signsInAndShowsTheNodeInTheOverview(FxRobot robot) {
        signIn(robot);

        assertThat(robot.listWindows())
                .anyMatch(w -> w instanceof Stage s && s.getTitle().startsWith("PeerClaw"));
        await().atMost(PATIENCE).until(() -> text(robot, "#state").equals("running"));
        String url = node.address().orElseThrow().toString();
        await().atMost(PATIENCE)
                .until(
                        () ->
                                text(robot, "#url")
                                        .replace(String.valueOf(Texts.ZERO_WIDTH_SPACE), "")
                                        .equals(url));

        new NodeApi(node.address().orElseThrow()).registerAgent("feed-bot");

        await().atMost(PATIENCE)
                .until(
                        () ->
                                robot.lookup("#activity").queryListView().getItems().stream()
                                        .anyMatch(
                                                line ->
                                                        line.toString().contains("Agent registered")
                                                                && line.toString()
                                                                        .contains("feed-bot")));
    }

    @Test
    void anAgentRegisteredOverTheApiAppearsAndDeletingItRemovesItFromTheApi(FxRobot robot) {
        signIn(robot);
        var api = new NodeApi(node.address().orElseThrow());
        String id = api.registerAgent("weather-bot");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        robot.type(KeyCode.F5);
        await().atMost(PATIENCE).until(() -> tableHas(robot, "#agent-table", "weather-bot"));

        robot.clickOn("weather-bot");
        await().atMost(PATIENCE).until(() -> text(robot, "#agent-title").equals("weather-bot"));
        robot.clickOn("#delete");
        robot.clickOn("Delete");

        await().atMost(PATIENCE).until(() -> !tableHas(robot, "#agent-table", "weather-bot"));
        String token = api.login(ADMIN, PASSWORD);
        assertThat(api.call("GET", "/api/v1/admin/agents/" + id, null, token).status())
                .isEqualTo(404);
    }

    @Test
    void aReportFiledOverTheApiIsActionedInModerationAndSuspendsTheAgent(FxRobot robot) {
        signIn(robot);
        var api = new NodeApi(node.address().orElseThrow());
        String id = api.registerAgent("spam-bot");
        String reporter = api.signUp("reporter@example.com", PASSWORD);
        var filed =
                api.call(
                        "POST",
                        "/api/v1/reports",
                        Map.of(
                                "target_type",
                                "agent",
                                "target_id",
                                id,
                                "reason",
                                "spam",
                                "details",
                                "floods my inbox"),
                        reporter);
        assertThat(filed.status()).as(String.valueOf(filed.json())).isEqualTo(201);

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> tableHas(robot, "#report-table", "floods my inbox"));
        robot.clickOn("floods my inbox");
        robot.clickOn("#suspend-agent");

        String token = api.login(ADMIN, PASSWORD);
        await().atMost(PATIENCE)
                .until(
                        () ->
                                api.call("GET", "/api/v1/admin/agents/" + id, null, token)
                                        .json()
                                        .path("agent")
                                        .path("suspended")
                                        .asBoolean());
        await().atMost(PATIENCE).until(() -> !tableHas(robot, "#report-table", "floods my inbox"));
    }

    @Test
    void theSettingsFormRefusesAnInvalidPortWithAMessage(FxRobot robot) {
        signIn(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        await().atMost(PATIENCE)
                .until(() -> robot.lookup("#setting-form-port").tryQuery().isPresent());

        robot.doubleClickOn("#setting-form-port");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("99999");
        robot.clickOn("#save-settings");

        await().atMost(PATIENCE)
                .until(() -> text(robot, "#error-form-port").contains("0 to 65535"));
        assertThat(text(robot, "#settings #error"))
                .contains("Port must be a number from 0 to 65535");
    }

    @Test
    void theSettingsShowWhatTheNodeReportsAndTheRunningPort(FxRobot robot) {
        signIn(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        await().atMost(PATIENCE)
                .until(() -> robot.lookup("#setting-database-dsn").tryQuery().isPresent());

        assertThat(robot.lookup("#setting-database-dsn").queryTextInputControl().getPromptText())
                .as("a default H2 node has no DSN")
                .startsWith("not set");
        int port = node.address().orElseThrow().getPort();
        await().atMost(PATIENCE)
                .until(() -> text(robot, "#running-form-port").contains("Running now: " + port));
    }

    @Test
    void noColumnHeaderIsCutOffAtTheDefaultWindowSize(FxRobot robot) {
        signIn(robot);
        var truncated = new java.util.ArrayList<String>();
        for (var page :
                java.util.List.of(KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5)) {
            robot.press(KeyCode.CONTROL, page).release(page, KeyCode.CONTROL);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            robot.lookup(".column-header .label")
                    .queryAllAs(Label.class)
                    .forEach(
                            header -> {
                                if (header.isVisible()
                                        && header.getScene() != null
                                        && header.isTextTruncated()) {
                                    truncated.add(page + ": " + header.getText());
                                }
                            });
        }
        assertThat(truncated).as("headers cut off at %s", "1320×840").isEmpty();
    }

    @Test
    void aValueTheNodeRefusesIsShownNextToItsFieldAndNothingIsSaved(FxRobot robot) {
        signIn(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        await().atMost(PATIENCE)
                .until(() -> robot.lookup("#setting-rate-limit-burst-size").tryQuery().isPresent());

        robot.doubleClickOn("#setting-rate-limit-burst-size");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("-5");
        robot.clickOn("#save-settings");

        await().atMost(PATIENCE)
                .until(() -> !text(robot, "#error-rate-limit-burst-size").isEmpty());
        assertThat(text(robot, "#settings #notice")).doesNotContain("Saved");
        assertThat(Files.exists(data.resolve("config.yaml"))).isFalse();
    }

    @Test
    void connectToNodeManagesAnotherNodeThroughTheSameScreens(FxRobot robot) throws IOException {
        signIn(robot);
        Path otherData = Files.createTempDirectory("peerclaw-remote-");
        var otherOptions =
                NodeOptions.defaults()
                        .withEnvironment(Map.of())
                        .withDataDirectory(otherData)
                        .withPort(0);
        NodeServer.createAdmin(
                otherOptions, OutputStream.nullOutputStream(), "remote@example.com", PASSWORD);
        try (var remote = new EmbeddedNode(otherOptions)) {
            String url = remote.start().toString();
            new NodeApi(remote.address().orElseThrow()).registerAgent("remote-only-bot");

            robot.clickOn("#connect");
            robot.clickOn(".dialog-pane .text-field");
            robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
            robot.write(url);
            robot.type(KeyCode.ENTER);
            await().atMost(PATIENCE).until(() -> robot.lookup("#email").tryQuery().isPresent());
            robot.clickOn("#email").write("remote@example.com");
            robot.clickOn("#password").write(PASSWORD);
            robot.clickOn("#sign-in-button");
            await().atMost(PATIENCE)
                    .failFast(
                            () ->
                                    assertThat(text(robot, "#sign-in #error"))
                                            .as("the sign-in's error")
                                            .isEmpty())
                    .until(() -> text(robot, "#node-address").equals(url));

            assertThat(robot.lookup("#start").queryButton().isVisible())
                    .as("a remote node is not started here")
                    .isFalse();
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
            await().atMost(PATIENCE)
                    .until(() -> tableHas(robot, "#agent-table", "remote-only-bot"));
        } finally {
            try (var paths = Files.walk(otherData)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void signIn(FxRobot robot) {
        // NOTE: the window may swap its root while the node starts; click the field once it is
        // in a shown scene, not whatever the query matched a moment earlier.
        Node email =
                await().atMost(PATIENCE)
                        .until(
                                () ->
                                        robot.lookup("#email")
                                                .tryQuery()
                                                .filter(n -> n.getScene() != null)
                                                .filter(n -> n.getScene().getWindow() != null)
                                                .filter(n -> n.getScene().getWindow().isShowing())
                                                .orElse(null),
                                java.util.Objects::nonNull);
        robot.clickOn(email).write(ADMIN);
        robot.clickOn("#password").write(PASSWORD);
        robot.clickOn("#sign-in-button");
        await().atMost(PATIENCE).until(() -> robot.lookup("#shell").tryQuery().isPresent());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query)
                .tryQuery()
                .map(n -> n instanceof Label l ? l.getText() : "")
                .orElse("");
    }

    private static boolean tableHas(FxRobot robot, String query, String text) {
        Optional<Node> table = robot.lookup(query).tryQuery();
        return table.map(
                        t ->
                                ((TableView<?>) t)
                                        .getItems().stream()
                                                .anyMatch(row -> row.toString().contains(text)))
                .orElse(false);
    }
}
