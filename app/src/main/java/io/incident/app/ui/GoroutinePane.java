package io.incident.app.ui;

import io.incident.app.session.LoadedSource;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.ReadContext;
import io.incident.parsers.goroutine.DumpDiff;
import io.incident.parsers.goroutine.GoroutineBucket;
import io.incident.parsers.goroutine.GoroutineDump;
import io.incident.parsers.goroutine.GoroutineDumpReader;
import io.incident.parsers.goroutine.GoroutineDumps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The goroutines tab: one dump's buckets as a sortable table, the selected bucket's whole stack, and what changed
 * between two dumps (grown, new and vanished buckets, leak suspects). Dumps are re-read from their files when those are
 * still there (creators and goroutine ids are not in the stored model); a reopened case without its files falls back
 * to the buckets the model keeps.
 */
final class GoroutinePane extends BorderPane implements WorkbenchTab {
    /** A goroutine dump of the case, with how it was obtained. */
    record Dump(LoadedSource loaded, GoroutineDump dump, boolean fromFile) {
        String fileName() {
            return loaded.source().info().fileName();
        }

        /** When the dump was taken, on the case's clock. */
        long placedAt() {
            long raw = loaded.source().minTime();
            return loaded.record().clock().toCase(raw == Long.MAX_VALUE ? 0 : raw);
        }
    }

    private final ComboBox<Dump> shown = new ComboBox<>();
    private final ComboBox<Dump> before = new ComboBox<>();
    private final ComboBox<Dump> after = new ComboBox<>();
    private final Label shownInfo = new Label();
    private final Label clocks = new Label();
    private final Label suspects = new Label();
    private final Label stackTitle = new Label("Stack of the selected bucket");
    private final TableView<GoroutineBucket> buckets = GoroutineTables.buckets();
    private final TableView<GoroutineTables.FrameRow> stack = GoroutineTables.frames();
    private final TableView<GoroutineTables.ChangeRow> changes = GoroutineTables.changes();
    /** Parsed dumps by record id and checksum, so a clock change does not re-read files. */
    private final Map<String, Dump> cache = new HashMap<>();
    private List<LoadedSource> dumpSources = List.of();
    private String wantShown;
    private String wantBaseline;
    private int generation;
    private boolean loading;
    private boolean diffing;
    private Dump displayed;

