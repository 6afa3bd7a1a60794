package io.peerclaw.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** AtlantaFX's Primer theme, light or dark, plus the console's own {@code app.css}. */
public final class Theme {
    private boolean dark;

    public Theme(boolean dark) {
        this.dark = dark;
    }

    public void apply(Scene scene) {
        Application.setUserAgentStylesheet(
                dark
                        ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
        String css = Theme.class.getResource("app.css").toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
    }

    public void toggle(Scene scene) {
        dark = !dark;
        apply(scene);
    }

    public boolean dark() {
        return dark;
    }
}
