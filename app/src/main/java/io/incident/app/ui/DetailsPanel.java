package io.incident.app.ui;

import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import io.incident.views.timeline.AreaStats;
import io.incident.views.timeline.EventPick;
import io.incident.views.timeline.Lane;
import io.incident.views.timeline.Related;
import io.incident.views.timeline.TimeAxis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The selected event: where it is, when, how long, and all its attributes. */
final class DetailsPanel extends VBox {
    private final Label title = new Label("Nothing selected");
    private final Label when = new Label("Click an event on the timeline.");
    private final TableView<Map.Entry<String, String>> fields = new TableView<>();
    private final Label relatedTitle = new Label();
    private final ListView<Related> related = new ListView<>();
    private Consumer<EventPick> jump = p -> { };
    private final Button zoomToRange = new Button("Zoom to selection");

    DetailsPanel() {
        super(6);
        setPadding(new Insets(8));
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        title.setWrapText(true);
        when.setWrapText(true);
        TableColumn<Map.Entry<String, String>, String> k = new TableColumn<>("Field");
        k.setPrefWidth(110);
        k.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getKey()));
        TableColumn<Map.Entry<String, String>, String> v = new TableColumn<>("Value");
        v.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue()));
        fields.getColumns().add(k);
        fields.getColumns().add(v);
        fields.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        fields.setPlaceholder(new Label(""));
        VBox.setVgrow(fields, Priority.ALWAYS);
        relatedTitle.setStyle("-fx-font-weight: bold;");
        related.setId("related");
        related.setPrefHeight(220);
        related.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Related r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : describe(r));
            }
        });
        related.setOnMouseClicked(e -> {
            Related r = related.getSelectionModel().getSelectedItem();
            if (r != null) {
                jump.accept(r.pick());
            }
        });
        zoomToRange.setVisible(false);
        zoomToRange.setManaged(false);
        getChildren().addAll(title, when, zoomToRange, fields, relatedTitle, related);
        showRelated(List.of(), jump);
    }

    /** A time range selected across the lanes: per lane, events, summed durations, counter min/avg/max. */
    void showRange(long[] range, List<AreaStats> stats, long zero, Runnable zoom) {
        boolean on = range != null;
        zoomToRange.setVisible(on);
        zoomToRange.setManaged(on);
        zoomToRange.setOnAction(e -> zoom.run());
        if (!on) {
            show(null, zero);
            return;
        }
        title.setText("Selected range, " + TimeAxis.duration(range[1] - range[0]));
        when.setText(TimeAxis.utcDate(range[0]) + " (" + TimeAxis.relative(range[0] - zero, 1_000_000) + ") to "
                + TimeAxis.utcSeconds(range[1]) + "\nShift-drag to change, Z to zoom to it, Esc to clear.");
        Map<String, String> m = new LinkedHashMap<>();
        for (AreaStats a : stats) {
            m.put(a.lane().sourceTitle().replaceFirst("^\\S+\\s+", "") + " \u203a " + a.lane().title(), a.summary());
        }
        fields.setItems(FXCollections.observableArrayList(m.entrySet()));
        showRelated(List.of(), jump);
    }

    /** "Show related": the events linked to the selected one, each one click from its place. */
    void showRelated(List<Related> items, Consumer<EventPick> onJump) {
        this.jump = onJump;
        relatedTitle.setText(items.isEmpty() ? "Related: none" : "Related (" + items.size() + ") — click to go there");
        related.getItems().setAll(items);
        related.setVisible(!items.isEmpty());
        related.setManaged(!items.isEmpty());
    }

    private static String describe(Related r) {
        Lane l = r.pick().lane();
        String what = ModelText.event(l.source(), l.track(), r.pick().index());
        int cut = what.indexOf(' ');
        return r.kind() + ": " + l.source().info().fileName() + " › " + l.title() + "\n  "
                + TimeAxis.utcDate(r.pick().start()) + "  " + (cut > 0 ? what.substring(cut + 1) : what) + "\n  (" + r.reason() + ")";
    }

    void show(EventPick p, long zero) {
        if (p == null) {
            title.setText("Nothing selected");
            when.setText("Click an event on the timeline.");
            fields.getItems().clear();
            return;
        }
        Source s = p.lane().source();
        Track t = p.lane().track();
        Map<String, String> m = new LinkedHashMap<>();
        String label = "";
        if (t instanceof InstantTrack it) {
            label = s.label(it.label(p.index()));
            m.putAll(s.argsOf(it.args(p.index())));
        } else if (t instanceof SpanTrack st) {
            label = s.label(st.label(p.index()));
            m.putAll(s.argsOf(st.args(p.index())));
        } else if (t instanceof CounterTrack ct) {
            label = t.name() + " = " + ct.value(p.index()) + (ct.unit().isEmpty() ? "" : " " + ct.unit());
        } else {
            label = ModelText.event(s, t, p.index());
        }
        title.setText(label);
        String range = TimeAxis.utcDate(p.start()) + " (" + TimeAxis.relative(p.start() - zero, 1_000_000) + ")";
        if (p.end() > p.start()) {
            range += ", lasting " + TimeAxis.duration(p.end() - p.start());
        }
        when.setText(range + "\n" + s.info().fileName() + " \u203a " + p.lane().title());
        fields.setItems(FXCollections.observableArrayList(m.entrySet()));
    }
}
