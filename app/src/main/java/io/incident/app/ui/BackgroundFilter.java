package io.incident.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A table's rows filtered off the JavaFX thread: a journal or a trace has hundreds of thousands of rows, and typing in
 * a filter field must not stall the window. Only the newest request's result is shown.
 */
final class BackgroundFilter<T> {
    private final Executor background;
    private final ObservableList<T> shown = FXCollections.observableArrayList();
    private List<T> all = List.of();
    private Predicate<? super T> predicate = t -> true;
    private long generation;
    private long applied;
    private Runnable onShown = () -> { };

    BackgroundFilter(Executor background) {
        this.background = background;
    }

    /** The filtered rows, for TableView.setItems. */
    ObservableList<T> shown() {
        return shown;
    }

    List<T> all() {
        return all;
    }

    /** Called on the JavaFX thread each time a new result is shown. */
    void onShown(Runnable r) {
        onShown = r;
    }

    void setAll(List<T> rows) {
        all = List.copyOf(rows);
        apply(predicate);
    }

    void apply(Predicate<? super T> p) {
        predicate = p;
        long g = ++generation;
        List<T> source = all;
        background.execute(() -> {
            List<T> out = new ArrayList<>();
            for (T t : source) {
                if (p.test(t)) {
                    out.add(t);
                }
            }
            Platform.runLater(() -> {
                if (g == generation) {
                    shown.setAll(out);
                    applied = g;
                    onShown.run();
                }
            });
        });
    }

    /** Whether the newest filter's result is shown. */
    boolean isSettled() {
        return applied == generation;
    }
}
