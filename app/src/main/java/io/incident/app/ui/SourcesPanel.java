package io.incident.app.ui;

import io.incident.app.session.LoadedSource;
import io.incident.model.Diagnostic;
import io.incident.model.Source;
import io.incident.views.timeline.TimeAxis;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.geometry.Orientation;

/** The case's artifacts (kind, file, time range, events, diagnostics) and the selected one's diagnostics. */
final class SourcesPanel extends SplitPane {
    private final TableView<LoadedSource> table = new TableView<>();
    private final ListView<String> diagnostics = new ListView<>();

    SourcesPanel() {
        setOrientation(Orientation.VERTICAL);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No artifacts yet"));
        table.getColumns().add(column("Kind", 104, s -> s.record().kind().id()));
        table.getColumns().add(column("File", 150, s -> s.source().info().fileName()));
        table.getColumns().add(column("Start", 64, SourcesPanel::start));
        table.getColumns().add(column("Length", 58, SourcesPanel::length));
        TableColumn<LoadedSource, Long> events = new TableColumn<>("Events");
        events.setPrefWidth(56);
        events.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().source().eventCount()));
        table.getColumns().add(events);
        table.getColumns().add(column("\u26a0", 40, s -> diagnosticsBadge(s.source())));
        diagnostics.setPlaceholder(new Label("Select an artifact to see its diagnostics"));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> showDiagnostics(s));
        getItems().addAll(table, diagnostics);
        setDividerPositions(0.7);
    }

    TableView<LoadedSource> table() {
        return table;
    }

    void setSources(List<LoadedSource> sources) {
        table.setItems(FXCollections.observableArrayList(sources));
    }

    private void showDiagnostics(LoadedSource s) {
        if (s == null) {
            diagnostics.getItems().clear();
            return;
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add(s.record().path());
        lines.add("SHA-256 " + s.record().sha256());
        lines.add("clock: " + s.record().clockBasis());
        if (s.source().diagnostics().isEmpty()) {
            lines.add("no diagnostics: every record was read");
        }
        for (Diagnostic d : s.source().diagnostics()) {
            lines.add(d.severity() + " " + d.name() + " \u00d7" + d.count() + " \u2014 first at " + d.firstWhere() + ": "
                    + d.firstMessage());
        }
        diagnostics.setItems(FXCollections.observableArrayList(lines));
    }

    private static String start(LoadedSource s) {
        Source src = s.source();
        return src.hasTimeRange() ? TimeAxis.utcSeconds(s.record().clock().toCase(src.minTime())) : "\u2014";
    }

    private static String length(LoadedSource s) {
        Source src = s.source();
        return src.hasTimeRange() ? TimeAxis.duration(src.maxTime() - src.minTime()) : "\u2014";
    }

    private static String diagnosticsBadge(Source s) {
        long n = 0;
        for (Diagnostic d : s.diagnostics()) {
            n += d.count();
        }
        return n == 0 ? "" : "\u26a0 " + n;
    }

    private static TableColumn<LoadedSource, String> column(String name, double width,
                                                           java.util.function.Function<LoadedSource, String> f) {
        TableColumn<LoadedSource, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        return c;
    }
}
