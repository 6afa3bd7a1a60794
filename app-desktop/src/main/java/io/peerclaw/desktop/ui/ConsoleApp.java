package io.peerclaw.desktop.ui;

import io.peerclaw.desktop.agents.AgentsView;
import io.peerclaw.desktop.agents.AgentsViewModel;
import io.peerclaw.desktop.client.HttpNodeClient;
import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.client.NodeClientException;
import io.peerclaw.desktop.embedded.EmbeddedNode;
import io.peerclaw.desktop.logs.LogsView;
import io.peerclaw.desktop.logs.LogsViewModel;
import io.peerclaw.desktop.moderation.ModerationView;
import io.peerclaw.desktop.moderation.ModerationViewModel;
import io.peerclaw.desktop.overview.NodeControl;
import io.peerclaw.desktop.overview.OverviewView;
import io.peerclaw.desktop.overview.OverviewViewModel;
import io.peerclaw.desktop.reputation.ReputationView;
import io.peerclaw.desktop.reputation.ReputationViewModel;
import io.peerclaw.desktop.session.SignInView;
import io.peerclaw.desktop.session.SignInViewModel;
import io.peerclaw.desktop.settings.SettingsView;
import io.peerclaw.desktop.settings.SettingsViewModel;
import io.peerclaw.desktop.users.UsersView;
import io.peerclaw.desktop.users.UsersViewModel;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The console's window and its life: start the embedded node, sign in (or create the first admin),
 * then the pages; "Connect to node…" does the same for a remote node. This is the composition root
 * of the desktop side: it builds every view model and view by hand.
 */
public final class ConsoleApp {
    /** Credentials to sign in with at once (screenshots); the usual path asks in the window. */
    public record Credentials(String email, String password) {}

    private final Stage stage;
    private final Optional<EmbeddedNode> embedded;
    private final Executor background;
    private final Executor ui = new FxExecutor();
    private final WindowState windowState;
    private final Theme theme;
    private final Scene scene;
    private NodeClient client;
    private OverviewViewModel overview;
    private ConsoleShell shell;
    private Consumer<ConsoleShell> onShell = s -> {};

    public ConsoleApp(
            Stage stage,
            Optional<EmbeddedNode> embedded,
            Executor background,
            WindowState windowState) {
        this.stage = stage;
        this.embedded = embedded;
        this.background = background;
        this.windowState = windowState;
        var saved = windowState.load();
        this.theme = new Theme(saved.map(WindowState.Saved::dark).orElse(false));
        this.scene =
                new Scene(
                        splash("Starting the node…"),
                        saved.map(WindowState.Saved::width).orElse(1320.0),
                        saved.map(WindowState.Saved::height).orElse(840.0));
        theme.apply(scene);
        stage.setScene(scene);
        stage.setTitle("PeerClaw");
        stage.getIcons().setAll(AppIcon.image(256), AppIcon.image(64), AppIcon.image(32));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        saved.ifPresent(
                s -> {
                    stage.setX(s.x());
                    stage.setY(s.y());
                    stage.setMaximized(s.maximized());
                });
        scene.getAccelerators()
                .put(
                        new javafx.scene.input.KeyCodeCombination(
                                javafx.scene.input.KeyCode.T,
                                javafx.scene.input.KeyCombination.SHORTCUT_DOWN),
                        () -> theme.toggle(scene));
        stage.setOnHidden(e -> close());
    }

    private static final System.Logger LOG = System.getLogger(ConsoleApp.class.getName());

    /**
     * Milliseconds since the JVM started, for the start-up timings in the log. Not the process's
     * start: Linux reports that relative to a boot time counted in whole seconds, up to a second
     * off.
     */
    private static long sinceLaunch() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Shows the window and starts the embedded node, or asks for a remote one. */
    public void open(Optional<Credentials> credentials) {
        stage.show();
        LOG.log(
                System.Logger.Level.INFO,
                "console window shown {0} ms after the JVM started",
                sinceLaunch());
        if (embedded.isEmpty()) {
            scene.setRoot(splash("No local node. Use “Connect to node…” to manage one."));
            connect();
            return;
        }
        var node = embedded.get();
        background.execute(
                () -> {
                    try {
                        URI address = node.start();
                        LOG.log(
                                System.Logger.Level.INFO,
                                "embedded node serving at {0}, {1} ms after the JVM started",
                                address,
                                sinceLaunch());
                        ui.execute(() -> signIn(address, node, credentials));
                    } catch (NodeClientException e) {
                        ui.execute(() -> scene.setRoot(failure(e.getMessage())));
                    }
                });
    }

    /** Runs {@code action} once the pages are shown (screenshots, tests). */
    public void whenReady(Consumer<ConsoleShell> action) {
        this.onShell = action;
        if (shell != null) {
            action.accept(shell);
        }
    }

