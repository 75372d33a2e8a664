package io.incident.app.ui;

import io.incident.app.store.CaseStore;
import io.incident.app.store.Note;
import io.incident.views.timeline.TimeAxis;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The analyst's notes and bookmarks. Typing saves by itself a moment after the last key, on the case writer thread, so
 * a note is never lost and the window never waits on the disk. A bookmark is one click from its place.
 */
final class NotesPanel extends VBox {
    private final ObservableList<Note> notes = FXCollections.observableArrayList();
    private final ListView<Note> list = new ListView<>(notes);
    private final TextField title = new TextField();
    private final TextArea text = new TextArea();
    private final Label saved = new Label();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(350));
    private CaseStore store;
    private boolean loading;

    /** What a note can be anchored on: a time range, and when it is one event, that event's place in the case. */
    record Anchor(String title, long start, long end, Long artifactId, Integer track, Integer event) {
        static Anchor range(String title, long[] r) {
            return new Anchor(title, r[0], r[1], null, null, null);
        }
    }

    /**
     * @param view      the timeline's visible range, for "Bookmark view"
     * @param range     the range selected on the timeline (null when none), for "Note on range"
     * @param event     the selected event as an anchor (null when none), for "Note on event"
     * @param jump      takes the analyst to a note's place: its event, selected, or its range
     */
    NotesPanel(Supplier<long[]> view, ObservableValue<long[]> range, ObservableValue<Anchor> event,
               Consumer<Note> jump) {
        super(6);
        setPadding(new Insets(8));
        Button add = new Button("New note");
        Button mark = new Button("Bookmark view");
        Button onRange = new Button("Note on range");
        Button onEvent = new Button("Note on event");
        Button delete = new Button("Delete");
        add.setOnAction(e -> create(null));
        mark.setOnAction(e -> create(Anchor.range("Bookmark", view.get())));
        onRange.setOnAction(e -> create(range.getValue() == null ? null : Anchor.range("Range", range.getValue())));
        onEvent.setOnAction(e -> create(event.getValue()));
        onRange.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> range.getValue() == null, range));
        onEvent.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> event.getValue() == null, event));
        onRange.setTooltip(new javafx.scene.control.Tooltip("Drag across the timeline to select a range first"));
        onEvent.setTooltip(new javafx.scene.control.Tooltip("Click an event on the timeline first"));
        delete.setOnAction(e -> deleteSelected());
        list.setId("notes-list");
        list.setPrefHeight(160);
        list.setPlaceholder(new Label("No notes yet"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Note n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : mark(n) + (n.title().isEmpty() ? "(untitled)" : n.title()));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, n) -> edit(n));
        // One click on an anchored note takes the analyst to its place.
        list.setOnMouseClicked(e -> {
            Note n = list.getSelectionModel().getSelectedItem();
            if (n != null && n.isBookmark()) {
                jump.accept(n);
            }
        });
        title.setPromptText("Title");
        text.setPromptText("What you found, what you think, what to check next\u2026");
        text.setWrapText(true);
        VBox.setVgrow(text, Priority.ALWAYS);
        title.textProperty().addListener(o -> changed());
        text.textProperty().addListener(o -> changed());
        debounce.setOnFinished(e -> save());
        saved.setStyle("-fx-text-fill: #6b7280;");
        FlowPane buttons = new FlowPane(6, 6, add, mark, onRange, onEvent, delete);
        getChildren().addAll(buttons, list, title, text, saved);
        setEditorDisabled(true);
    }

    void setStore(CaseStore s) {
        this.store = s;
        Tasks.run(s::notes, loaded -> {
            loaded.sort(Comparator.comparing(Note::created));
            notes.setAll(loaded);
        }, e -> saved.setText("cannot read notes: " + e.getMessage()));
    }

    /** The list's mark of a note's anchor: an event, a range, a time, or nothing for a free note. */
    static String mark(Note n) {
        if (!n.isBookmark()) {
            return "";
        }
        if (n.event() != null) {
            return "\u25c6 " + TimeAxis.utcSeconds(n.start()) + "  ";
        }
        if (n.end() != null && n.end() > n.start()) {
            return "\u2691 " + TimeAxis.utcSeconds(n.start()) + " " + TimeAxis.relative(n.end() - n.start(), 1_000_000)
                    + "  ";
        }
        return "\u2691 " + TimeAxis.utcSeconds(n.start()) + "  ";
    }

    private void create(Anchor a) {
        Instant now = Instant.now();
        Note n = a == null ? new Note(0, now, now, "Note", "", null, null, null, null, null)
                : new Note(0, now, now, a.title(), "", a.start(), a.end(), a.artifactId(), a.track(), a.event());
        CaseStore s = store;
        Tasks.write(() -> s.saveNote(n), stored -> {
            notes.add(stored);
            list.getSelectionModel().select(stored);
            title.requestFocus();
        }, e -> saved.setText("not saved: " + e.getMessage()));
    }

    private void deleteSelected() {
        Note n = list.getSelectionModel().getSelectedItem();
        if (n == null) {
            return;
        }
        CaseStore s = store;
        Tasks.write(() -> {
            s.deleteNote(n.id());
            return n;
        }, d -> notes.remove(d), e -> saved.setText("not deleted: " + e.getMessage()));
    }

    private void edit(Note n) {
        loading = true;
        title.setText(n == null ? "" : n.title());
        text.setText(n == null ? "" : n.text());
        loading = false;
        setEditorDisabled(n == null);
    }

    private void setEditorDisabled(boolean d) {
        title.setDisable(d);
        text.setDisable(d);
    }

    private void changed() {
        if (!loading) {
            saved.setText("editing\u2026");
            debounce.playFromStart();
        }
    }

    /** Saves the note being edited now; also called before the window closes. */
    void save() {
        debounce.stop();
        Note n = list.getSelectionModel().getSelectedItem();
        if (n == null || store == null) {
            return;
        }
        Note updated = n.withText(title.getText(), text.getText(), Instant.now());
        if (updated.title().equals(n.title()) && updated.text().equals(n.text())) {
            return;
        }
        int i = notes.indexOf(n);
        loading = true;
        notes.set(i, updated);
        list.getSelectionModel().select(i);
        loading = false;
        CaseStore s = store;
        Tasks.write(() -> s.saveNote(updated), ok -> saved.setText("saved " + TimeAxis.utcSeconds(
                ok.updated().getEpochSecond() * 1_000_000_000L) + " UTC"), e -> saved.setText("NOT saved: " + e.getMessage()));
    }
}
