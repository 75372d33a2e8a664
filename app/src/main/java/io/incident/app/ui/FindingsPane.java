package io.incident.app.ui;

import io.incident.app.findings.Evidence;
import io.incident.app.findings.Finding;
import io.incident.app.findings.FindingsEngine;
import io.incident.app.findings.RuleResult;
import io.incident.app.findings.Thresholds;
import io.incident.app.session.LoadedSource;
import io.incident.model.Severity;
import io.incident.views.timeline.TimeAxis;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.VBox;

/**
 * Findings, most severe first. Selecting one shades its window on the timeline; double-clicking a piece of evidence
 * shows that moment. Rules run off the JavaFX thread each time the case's sources change.
 */
final class FindingsPane extends SplitPane implements WorkbenchTab {
    private final Workbench wb;
    private final ListView<Finding> list = new ListView<>();
    private final Label title = new Label();
    private final Label explanation = new Label();
    private final Label remedy = new Label();
    private final ListView<Evidence> evidence = new ListView<>();
    private final Label notApplicable = new Label();
    private final javafx.scene.control.Button export = new javafx.scene.control.Button("Export report\u2026");
    private List<RuleResult> lastResults = List.of();
    private List<LoadedSource> lastSources = List.of();
    private int generation;
    private boolean settled = true;

    FindingsPane(Workbench wb) {
        this.wb = wb;
        list.setPlaceholder(new Label("No findings yet: import artifacts to run the rules."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : badge(f.severity()) + "  " + TimeAxis.utcSeconds(f.start()) + "  "
                        + f.title());
                setWrapText(true);
                setPrefWidth(0);
                setStyle(empty || f == null ? "" : "-fx-text-fill: " + colour(f.severity()) + ";");
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> show(f));
        evidence.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Evidence e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : TimeAxis.utcSeconds(e.time()) + "  " + fileName(e.file()) + "  \u2014  "
                        + e.text());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        evidence.setOnMouseClicked(e -> {
            Evidence ev = evidence.getSelectionModel().getSelectedItem();
            if (ev != null && e.getClickCount() == 2) {
                wb.focus(ev.time(), ev.time());
            }
        });
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        for (Label l : List.of(title, explanation, remedy, notApplicable)) {
            l.setWrapText(true);
        }
        remedy.setStyle("-fx-text-fill: #065f46;");
        notApplicable.setStyle("-fx-text-fill: #6b7280;");
        export.setOnAction(e -> exportReport());
        VBox detail = new VBox(8, export, title, explanation, new Label("Evidence (double-click to see it on the timeline)"),
                evidence, new Label("What to do"), remedy, notApplicable);
        detail.setPadding(new Insets(10));
        VBox.setVgrow(evidence, javafx.scene.layout.Priority.ALWAYS);
        setOrientation(Orientation.HORIZONTAL);
        getItems().addAll(list, detail);
        setDividerPositions(0.42);
    }

    @Override
    public String id() {
        return "findings";
    }

    @Override
    public String title() {
        return "Findings";
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void setSources(List<LoadedSource> sources) {
        int gen = ++generation;
        settled = false;
        Tasks.run(() -> FindingsEngine.run(sources, Thresholds.fromSystemProperties()), results -> {
            if (gen == generation) {
                lastResults = results;
                lastSources = sources;
                apply(results);
                settled = true;
            }
        }, e -> {
            if (gen == generation) {
                notApplicable.setText("The rules could not run: " + e);
                settled = true;
            }
        });
    }

    private void apply(List<RuleResult> results) {
        List<Finding> all = FindingsEngine.findings(results);
        list.setItems(FXCollections.observableArrayList(all));
        StringBuilder na = new StringBuilder();
        for (RuleResult r : results) {
            if (!r.applied()) {
                na.append(na.length() == 0 ? "" : "\n").append(r.failure() != null ? "Failed: " : "Not applicable: ")
                        .append(r.title()).append(" \u2014 ").append(r.failure() != null ? r.failure() : r.notApplicable());
            }
        }
        notApplicable.setText(na.toString());
        if (!all.isEmpty()) {
            list.getSelectionModel().select(0);
        }
    }

    private void show(Finding f) {
        if (f == null) {
            title.setText("");
            explanation.setText("");
            remedy.setText("");
            evidence.getItems().clear();
            return;
        }
        title.setText(badge(f.severity()) + "  " + f.title());
        explanation.setText(TimeAxis.utcDate(f.start()) + " \u2013 " + TimeAxis.utcSeconds(f.end()) + "\n\n"
                + f.explanation());
        remedy.setText(f.remedy());
        evidence.setItems(FXCollections.observableArrayList(f.evidence()));
        wb.timeline().highlightProperty().set(new long[] {f.start(), f.end()});
    }

    /** Asks where to write the HTML report, then writes it off the JavaFX thread. */
    void exportReport() {
        if (wb.session() == null) {
            return;
        }
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle("Export incident report");
        fc.setInitialFileName("incident-report.html");
        fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("HTML", "*.html"));
        java.io.File f = fc.showSaveDialog(wb.stage());
        if (f == null) {
            return;
        }
        List<RuleResult> results = lastResults;
        List<LoadedSource> sources = lastSources;
        var store = wb.session().store();
        Tasks.run(() -> {
            String html = io.incident.app.report.ReportWriter.write(store.file().getFileName().toString(), sources,
                    results, store.notes());
            java.nio.file.Files.writeString(f.toPath(), html, java.nio.charset.StandardCharsets.UTF_8);
            return f;
        }, done -> wb.status("Report written to " + done), e -> wb.status("Report not written: " + e.getMessage()));
    }

    /** "FILE" selects the first finding whose title contains it. */
    @Override
    public boolean show(String arg) {
        if (arg == null) {
            return true;
        }
        for (Finding f : list.getItems()) {
            if (f.title().contains(arg)) {
                list.getSelectionModel().select(f);
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isSettled() {
        return settled;
    }

    private static String badge(Severity s) {
        return switch (s) {
            case ERROR -> "\u25cf ERROR";
            case WARNING -> "\u25b2 WARNING";
            default -> "\u25cb INFO";
        };
    }

    private static String colour(Severity s) {
        return switch (s) {
            case ERROR -> "#b91c1c";
            case WARNING -> "#b45309";
            default -> "#374151";
        };
    }

    private static String fileName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('!'));
        return i < 0 ? path : path.substring(i + 1);
    }
}
