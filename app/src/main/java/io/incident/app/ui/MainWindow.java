package io.incident.app.ui;

import io.incident.app.Version;
import io.incident.app.ingest.ArtifactScanner;
import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ImportOutcome;
import io.incident.app.session.CaseSession;
import io.incident.app.session.DuplicateSources;
import io.incident.app.session.GoroutineGrowth;
import io.incident.app.session.LoadedSource;
import io.incident.app.store.Note;
import io.incident.model.Clock;
import io.incident.model.ClockKind;
import io.incident.model.Source;
import io.incident.model.Track;
import io.incident.parsers.Cancellation;
import io.incident.views.timeline.EventPick;
import io.incident.views.timeline.Lane;
import io.incident.views.timeline.TimelineView;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The workbench window: sources on the left, the shared timeline in the middle, details and notes on the right, imports
 * with progress and cancel at the bottom. Files, folders and bundles dropped anywhere on it are imported.
 */
public final class MainWindow {
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final SourcesPanel sources = new SourcesPanel();
    private final TimelineView timeline = new TimelineView();
    private final DetailsPanel details = new DetailsPanel();
    private final NotesPanel notes;
    private final ImportsPanel imports = new ImportsPanel();
    private final Label status = new Label();
    private final SplitPane split = new SplitPane();
    private final TabPane center = new TabPane();
    private final Workbench workbench;
    private final List<WorkbenchTab> tabs;
    private final Consumer<Path> openCase;
    private CaseSession session;
    private boolean fitted;
    /** True until the analyst zooms or pans: until then each import that lands refits the whole case. */
    private boolean autoFit = true;
    private boolean fitting;
    private io.incident.app.align.CaseAlignment alignment;
    /** Background alignment and correlation runs not finished yet; a snapshot waits for them. */
    private int pending;
    /** The sources as the timeline shows them; a lane's source index points into this list. */
    private List<LoadedSource> shown = List.of();