    private void signIn(URI address, NodeControl control, Optional<Credentials> credentials) {
        var http = new HttpNodeClient(address);
        var model = new SignInViewModel(http, background, ui);
        model.signedInProperty()
                .addListener(
                        (o, was, now) -> {
                            if (now) {
                                showPages(http, control);
                            }
                        });
        scene.setRoot(new SignInView(model, address.toString()));
        stage.setTitle("PeerClaw — " + address);
        logWhenFirstAnswered(model);
        model.refresh();
        credentials.ifPresent(
                c -> {
                    model.emailProperty().set(c.email());
                    model.passwordProperty().set(c.password());
                    model.submit();
                });
    }

    /**
     * The moment the window first shows the node's own data (the sign-in page knows whether the
     * node has an admin yet): what bench/console-startup.sh measures.
     */
    private static void logWhenFirstAnswered(SignInViewModel model) {
        model.busyProperty()
                .addListener(
                        new ChangeListener<>() {
                            @Override
                            public void changed(
                                    ObservableValue<? extends Boolean> busy,
                                    Boolean was,
                                    Boolean now) {
                                if (!now) {
                                    busy.removeListener(this);
                                    LOG.log(
                                            System.Logger.Level.INFO,
                                            "console showing the node''s answer {0} ms after the"
                                                    + " JVM started",
                                            sinceLaunch());
                                }
                            }
                        });
    }

    private void showPages(NodeClient http, NodeControl control) {
        if (overview != null) {
            overview.unfollow();
        }
        client = http;
        overview = new OverviewViewModel(http, control, background, ui);
        var agents = new AgentsViewModel(http, background, ui);
        var moderation = new ModerationViewModel(http, background, ui);
        var reputation = new ReputationViewModel(http, background, ui);
        var users = new UsersViewModel(http, background, ui);
        var settings = new SettingsViewModel(http, background, ui);
        var logs = new LogsViewModel(http, background, ui);
        var pages =
                List.of(
                        new Page("Overview", new OverviewView(overview), overview),
                        new Page("Agents", new AgentsView(agents), agents),
                        new Page("Moderation", new ModerationView(moderation), moderation),
                        new Page("Reputation", new ReputationView(reputation), reputation),
                        new Page("Users", new UsersView(users), users),
                        new Page("Settings", new SettingsView(settings), settings),
                        new Page("Logs", new LogsView(logs), logs));
        shell =
                new ConsoleShell(
                        pages, http.baseUri().toString(), () -> theme.toggle(scene), this::connect);
        scene.setRoot(shell);
        shell.installShortcuts(scene, () -> theme.toggle(scene));
        overview.follow();
        onShell.accept(shell);
    }

    /** Asks for a remote node's address, then signs in to it. */
    public void connect() {
        var ask = new TextInputDialog(client == null ? "http://" : client.baseUri().toString());
        ask.initOwner(stage);
        ask.setTitle("Connect to node");
        ask.setHeaderText("Manage another PeerClaw node");
        ask.setContentText("Node URL:");
        ask.showAndWait()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .ifPresent(
                        text -> {
                            try {
                                URI uri = new URI(text.contains("://") ? text : "http://" + text);
                                if (uri.getHost() == null) {
                                    throw new URISyntaxException(text, "no host");
                                }
                                signIn(uri, NodeControl.REMOTE, Optional.empty());
                            } catch (URISyntaxException e) {
                                var alert =
                                        new javafx.scene.control.Alert(
                                                javafx.scene.control.Alert.AlertType.ERROR,
                                                "“"
                                                        + text
                                                        + "” is not a node address such as"
                                                        + " http://node.example.com:8080.",
                                                ButtonType.OK);
                                alert.initOwner(stage);
                                alert.showAndWait();
                            }
                        });
    }

    private Parent splash(String text) {
        var title = new Label("PeerClaw");
        title.getStyleClass().add("splash-title");
        var busy = new ProgressIndicator();
        var label = new Label(text);
        label.getStyleClass().add(Styles.MUTED);
        var box = new VBox(14, title, busy, label);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private Parent failure(String message) {
        var title = new Label("The node did not start");
        title.getStyleClass().add(Styles.PAGE_TITLE);
        var text = new Label(message);
        text.setId("start-failure");
        text.setWrapText(true);
        text.getStyleClass().add(Styles.ERROR);
        text.setMaxWidth(640);
        var hint =
                Controls.muted(
                        "Check the settings and the data folder, or manage a node elsewhere.");
        var connect = new Button("Connect to node…");
        connect.setOnAction(e -> connect());
        var box = new VBox(14, title, text, hint, connect);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private void close() {
        windowState.save(
                new WindowState.Saved(
                        stage.getX(),
                        stage.getY(),
                        stage.getWidth(),
                        stage.getHeight(),
                        stage.isMaximized(),
                        theme.dark()));
        if (overview != null) {
            overview.unfollow();
        }
        embedded.ifPresent(EmbeddedNode::close);
    }

    public Scene scene() {
        return scene;
    }

    public Theme theme() {
        return theme;
    }
}
