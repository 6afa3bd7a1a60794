package io.peerclaw.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.peerclaw.desktop.embedded.EmbeddedNode;
import io.peerclaw.node.admin.NodeLogs;
import io.peerclaw.node.api.NodeOptions;
import io.peerclaw.node.boot.NodeLogging;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The first start of an empty node: the window creates the admin account, then signs in. */
@ExtendWith(ApplicationExtension.class)
class FirstStartUiTest {
    private Path data;
    private ExecutorService background;
    private EmbeddedNode node;

    @Start
    void start(Stage stage) throws IOException {
        data = Files.createTempDirectory("peerclaw-first-");
        background = Executors.newVirtualThreadPerTaskExecutor();
        node =
                new EmbeddedNode(
                        NodeOptions.defaults()
                                .withEnvironment(Map.of())
                                .withDataDirectory(data)
                                .withPort(0));
        new ConsoleApp(stage, Optional.of(node), background, WindowState.NONE)
                .open(Optional.empty());
    }

    @AfterEach
    void stop() throws TimeoutException, IOException {
        FxToolkit.cleanupStages();
        node.close();
        background.shutdownNow();
        try (var paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theLogSaysWhenTheWindowFirstShowedTheNodesAnswerCountedFromTheJvmStart() {
        // The embedded node's logging keeps the records the admin log tail shows.
        await().atMost(Duration.ofSeconds(30)).until(() -> answered().isPresent());
        NodeLogs.Line line = answered().orElseThrow();
        var matcher = Pattern.compile("answer ([0-9,]+) ms after").matcher(line.message());
        assertThat(matcher.find()).as(line.message()).isTrue();
        long reported = Long.parseLong(matcher.group(1).replace(",", ""));
        long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();

        // Counted from the process's start instant, it was up to a second more than this.
        assertThat(reported).isCloseTo(line.time().toEpochMilli() - jvmStarted, within(50L));
    }

    private static Optional<NodeLogs.Line> answered() {
        return NodeLogging.recent().recent().stream()
                .filter(l -> l.message().startsWith("console showing the node's answer"))
                .findFirst();
    }

    @Test
    void anEmptyNodeAsksForTheAdminAccountAndThenOpensTheConsole(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                robot.lookup("#password-repeat")
                                        .tryQuery()
                                        .map(n -> n.isVisible())
                                        .orElse(false));
        assertThat(robot.lookup("Welcome to PeerClaw").queryAs(Label.class)).isNotNull();

        robot.clickOn("#email").write("first@example.com");
        robot.clickOn("#password").write("correct horse battery");
        robot.clickOn("#password-repeat").write("correct horse battery");
        robot.clickOn("#sign-in-button");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> robot.lookup("#shell").tryQuery().isPresent());
    }
}
