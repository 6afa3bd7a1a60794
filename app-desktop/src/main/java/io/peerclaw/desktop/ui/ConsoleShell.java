package io.peerclaw.desktop.ui;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The main window's content: header (node address, theme, connect), navigation on the left, the
 * chosen page in the middle. Ctrl+1…7 choose a page, F5 reloads it.
 */
public final class ConsoleShell extends BorderPane {
    private final List<Page> pages;
    private final ToggleGroup group = new ToggleGroup();
    private int current = -1;

    public ConsoleShell(
            List<Page> pages, String nodeAddress, Runnable toggleTheme, Runnable connect) {
        this.pages = List.copyOf(pages);
        setId("shell");

        var brand = new Label("PeerClaw");
        brand.getStyleClass().add(Styles.BRAND);
        var address = new Label(nodeAddress);
        address.setId("node-address");
        address.getStyleClass().add(Styles.MUTED);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var theme = new Button("Light / dark");
        theme.setId("theme");
        theme.getStyleClass().add(Styles.FLAT);
        theme.setTooltip(new Tooltip("Switch between the light and the dark theme (Ctrl+T)"));
        theme.setOnAction(e -> toggleTheme.run());
        var remote = new Button("Connect to node…");
        remote.setId("connect");
        remote.setOnAction(e -> connect.run());
        var header = new HBox(12, brand, address, spacer, theme, remote);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(Styles.HEADER);
        header.setPadding(new Insets(10, 16, 10, 16));

        var nav = new VBox(4);
        nav.getStyleClass().add(Styles.NAV);
        nav.setPadding(new Insets(12, 8, 12, 8));
        nav.setPrefWidth(180);
        for (int i = 0; i < this.pages.size(); i++) {
            int index = i;
            var button = new ToggleButton(this.pages.get(i).title());
            button.setId("nav-" + this.pages.get(i).title().toLowerCase(java.util.Locale.ROOT));
            button.getStyleClass().add(Styles.NAV_BUTTON);
            button.setToggleGroup(group);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setTooltip(new Tooltip(this.pages.get(i).title() + " (Ctrl+" + (i + 1) + ")"));
            button.setOnAction(e -> show(index));
            nav.getChildren().add(button);
        }
        var navSpacer = new Region();
        VBox.setVgrow(navSpacer, Priority.ALWAYS);
        var keys = new Label("Ctrl+1…" + this.pages.size() + "  views\nF5  refresh");
        keys.getStyleClass().add(Styles.MUTED);
        nav.getChildren().addAll(navSpacer, keys);

        setTop(header);
        setLeft(nav);
        show(0);
    }

    /** Installs the keyboard shortcuts on the window's scene. */
    public void installShortcuts(Scene scene, Runnable toggleTheme) {
        for (int i = 0; i < pages.size() && i < 9; i++) {
            int index = i;
            scene.getAccelerators()
                    .put(
                            new KeyCodeCombination(
                                    KeyCode.getKeyCode(Integer.toString(i + 1)),
                                    KeyCombination.SHORTCUT_DOWN),
                            () -> show(index));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::refresh);
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), toggleTheme);
    }

    /** Shows page {@code index} and loads its data. */
    public void show(int index) {
        if (index < 0 || index >= pages.size()) {
            return;
        }
        var page = pages.get(index);
        group.selectToggle(group.getToggles().get(index));
        if (current != index) {
            current = index;
            var view = page.view();
            BorderPane.setMargin(view, new Insets(16, 20, 16, 20));
            setCenter(view);
        }
        page.model().refresh();
    }

    public void refresh() {
        if (current >= 0) {
            pages.get(current).model().refresh();
        }
    }

    public int current() {
        return current;
    }

    public List<Page> pages() {
        return pages;
    }
}
