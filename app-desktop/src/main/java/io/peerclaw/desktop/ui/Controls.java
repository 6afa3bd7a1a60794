package io.peerclaw.desktop.ui;

import io.peerclaw.desktop.mvvm.Texts;
import io.peerclaw.desktop.mvvm.ViewModel;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** Small building blocks the views share. */
public final class Controls {
    private Controls() {}

    /** A page's title row: the title, then {@code actions} on the right, then a spinner. */
    public static HBox titleBar(String title, ViewModel model, Node... actions) {
        var label = new Label(title);
        label.getStyleClass().add(Styles.PAGE_TITLE);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var busy = new ProgressIndicator();
        busy.setId("busy");
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(model.busyProperty());
        var bar = new HBox(10, label, spacer);
        bar.getChildren().addAll(actions);
        bar.getChildren().add(busy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 8, 0));
        return bar;
    }

    /** The last error (red) or notice of {@code model}; empty when there is none. */
    public static VBox messages(ViewModel model) {
        var error = new Label();
        error.setId("error");
        error.getStyleClass().add(Styles.ERROR);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        var notice = new Label();
        notice.setId("notice");
        notice.getStyleClass().add(Styles.NOTICE);
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty()
                .bind(
                        Bindings.and(
                                model.noticeProperty().isNotEmpty(),
                                model.errorProperty().isEmpty()));
        notice.managedProperty().bind(notice.visibleProperty());
        return new VBox(4, error, notice);
    }

    /** A section heading. */
    public static Label section(String text) {
        var label = new Label(text);
        label.getStyleClass().add(Styles.SECTION_TITLE);
        return label;
    }

    /** A number with its caption, as the overview shows counts. */
    public static VBox stat(String caption, Label value) {
        value.getStyleClass().add(Styles.STAT_VALUE);
        var label = new Label(caption);
        label.getStyleClass().add(Styles.STAT_LABEL);
        var box = new VBox(2, value, label);
        box.getStyleClass().addAll(Styles.CARD, Styles.STAT);
        return box;
    }

    /** A list's placeholder: why it is empty and what to do, as its view model says. */
    public static Label placeholder(javafx.beans.value.ObservableValue<String> text) {
        var label = muted("");
        label.textProperty().bind(text);
        return label;
    }

    private static final Font HEADER_FONT =
            Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 13);

    /** The width a column header needs for its whole text: the bold 13 px text and its padding. */
    static double headerWidth(String name) {
        var text = new Text(name);
        text.setFont(HEADER_FONT);
        return Math.ceil(text.getLayoutBounds().getWidth()) + 28;
    }

    /** A muted label. */
    public static Label muted(String text) {
        var label = new Label(text);
        label.getStyleClass().add(Styles.MUTED);
        label.setWrapText(true);
        return label;
    }

    /** A text column over {@code value}. */
    public static <T> TableColumn<T, String> column(
            String name, Function<T, String> value, double width) {
        var column = new TableColumn<T, String>(name);
        column.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        // A narrow window scrolls the table sideways rather than cutting a header to "Prot…".
        double header = headerWidth(name);
        column.setMinWidth(header);
        column.setPrefWidth(Math.max(width, header));
        return column;
    }

    /**
     * A text column over {@code value} whose cells show {@code hover} (e.g. the id behind a name)
     * as a tooltip.
     */
    public static <T> TableColumn<T, String> column(
            String name, Function<T, String> value, Function<T, String> hover, double width) {
        var column = column(name, value, width);
        column.setCellFactory(
                c ->
                        new TableCell<>() {
                            @Override
                            protected void updateItem(String text, boolean empty) {
                                super.updateItem(text, empty);
                                T row =
                                        empty || getTableRow() == null
                                                ? null
                                                : getTableRow().getItem();
                                setText(empty ? null : text);
                                String tip = row == null ? "" : hover.apply(row);
                                setTooltip(tip == null || tip.isBlank() ? null : new Tooltip(tip));
                            }
                        });
        return column;
    }

    /** A time column: relative while recent, the exact local time on hover. */
    public static <T> TableColumn<T, String> timeColumn(
            String name, Function<T, Instant> at, double width) {
        return column(name, row -> time(at.apply(row)), row -> Texts.exact(at.apply(row)), width);
    }

    /** A time as {@link Texts#time(Instant)} words it. */
    public static String time(Instant at) {
        return Texts.time(at);
    }
}
