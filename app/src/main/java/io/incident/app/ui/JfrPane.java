package io.incident.app.ui;

import io.incident.app.session.LoadedSource;
import io.incident.model.CounterTrack;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import io.incident.parsers.jfr.JfrBrowser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * A JFR recording: GC pauses and heap used over time (jfreechart), from the case's model; and an event browser (event
 * types as a tree with counts, the events of a type with their fields, the selected event's stack), which re-reads
 * the recording on disk page by page, so the events are never all held in memory.
 */
final class JfrPane extends BorderPane implements WorkbenchTab {
    private static final int PAGE = 500;
    private final ComboBox<LoadedSource> source = new ComboBox<>();
    private final ChartViewer pauses = new ChartViewer();
    private final ChartViewer heap = new ChartViewer();
    private final TreeView<String> types = new TreeView<>();
    private final TableView<JfrBrowser.Event> events = new TableView<>();
    private final TextArea stack = new TextArea();
    private final Label browserStatus = new Label();
    private final Button more = new Button("Next " + PAGE + " events");
    private Path recording;
    private String currentType;
    private long shown;
    /** Bumped when the type changes, so a page that arrives late for an earlier type is dropped. */
    private int generation;
    private boolean settled = true;

    JfrPane() {
        source.setConverter(SourceNames.BY_FILE_NAME);
        source.valueProperty().addListener((o, a, s) -> load(s));
        HBox bar = new HBox(8, new Label("Recording"), source, browserStatus);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        types.setShowRoot(false);
        types.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (item != null && item.isLeaf() && item.getValue() != null) {
                showType(item.getValue().replaceAll(" \\(\\d+\\)$", ""));
            }
        });
        events.setPlaceholder(new Label("Select an event type"));
        events.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> stack.setText(e == null ? ""
                : e.stack().isEmpty() ? "(no stack trace)" : String.join("\n", e.stack())));
        stack.setEditable(false);
        more.setOnAction(e -> page());
        more.setDisable(true);
        VBox tableBox = new VBox(4, events, more);
        VBox.setVgrow(events, javafx.scene.layout.Priority.ALWAYS);
        SplitPane browser = new SplitPane(types, tableBox, stack);
        browser.setDividerPositions(0.25, 0.78);
        SplitPane charts = new SplitPane(pauses, heap);
        charts.setOrientation(Orientation.VERTICAL);
        SplitPane all = new SplitPane(charts, browser);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.5);
        setTop(bar);
        setCenter(all);
    }

    @Override
    public String id() {
        return "jfr";
    }

    @Override
    public String title() {
        return "JFR";
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void setSources(List<LoadedSource> all) {
        List<LoadedSource> jfrs = all.stream().filter(s -> s.record().kind() == SourceKind.JFR).toList();
        LoadedSource current = source.getValue();
        source.setItems(FXCollections.observableArrayList(jfrs));
        source.setValue(null);
        source.setValue(jfrs.stream().filter(s -> current != null && s.record().id() == current.record().id())
                .findFirst().orElse(jfrs.isEmpty() ? null : jfrs.get(0)));
    }

    @Override
    public boolean isSettled() {
        return settled;
    }

    /** "TYPE" opens that event type in the browser, e.g. "jfr:jdk.GarbageCollection". */
    @Override
    public boolean show(String arg) {
        if (arg != null) {
            currentType = arg;
        }
        return true;
    }

    private void load(LoadedSource s) {
        types.setRoot(null);
        events.getItems().clear();
        if (s == null) {
            // ChartViewer refuses a null chart: a case without a recording keeps the last charts out of sight.
            return;
        }
        pauses.setChart(pauseChart(s));
        heap.setChart(heapChart(s));
        Path p = Path.of(s.record().path());
        if (!Files.isRegularFile(p)) {
            recording = null;
            browserStatus.setText("The recording is not on disk at " + s.record().path()
                    + "; the charts come from the case, the event browser needs the file.");
            return;
        }
        recording = p;
        settled = false;
        Tasks.run(() -> {
            try (JfrBrowser b = JfrBrowser.open(p)) {
                return b.eventTypes();
            }
        }, counts -> {
            types.setRoot(tree(counts));
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            browserStatus.setText(counts.size() + " event types, " + total + " events");
            settled = currentType == null;
            if (currentType != null) {
                showType(currentType);
            }
        }, e -> {
            browserStatus.setText("cannot browse: " + e.getMessage());
            settled = true;
        });
    }

    /** Event types grouped by their name's prefix (jdk, jdk.jfr...), each leaf with its count. */
    static TreeItem<String> tree(Map<String, Long> counts) {
        TreeItem<String> root = new TreeItem<>("events");
        Map<String, TreeItem<String>> groups = new TreeMap<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            String group = dot < 0 ? "(other)" : e.getKey().substring(0, dot);
            TreeItem<String> g = groups.computeIfAbsent(group, k -> {
                TreeItem<String> item = new TreeItem<>(k);
                item.setExpanded(true);
                return item;
            });
            g.getChildren().add(new TreeItem<>(e.getKey() + " (" + e.getValue() + ")"));
        }
        root.getChildren().addAll(groups.values());
        return root;
    }

    private void showType(String type) {
        generation++;
        currentType = type;
        shown = 0;
        events.getItems().clear();
        events.getColumns().clear();
        page();
    }

    private void page() {
        Path p = recording;
        String type = currentType;
        long skip = shown;
        if (p == null || type == null) {
            return;
        }
        settled = false;
        more.setDisable(true);
        int gen = generation;
        Tasks.run(() -> {
            try (JfrBrowser b = JfrBrowser.open(p)) {
                return b.events(type, skip, PAGE);
            }
        }, page -> {
            if (gen != generation) {
                return;
            }
            if (events.getColumns().isEmpty()) {
                columns(page);
            }
            events.getItems().addAll(page);
            shown += page.size();
            more.setDisable(page.size() < PAGE);
            browserStatus.setText(type + ": " + shown + " events shown");
            settled = true;
        }, e -> {
            browserStatus.setText("cannot read " + type + ": " + e.getMessage());
            settled = true;
        });
    }

    private void columns(List<JfrBrowser.Event> page) {
        events.getColumns().add(column("Start (UTC)", e -> io.incident.views.timeline.TimeAxis.utcSeconds(e.startNanos())
                + String.format(".%03d", (e.startNanos() / 1_000_000) % 1000)));
        events.getColumns().add(column("Duration", e -> io.incident.views.timeline.TimeAxis.duration(e.durationNanos())));
        List<String> names = new ArrayList<>();
        for (JfrBrowser.Event e : page) {
            for (JfrBrowser.Field f : e.fields()) {
                if (!names.contains(f.name())) {
                    names.add(f.name());
                }
            }
        }
        for (String n : names) {
            events.getColumns().add(column(n, e -> e.fields().stream().filter(f -> f.name().equals(n))
                    .map(JfrBrowser.Field::value).findFirst().orElse("")));
        }
    }

    private static TableColumn<JfrBrowser.Event, String> column(String name,
                                                              java.util.function.Function<JfrBrowser.Event, String> f) {
        TableColumn<JfrBrowser.Event, String> c = new TableColumn<>(name);
        c.setPrefWidth(Math.max(80, name.length() * 8));
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        return c;
    }

    private static JFreeChart pauseChart(LoadedSource s) {
        TimeSeries series = new TimeSeries("GC pause (ms)");
        for (Track t : s.source().tracks()) {
            if (t instanceof SpanTrack st && t.name().equals("GC pauses")) {
                for (int i = 0; i < st.size(); i++) {
                    long c = s.record().clock().toCase(st.start(i));
                    series.addOrUpdate(new Millisecond(new Date(c / 1_000_000)), (st.end(i) - st.start(i)) / 1e6);
                }
            }
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart("GC pauses: " + series.getItemCount() + " (ms each)",
                null, "ms", new TimeSeriesCollection(series), false, true, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, new Color(0xd9, 0x77, 0x06));
        style(chart).getXYPlot().setRenderer(r);
        return chart;
    }

    private static JFreeChart heapChart(LoadedSource s) {
        TimeSeries series = new TimeSeries("heap used (MB)");
        for (Track t : s.source().tracks()) {
            if (t instanceof CounterTrack ct && t.name().equals("heap used")) {
                for (int i = 0; i < ct.size(); i++) {
                    long c = s.record().clock().toCase(ct.time(i));
                    series.addOrUpdate(new Millisecond(new Date(c / 1_000_000)), ct.value(i) / (1024 * 1024));
                }
            }
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Heap used (MB), before and after each GC", null, "MB",
                new TimeSeriesCollection(series), false, true, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, new Color(0x25, 0x63, 0xeb));
        r.setSeriesStroke(0, new BasicStroke(1.2f));
        style(chart).getXYPlot().setRenderer(r);
        return chart;
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 13));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe5, 0xe7, 0xeb));
        plot.setRangeGridlinePaint(new Color(0xe5, 0xe7, 0xeb));
        ((org.jfree.chart.axis.DateAxis) plot.getDomainAxis()).setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        return chart;
    }
}
