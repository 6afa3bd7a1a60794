package io.peerclaw.desktop.ui;

import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.StrokeLineCap;

/**
 * The window icon, drawn from the same design as {@code icons/peerclaw.svg} (three linked peers on
 * an indigo tile) so the program needs no image decoder for SVG. Call on the FX thread.
 */
public final class AppIcon {
    private AppIcon() {}

    public static Image image(int size) {
        var canvas = new Canvas(size, size);
        var g = canvas.getGraphicsContext2D();
        double s = size / 512.0;
        g.setFill(
                new LinearGradient(
                        0,
                        0,
                        1,
                        1,
                        true,
                        CycleMethod.NO_CYCLE,
                        new Stop(0, Color.web("#4338ca")),
                        new Stop(1, Color.web("#7c3aed"))));
        g.fillRoundRect(16 * s, 16 * s, 480 * s, 480 * s, 208 * s, 208 * s);
        g.setStroke(Color.WHITE);
        g.setLineWidth(18 * s);
        g.setLineCap(StrokeLineCap.ROUND);
        g.strokeLine(256 * s, 196 * s, 176 * s, 320 * s);
        g.strokeLine(256 * s, 196 * s, 336 * s, 320 * s);
        g.strokeLine(176 * s, 320 * s, 336 * s, 320 * s);
        g.setFill(Color.WHITE);
        g.fillOval((256 - 40) * s, (190 - 40) * s, 80 * s, 80 * s);
        g.fillOval((172 - 34) * s, (324 - 34) * s, 68 * s, 68 * s);
        g.fillOval((340 - 34) * s, (324 - 34) * s, 68 * s, 68 * s);
        g.setFill(Color.web("#4f46e5"));
        g.fillOval((256 - 16) * s, (190 - 16) * s, 32 * s, 32 * s);
        var params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        return canvas.snapshot(params, null);
    }
}
