package io.incident.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Column helpers shared by the syscall and log tables: text columns, and numbers that sort as numbers. */
final class HostTables {
    /** The first choice of a filter combo: no filtering. */
    static final String ALL = "(all)";

    private HostTables() {
    }

    static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    /** A column that sorts by {@code key} and shows {@code text}. */
    static <T> TableColumn<T, Long> number(String title, double width, Function<T, Long> key,
                                           Function<Long, String> text) {
        TableColumn<T, Long> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(key.apply(d.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : text.apply(v));
            }
        });
        return c;
    }

    static <T> TableView<T> table(String placeholder) {
        TableView<T> t = new TableView<>();
        t.setPlaceholder(new javafx.scene.control.Label(placeholder));
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        return t;
    }

    /** Fills a filter combo with the distinct values after {@link #ALL} and {@code extra}, keeping what was chosen. */
    static void choices(ComboBox<String> box, List<String> values, String... extra) {
        String chosen = box.getValue();
        List<String> items = new ArrayList<>();
        items.add(ALL);
        items.addAll(List.of(extra));
        items.addAll(new TreeSet<>(values));
        box.setItems(FXCollections.observableArrayList(items));
        box.setValue(chosen == null ? ALL : chosen);
    }

    /** A filter combo's value, "" for {@link #ALL}. */
    static String chosen(ComboBox<String> box) {
        String v = box.getValue();
        return v == null || v.equals(ALL) ? "" : v;
    }

    /** Runs {@code action} on a double click or Enter in the table (a single click only selects). */
    static void onActivate(TableView<?> table, Runnable action) {
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                action.run();
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                action.run();
            }
        });
    }
}