    public MainWindow(Stage stage, Consumer<Path> openCase) {
        this.stage = stage;
        this.openCase = openCase;
        this.notes = new NotesPanel(() -> new long[] {timeline.viewStartProperty().get(), timeline.viewEndProperty().get()},
                timeline.rangeSelectionProperty(), javafx.beans.binding.Bindings.createObjectBinding(
                        () -> anchorOf(timeline.selectionProperty().get()), timeline.selectionProperty()),
                this::jumpTo);
        TabPane right = new TabPane(new Tab("Details", details), new Tab("Notes", notes));
        right.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        this.workbench = new Workbench(stage, timeline, this::selectTab, status::setText);
        this.tabs = TabRegistry.create(workbench);
        Tab timelineTab = new Tab("Timeline", timeline);
        timelineTab.setId("timeline");
        center.getTabs().add(timelineTab);
        for (WorkbenchTab t : tabs) {
            Tab tab = new Tab(t.title(), t.node());
            tab.setId(t.id());
            center.getTabs().add(tab);
        }
        center.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        split.getItems().addAll(sources, center, right);
        split.setDividerPositions(0.285, 0.8);
        SplitPane.setResizableWithParent(sources, false);
        SplitPane.setResizableWithParent(right, false);
        status.setPadding(new Insets(2, 8, 2, 8));
        VBox bottom = new VBox(imports, new HBox(status));
        imports.setVisible(false);
        imports.setManaged(false);
        HBox.setHgrow(status, Priority.ALWAYS);
        root.setTop(menus());
        root.setCenter(split);
        root.setBottom(bottom);
        timeline.viewStartProperty().addListener(o -> {
            if (!fitting) {
                autoFit = false;
            }
        });
        timeline.selectionProperty().addListener((o, a, p) -> {
            details.show(p, timeline.zeroTimeProperty().get());
            details.showRelated(timeline.related(p), timeline::reveal);
        });
        timeline.setOnClockShift((lane, delta) -> {
            if (lane.sourceIndex() >= shown.size()) {
                status.setText(lane.sourceTitle() + " follows the dumps' clocks: shift a dump instead");
                return;
            }
            var record = shown.get(lane.sourceIndex()).record();
            changeClock(() -> alignment.setOffset(record, record.offsetNanos() + delta),
                    record.path() + " moved by " + io.incident.app.cli.AlignCommand.seconds(delta) + " (View \u25b8 Undo Clock Change)");
        });
        timeline.rangeSelectionProperty().addListener((o, a, r) -> details.showRange(r, timeline.rangeStats(),
                timeline.zeroTimeProperty().get(), timeline::zoomToSelection));
        Scene scene = new Scene(root, 1600, 1000);
        scene.getStylesheets().add(MainWindow.class.getResource("workbench.css").toExternalForm());
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                importPaths(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        stage.setScene(scene);
        stage.setTitle(Version.NAME);
    }

    public Stage stage() {
        return stage;
    }

    public TimelineView timeline() {
        return timeline;
    }

    SplitPane split() {
        return split;
    }

    /**
     * Brings a view to the front for the analyst or for {@code --snapshot --view}: a tab id, optionally with what to
     * show in it ("flame:cpu.pprof", "flame-diff:goroutines-2:goroutines-1", "sandwich:cpu.pprof:runtime.mallocgc").
     * Returns false when the view or what it should show does not exist.
     */
    /** Whether views that build in the background have caught up with what is shown. */
    public boolean isSettled() {
        if (pending > 0) {
            return false;
        }
        for (WorkbenchTab t : tabs) {
            if (center.getSelectionModel().getSelectedItem().getId().equals(t.id()) && !t.isSettled()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Brings a view to the front for the analyst or for {@code --snapshot --view}: a tab id, optionally with what to
     * show in it after a colon ("flame:cpu.pprof"). Returns false when the view or what it should show does not exist.
     */
    public boolean showView(String spec) {
        int colon = spec.indexOf(':');
        String id = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? null : spec.substring(colon + 1);
        if (!selectTab(id)) {
            return false;
        }
        for (WorkbenchTab t : tabs) {
            if (t.id().equals(id)) {
                return t.show(arg);
            }
        }
        return arg == null;
    }

    private boolean selectTab(String id) {
        for (Tab t : center.getTabs()) {
            if (id.equals(t.getId())) {
                center.getSelectionModel().select(t);
                return true;
            }
        }
        return false;
    }

    public CaseSession session() {
        return session;
    }

    /** Shows a case already opened (off the JavaFX thread) with its models loaded. */
    public void show(CaseSession s) {
        this.session = s;
        this.fitted = false;
        this.autoFit = true;
        workbench.setSession(s);
        stage.setTitle(s.store().file().getFileName() + " \u2014 " + Version.NAME);
        notes.setStore(s.store());
        alignment = new io.incident.app.align.CaseAlignment(s);
        refresh(true);
        placeGuessedClocks(true);
    }

    private interface ClockChange {
        void run() throws Exception;
    }

    private void changeClock(ClockChange change, String done) {
        Tasks.write(() -> {
            change.run();
            return true;
        }, ok -> {
            refresh(false);
            status.setText(done);
        }, e -> status.setText("clock not changed: " + e.getMessage()));
    }

    /** Sources placed only by file modification time move to where alignment puts them; others wait for the analyst. */
    private void placeGuessedClocks(boolean fit) {
        pending++;
        Tasks.write(alignment::placeGuessed, moved -> {
            pending--;
            if (moved > 0) {
                refresh(fit);
                status.setText(moved + " sources placed by clock alignment (View ▸ Clock Alignment… to review)");
            }
        }, e -> {
            pending--;
            status.setText("clock alignment failed: " + e.getMessage());
        });
    }

    /**
     * Sources that tell the incident's story come first on the timeline: logs (accept errors, the kill and restart),
     * then (after the goroutine count across dumps, see {@link #refresh}) connections and resets, open fds and errno
     * rates, GC pauses, then the single dumps and profiles.
     */
    private static int timelineRank(LoadedSource s) {
        switch (s.record().kind()) {
            case JOURNAL_EXPORT:
            case JOURNAL_JSON:
                return 0;
            case PCAP:
            case PCAPNG:
                return 1;
            case STRACE:
                return 2;
            case JFR:
                return 3;
            case GOROUTINE_DUMP:
                return 4;
            default:
                return 5;
        }
    }

    /** A lane's heading: the artifact's kind and file name. */
    private static String sourceTitle(LoadedSource s) {
        return s.record().kind().id() + "  " + s.source().info().fileName();
    }

    private void refresh(boolean fit) {
        List<LoadedSource> all = new ArrayList<>(session.sources());
        all.sort(java.util.Comparator.comparingInt(MainWindow::timelineRank)
                .thenComparing(s -> s.record().path()));
        Map<LoadedSource, LoadedSource> copies = DuplicateSources.of(all);
        // A copy says nothing new: it goes last, folded to a heading that names what it repeats.
        all.sort(java.util.Comparator.comparing(copies::containsKey));
        Map<String, String> notes = new HashMap<>();
        copies.forEach((copy, original) -> notes.put(sourceTitle(copy),
                "same entries as " + original.source().info().fileName() + " (click to show)"));
        sources.setSources(all);
        shown = all;
        List<Lane> lanes = new ArrayList<>();
        long zero = Long.MAX_VALUE;
        List<Lane> growth = growthLanes(all);
        for (int si = 0; si < all.size(); si++) {
            LoadedSource ls = all.get(si);
            if (timelineRank(ls) > 0 || copies.containsKey(ls)) {
                lanes.addAll(growth);
                growth = List.of();
            }
            List<Track> tracks = ls.source().tracks();
            for (int ti = 0; ti < tracks.size(); ti++) {
                Lane lane = new Lane(si, ti, ls.source(), tracks.get(ti), ls.record().clock(), sourceTitle(ls));
                lanes.add(lane);
                if (lane.isTimed()) {
                    zero = Math.min(zero, lane.clock().toCase(lane.track().minTime()));
                }
            }
        }
        lanes.addAll(growth);
        timeline.setHeadingOnly(notes);
        timeline.getLanes().setAll(lanes);
        pending++;
        Tasks.run(() -> io.incident.app.correlate.Correlator.link(all), flows -> {
            pending--;
            timeline.getFlows().setAll(flows);
        }, e -> {
            pending--;
            status.setText("correlation failed: " + e.getMessage());
        });
        for (WorkbenchTab t : tabs) {
            t.setSources(all);
        }
        if (zero != Long.MAX_VALUE) {
            timeline.zeroTimeProperty().set(zero);
        }
        if (fit || !fitted || autoFit) {
            // Until the analyst moves the view, show the whole case as it grows: the first import to finish may be
            // untimed, or cover only a profile's 15 seconds.
            fitting = true;
            try {
                fitted = timeline.fit();
            } finally {
                fitting = false;
            }
        }
        status.setText(all.size() + " artifacts, " + lanes.size() + " tracks \u2014 case " + session.store().file());
    }

    /**
     * The goroutine count across every dump of the case, right after the logs. Derived, not loaded: its source index is
     * past the case's sources, so notes, clock shifts and event references never take it for an artifact.
     */
    private static List<Lane> growthLanes(List<LoadedSource> all) {
        Source growth = GoroutineGrowth.of(all);
        List<Lane> out = new ArrayList<>();
        for (int ti = 0; growth != null && ti < growth.tracks().size(); ti++) {
            out.add(new Lane(all.size(), ti, growth, growth.tracks().get(ti), Clock.of(ClockKind.ABSOLUTE_UTC),
                    GoroutineGrowth.TITLE));
        }
        return out;
    }

    /** Imports dropped or chosen paths: each file in its own task with its own progress bar and cancel button. */
    public void importPaths(List<Path> paths) {
        if (session == null || paths.isEmpty()) {
            return;
        }
        imports.clearFinished();
        imports.setVisible(true);
        imports.setManaged(true);
        Cancellation scanCancel = new Cancellation();
        Tasks.run(() -> session.scan(paths, scanCancel), this::startImports,
                e -> status.setText("cannot open: " + e.getMessage()));
    }

    private void startImports(ArtifactScanner.Scan scan) {
        for (ArtifactScanner.Problem p : scan.problems()) {
            ImportsPanel.Row row = imports.add(p.displayPath(), new Cancellation());
            row.done(new ImportOutcome(p.displayPath(), io.incident.model.SourceKind.UNKNOWN, ImportOutcome.Status.FAILED,
                    p.message(), null));
        }
        for (Candidate c : scan.candidates()) {
            Cancellation cancel = new Cancellation();
            ImportsPanel.Row row = imports.add(c.displayPath(), cancel);
            ProgressThrottle progress = new ProgressThrottle(row);
            Tasks.run(() -> session.importCandidate(c, progress, cancel), o -> {
                row.done(o);
                if (o.status() == ImportOutcome.Status.IMPORTED) {
                    refresh(session.sources().size() == 1 || timeline.getLanes().isEmpty());
                    placeGuessedClocks(false);
                }
            }, e -> row.done(new ImportOutcome(c.displayPath(), io.incident.model.SourceKind.UNKNOWN,
                    ImportOutcome.Status.FAILED, String.valueOf(e), null)));
        }
    }

    /** The selected event as a note anchor: its source's artifact, its track and index, and its label as title. */
    private NotesPanel.Anchor anchorOf(EventPick p) {
        if (p == null || p.lane().sourceIndex() >= shown.size()) {
            return null;
        }
        LoadedSource src = shown.get(p.lane().sourceIndex());
        io.incident.model.Track t = p.lane().track();
        String label = t instanceof io.incident.model.InstantTrack it ? src.source().label(it.label(p.index()))
                : t instanceof io.incident.model.SpanTrack st ? src.source().label(st.label(p.index()))
                : io.incident.model.ModelText.event(src.source(), t, p.index());
        label = label.isBlank() ? t.name() : label;
        return new NotesPanel.Anchor(label.length() > 80 ? label.substring(0, 80) + "\u2026" : label, p.start(),
                p.end(), src.record().id(), p.lane().trackIndex(), p.index());
    }

    private void jumpTo(Note n) {
        if (n.artifactId() != null && n.track() != null && n.event() != null) {
            for (Lane lane : timeline.getLanes()) {
                if (lane.sourceIndex() < shown.size() && shown.get(lane.sourceIndex()).record().id() == n.artifactId()
                        && lane.trackIndex() == n.track() && n.event() < lane.track().size()) {
                    timeline.reveal(new EventPick(lane, n.event(), n.start(), n.end() != null ? n.end() : n.start()));
                    return;
                }
            }
        }
        long s = n.start();
        long e = n.end() != null ? n.end() : s;
        long pad = Math.max(1_000_000_000L, (e - s) / 10);
        timeline.setView(s - pad, e + pad);
    }

    private MenuBar menus() {
        MenuItem openFiles = item("Open Files\u2026", "Shortcut+O", () -> chooseFiles());
        MenuItem openFolder = item("Open Folder\u2026", "Shortcut+Shift+O", () -> chooseFolder());
        MenuItem openCaseItem = item("Open Case\u2026", "Shortcut+Alt+O", () -> chooseCase());
        MenuItem save = item("Save", "Shortcut+S", () -> {
            notes.save();
            status.setText("Saved. (The case saves as you work: imports and notes are committed at once.)");
        });
        Menu recent = new Menu("Recent Cases");
        recent.setOnShowing(e -> {
            recent.getItems().clear();
            for (Path p : Preferences.recentCases()) {
                recent.getItems().add(item(p.toString(), null, () -> openCase.accept(p)));
            }
        });
        recent.getItems().add(new MenuItem("(none)"));
        MenuItem report = item("Export Report\u2026", "Shortcut+E", () -> {
            for (WorkbenchTab t : tabs) {
                if (t instanceof FindingsPane fp) {
                    selectTab(fp.id());
                    fp.exportReport();
                }
            }
        });
        MenuItem quit = item("Quit", "Shortcut+Q", () -> stage.close());
        Menu file = new Menu("File", null, openFiles, openFolder, openCaseItem, recent, save, report, quit);
        Menu view = new Menu("View", null,
                item("Zoom In", "Shortcut+EQUALS", () -> timeline.zoom(0.7, timeline.getWidth() / 2)),
                item("Zoom Out", "Shortcut+MINUS", () -> timeline.zoom(1 / 0.7, timeline.getWidth() / 2)),
                item("Fit Case", "Shortcut+0", timeline::fit),
                item("Undo Clock Change", "Shortcut+Alt+Z", () -> {
                    if (alignment != null) {
                        changeClock(alignment::undo, "clock change undone");
                    }
                }),
                item("Back", "Alt+LEFT", timeline::back),
                item("Forward", "Alt+RIGHT", timeline::forward),
                item("Zoom to Selection (Z)", null, timeline::zoomToSelection),
                item("Clock Alignment\u2026", "Shortcut+K", () -> {
                    if (alignment != null) {
                        new ClockAlignmentDialog(stage, alignment, () -> refresh(false)).show();
                    }
                }));
        Menu help = new Menu("Help", null, item("About", null, this::about));
        return new MenuBar(file, view, help);
    }

    private static MenuItem item(String text, String accel, Runnable r) {
        MenuItem m = new MenuItem(text);
        if (accel != null) {
            m.setAccelerator(KeyCombination.keyCombination(accel));
        }
        m.setOnAction(e -> r.run());
        return m;
    }

    private void chooseFiles() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open artifacts or bundles");
        List<File> files = fc.showOpenMultipleDialog(stage);
        if (files != null) {
            importPaths(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a folder of artifacts");
        File dir = dc.showDialog(stage);
        if (dir != null) {
            importPaths(List.of(dir.toPath()));
        }
    }

    private void chooseCase() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open case");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Incident cases", "*.incident"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            openCase.accept(f.toPath());
        }
    }

    private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About");
        a.setHeaderText(Version.NAME + " " + Version.get());
        a.setContentText(Licences.text());
        a.showAndWait();
    }

    /** Remembers window size, position and divider positions; saves the note being edited. */
    public void saveState() {
        notes.save();
        Preferences.saveWindow(stage, split.getDividerPositions());
    }

    public void restoreState() {
        Preferences.restoreWindow(stage, split);
    }

    /** Runs on the JavaFX thread; for callers elsewhere. */
    public static void fx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