    GoroutinePane() {
        StringConverter<Dump> names = new StringConverter<>() {
            @Override
            public String toString(Dump d) {
                return d == null ? "(none)" : d.fileName() + " \u00b7 " + d.dump().goroutineCount() + " goroutines";
            }

            @Override
            public Dump fromString(String s) {
                return null;
            }
        };
        for (ComboBox<Dump> c : List.of(shown, before, after)) {
            c.setConverter(names);
            c.setPrefWidth(300);
        }
        shown.setPromptText("No goroutine dumps in this case");
        shown.valueProperty().addListener((o, a, d) -> showDump(d));
        before.valueProperty().addListener((o, a, d) -> diff());
        after.valueProperty().addListener((o, a, d) -> diff());
        buckets.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showStack(b));
        HBox top = bar(new Label("Dump"), shown, shownInfo);
        VBox table = new VBox(top, buckets);
        VBox.setVgrow(buckets, Priority.ALWAYS);
        stackTitle.setPadding(new Insets(6, 8, 4, 8));
        stackTitle.getStyleClass().add("section-title");
        VBox frames = new VBox(stackTitle, stack);
        VBox.setVgrow(stack, Priority.ALWAYS);
        clocks.setWrapText(true);
        clocks.setMinHeight(Region.USE_PREF_SIZE);
        suspects.setMinHeight(Region.USE_PREF_SIZE);
        clocks.setPadding(new Insets(0, 8, 4, 8));
        suspects.setWrapText(true);
        suspects.setPadding(new Insets(4, 8, 6, 8));
        VBox diff = new VBox(bar(new Label("Compare"), before, new Label("\u2192"), after), clocks, changes, suspects);
        VBox.setVgrow(changes, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, frames, diff);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.38, 0.56);
        setCenter(split);
    }

    private static HBox bar(Node... children) {
        HBox bar = new HBox(8, children);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        return bar;
    }

    TableView<GoroutineBucket> bucketTable() {
        return buckets;
    }

    TableView<GoroutineTables.ChangeRow> changeTable() {
        return changes;
    }

    @Override
    public String id() {
        return "goroutines";
    }

    @Override
    public String title() {
        return "Goroutines";
    }

    @Override
    public Node node() {
        return this;
    }

    /** "DUMP" shows that dump's buckets; "DUMP:BASELINE" also diffs it against another dump (earlier one first). */
    @Override
    public boolean show(String arg) {
        if (arg == null || arg.isEmpty()) {
            return true;
        }
        String[] parts = arg.split(":", 2);
        wantShown = parts[0].isEmpty() ? null : parts[0];
        wantBaseline = parts.length == 2 ? parts[1] : null;
        boolean ok = (wantShown == null || matches(wantShown)) && (wantBaseline == null || matches(wantBaseline));
        if (!loading) {
            applyChoice();
        }
        return ok;
    }

    private boolean matches(String text) {
        return dumpSources.stream().anyMatch(s -> s.source().info().path().contains(text));
    }

    @Override
    public boolean isSettled() {
        return !loading && !diffing;
    }

    @Override
    public void setSources(List<LoadedSource> sources) {
        List<LoadedSource> found = new ArrayList<>();
        List<LoadedSource> missing = new ArrayList<>();
        for (LoadedSource s : sources) {
            if (s.record().kind() == SourceKind.GOROUTINE_DUMP) {
                found.add(s);
                if (!cache.containsKey(key(s))) {
                    missing.add(s);
                }
            }
        }
        dumpSources = List.copyOf(found);
        int gen = ++generation;
        loading = true;
        Tasks.run(() -> load(missing), loaded -> {
            loaded.forEach(d -> cache.put(key(d.loaded()), d));
            if (gen == generation) {
                loading = false;
                refresh();
            }
        }, e -> {
            loading = false;
            shownInfo.setText("Could not read the goroutine dumps: " + e.getMessage());
        });
    }

    private static String key(LoadedSource s) {
        return s.record().id() + ":" + s.record().sha256();
    }

    /** Off the JavaFX thread: the file when it is still there and unchanged in size, else the stored model. */
    private static List<Dump> load(List<LoadedSource> sources) {
        List<Dump> out = new ArrayList<>();
        for (LoadedSource s : sources) {
            Path file = Path.of(s.record().path());
            GoroutineDump parsed = null;
            try {
                if (Files.isRegularFile(file) && Files.size(file) == s.record().size()) {
                    parsed = GoroutineDumpReader.parse(ReadContext.of(file, s.source().info()));
                }
            } catch (java.io.IOException | ArtifactException e) {
                parsed = null;
            }
            out.add(parsed != null ? new Dump(s, parsed, true) : new Dump(s, GoroutineDumps.fromSource(s.source()),
                    false));
        }
        return out;
    }

    /** Rebuilds the pickers from the cache with the current records (a moved clock changes the placed times). */
    private void refresh() {
        List<Dump> dumps = new ArrayList<>();
        for (LoadedSource s : dumpSources) {
            Dump cached = cache.get(key(s));
            if (cached != null) {
                dumps.add(new Dump(s, cached.dump(), cached.fromFile()));
            }
        }
        shown.setItems(FXCollections.observableArrayList(dumps));
        before.setItems(FXCollections.observableArrayList(dumps));
        after.setItems(FXCollections.observableArrayList(dumps));
        applyChoice();
    }

    /** Applies what {@link #show} asked for, or the defaults: the largest dump, and the furthest-apart pair. */
    private void applyChoice() {
        List<Dump> dumps = shown.getItems();
        if (dumps.isEmpty()) {
            showDump(null);
            return;
        }
        Dump main = wantShown == null ? null : find(dumps, wantShown);
        if (main == null) {
            main = dumps.stream().max((x, y) -> Long.compare(x.dump().goroutineCount(), y.dump().goroutineCount()))
                    .orElseThrow();
        }
        Dump base = wantBaseline == null ? null : find(dumps, wantBaseline);
        Dump first;
        Dump second;
        if (base != null && base != main) {
            boolean mainFirst = main.placedAt() < base.placedAt() || main.placedAt() == base.placedAt()
                    && GoroutineDumps.maxId(main.dump()) < GoroutineDumps.maxId(base.dump());
            first = mainFirst ? main : base;
            second = mainFirst ? base : main;
        } else {
            long[] times = dumps.stream().mapToLong(Dump::placedAt).toArray();
            int[] pair = GoroutineDumps.furthestPair(dumps.stream().map(Dump::dump).toList(), times);
            first = pair == null ? null : dumps.get(pair[0]);
            second = pair == null ? null : dumps.get(pair[1]);
        }
        shown.setValue(main);
        showDump(main);
        before.setValue(first);
        after.setValue(second);
        diff();
    }

    private static Dump find(List<Dump> dumps, String text) {
        return dumps.stream().filter(d -> d.loaded().source().info().path().contains(text)).findFirst().orElse(null);
    }

    private void showDump(Dump d) {
        if (d == null) {
            displayed = null;
            buckets.getItems().clear();
            shownInfo.setText("");
            return;
        }
        if (d == displayed) {
            return;
        }
        displayed = d;
        buckets.setItems(FXCollections.observableArrayList(d.dump().buckets()));
        buckets.getSortOrder().clear();
        buckets.getSelectionModel().selectFirst();
        shownInfo.setText(d.dump().buckets().size() + " buckets, " + d.dump().format().name().toLowerCase()
                + (d.fromFile() ? ", read from the file" : ", from the stored model (the file is gone: no creators)"));
    }

    private void showStack(GoroutineBucket b) {
        Dump d = shown.getValue();
        if (b == null || d == null) {
            stack.getItems().clear();
            stackTitle.setText("Stack of the selected bucket");
            return;
        }
        stack.setItems(FXCollections.observableArrayList(GoroutineTables.frameRows(d.dump().source(), b)));
        stackTitle.setText("Stack of " + b.count() + " \u00d7 " + b.topFunction()
                + (b.state().isEmpty() ? "" : " [" + b.state() + "]") + ", leaf first");
    }

    /** Diffs the picked pair off the JavaFX thread; a dump rebuilt from the model makes both sides model-only. */
    private void diff() {
        Dump a = before.getValue();
        Dump b = after.getValue();
        if (a == null || b == null || a == b) {
            changes.getItems().clear();
            clocks.setText(shown.getItems().size() < 2 ? "Compare needs two dumps of one process." : "Pick two dumps.");
            suspects.setText("");
            return;
        }
        clocks.setText(GoroutineTables.placement("Before", a) + "\n" + GoroutineTables.placement("After", b) + "\n"
                + GoroutineTables.interval(b.placedAt() - a.placedAt()));
        boolean full = a.fromFile() && b.fromFile();
        long between = Math.max(0, b.placedAt() - a.placedAt());
        diffing = true;
        Tasks.run(() -> full ? DumpDiff.of(a.dump(), b.dump(), between)
                : DumpDiff.of(GoroutineDumps.fromSource(a.dump().source()),
                GoroutineDumps.fromSource(b.dump().source()), between), d -> {
                    if (a == before.getValue() && b == after.getValue()) {
                        changes.setItems(FXCollections.observableArrayList(GoroutineTables.changeRows(d)));
                        suspects.setText(full ? GoroutineTables.suspects(d)
                                : "Leak suspects need both original files (goroutine ids are not kept in the case).");
                        diffing = false;
                    }
                }, e -> {
                    diffing = false;
                    suspects.setText("Diff failed: " + e);
                });
    }
}
