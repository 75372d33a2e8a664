package io.incident.app.ui;

import io.incident.app.session.LoadedSource;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import io.incident.parsers.strace.StraceStats;
import io.incident.views.timeline.TimeAxis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * System calls of an strace source: a filterable table (pid, syscall, errno, fd, minimum duration), a strace -c style
 * summary with latency percentiles, and the file-descriptor lifetimes. All from the case's model.
 */
final class SyscallsPane extends BorderPane implements WorkbenchTab {
    /** One call as the table shows it; track and index point back at the model. */
    record Call(long time, String pid, String tid, String syscall, String fd, String target, String result,
                String errno, long durationNanos, Lane where) {
    }

    /** Where a call lives in the model, for focusing the timeline. */
    record Lane(LoadedSource source, int track, int index) {
    }

    /** One fd lifetime. */
    record FdLife(String pid, String fd, String what, String openedBy, long opened, long closed, boolean open) {
    }

    static final String ALL_PIDS = "all pids";
    static final String ANY_ERRNO = "any errno";
    private final Workbench wb;
    private final ComboBox<LoadedSource> source = new ComboBox<>();
    private final ComboBox<String> pid = new ComboBox<>();
    private final TextField syscall = new TextField();
    private final ComboBox<String> errno = new ComboBox<>();
    private final TextField fd = new TextField();
    private final TextField minMillis = new TextField();
    private final Label count = new Label();
    private final TableView<Call> calls = new TableView<>();
    private final TableView<StraceStats.Row> summary = new TableView<>();
    private final TableView<FdLife> fds = new TableView<>();
    private FilteredList<Call> filtered = new FilteredList<>(FXCollections.observableArrayList());
    private boolean settled = true;
    private String pendingErrno;

    SyscallsPane(Workbench wb) {
        this.wb = wb;
        source.setConverter(new StringConverter<>() {
            @Override
            public String toString(LoadedSource s) {
                return s == null ? "" : s.source().info().fileName();
            }

            @Override
            public LoadedSource fromString(String s) {
                return null;
            }
        });
        source.valueProperty().addListener((o, a, s) -> load(s));
        syscall.setPromptText("syscall");
        fd.setPromptText("fd");
        minMillis.setPromptText("min ms");
        syscall.setPrefColumnCount(9);
        fd.setPrefColumnCount(4);
        minMillis.setPrefColumnCount(5);
        pid.valueProperty().addListener(o -> refilter());
        errno.valueProperty().addListener(o -> refilter());
        syscall.textProperty().addListener(o -> refilter());
        fd.textProperty().addListener(o -> refilter());
        minMillis.textProperty().addListener(o -> refilter());
        count.setMinWidth(Label.USE_PREF_SIZE);
        source.setPrefWidth(150);
        HBox bar = new HBox(6, source, pid, errno, syscall, fd, minMillis, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        buildCallTable();
        buildSummaryTable();
        buildFdTable();
        TabPane lower = new TabPane(new Tab("Summary (strace -c, with latency percentiles)", summary),
                new Tab("File descriptors", fds));
        lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(calls, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        setTop(bar);
        setCenter(split);
    }

    private void buildCallTable() {
        calls.getColumns().add(col("Time (UTC)", 128, c -> time(c.time())));
        calls.getColumns().add(col("pid", 52, Call::pid));
        calls.getColumns().add(col("tid", 52, Call::tid));
        calls.getColumns().add(col("Syscall", 96, Call::syscall));
        calls.getColumns().add(col("fd", 40, Call::fd));
        calls.getColumns().add(col("Path / endpoint", 220, Call::target));
        calls.getColumns().add(col("Result", 70, Call::result));
        calls.getColumns().add(col("errno", 80, Call::errno));
        TableColumn<Call, Long> dur = new TableColumn<>("Duration");
        dur.setPrefWidth(90);
        dur.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().durationNanos()));
        dur.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || v < 0 ? null : TimeAxis.duration(v));
            }
        });
        calls.getColumns().add(dur);
        calls.setPlaceholder(new Label("No strace log in this case"));
        calls.setRowFactory(t -> {
            javafx.scene.control.TableRow<Call> row = new javafx.scene.control.TableRow<>() {
                @Override
                protected void updateItem(Call c, boolean empty) {
                    super.updateItem(c, empty);
                    setStyle(!empty && c != null && !c.errno().isEmpty() ? "-fx-text-background-color: #b91c1c;" : "");
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    Call c = row.getItem();
                    wb.focus(c.time(), c.time() + Math.max(0, c.durationNanos()));
                }
            });
            return row;
        });
    }

    private void buildSummaryTable() {
        summary.getColumns().add(col("Syscall", 110, StraceStats.Row::syscall));
        summary.getColumns().add(col("% time", 60, r -> String.format("%.2f", r.percentTime())));
        summary.getColumns().add(col("Calls", 70, r -> Long.toString(r.calls())));
        summary.getColumns().add(col("Errors", 60, r -> r.errors() == 0 ? "" : Long.toString(r.errors())));
        summary.getColumns().add(col("Total", 80, r -> TimeAxis.duration(r.totalNanos())));
        summary.getColumns().add(col("p50", 70, r -> TimeAxis.duration(r.p50Nanos())));
        summary.getColumns().add(col("p90", 70, r -> TimeAxis.duration(r.p90Nanos())));
        summary.getColumns().add(col("p99", 70, r -> TimeAxis.duration(r.p99Nanos())));
        summary.getColumns().add(col("Max", 70, r -> TimeAxis.duration(r.maxNanos())));
    }

    private void buildFdTable() {
        fds.getColumns().add(col("pid", 60, FdLife::pid));
        fds.getColumns().add(col("fd", 40, FdLife::fd));
        fds.getColumns().add(col("What", 360, FdLife::what));
        fds.getColumns().add(col("Opened by", 80, FdLife::openedBy));
        fds.getColumns().add(col("Opened (UTC)", 110, f -> time(f.opened())));
        fds.getColumns().add(col("Closed (UTC)", 110, f -> f.open() ? "still open" : time(f.closed())));
        fds.getColumns().add(col("Held", 80, f -> TimeAxis.duration(f.closed() - f.opened())));
    }

    @Override
    public String id() {
        return "syscalls";
    }

    @Override
    public String title() {
        return "Syscalls";
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void setSources(List<LoadedSource> all) {
        LoadedSource current = source.getValue();
        List<LoadedSource> straces = all.stream().filter(s -> s.record().kind() == SourceKind.STRACE).toList();
        source.setItems(FXCollections.observableArrayList(straces));
        LoadedSource keep = straces.stream().filter(s -> current != null && s.record().id() == current.record().id())
                .findFirst().orElse(straces.isEmpty() ? null : straces.get(0));
        source.setValue(null);
        source.setValue(keep);
    }

    /** "ERRNO" pre-filters the table by that errno (e.g. "syscalls:EMFILE"). */
    @Override
    public boolean show(String arg) {
        if (arg == null) {
            return true;
        }
        pendingErrno = arg;
        if (errno.getItems().contains(arg)) {
            errno.setValue(arg);
            return true;
        }
        return !settled;
    }

    @Override
    public boolean isSettled() {
        return settled;
    }

    private void load(LoadedSource s) {
        if (s == null) {
            filtered = new FilteredList<>(FXCollections.observableArrayList());
            calls.setItems(filtered);
            return;
        }
        settled = false;
        Tasks.run(() -> new Object[] {rows(s), StraceStats.of(s.source()), lives(s)}, r -> {
            @SuppressWarnings("unchecked")
            List<Call> rows = (List<Call>) r[0];
            @SuppressWarnings("unchecked")
            List<StraceStats.Row> stats = (List<StraceStats.Row>) r[1];
            @SuppressWarnings("unchecked")
            List<FdLife> lives = (List<FdLife>) r[2];
            filtered = new FilteredList<>(FXCollections.observableArrayList(rows));
            SortedList<Call> sorted = new SortedList<>(filtered);
            sorted.comparatorProperty().bind(calls.comparatorProperty());
            calls.setItems(sorted);
            summary.setItems(FXCollections.observableArrayList(stats));
            fds.setItems(FXCollections.observableArrayList(lives));
            TreeSet<String> pids = new TreeSet<>();
            TreeSet<String> errnos = new TreeSet<>();
            rows.forEach(c -> {
                pids.add(c.pid());
                if (!c.errno().isEmpty()) {
                    errnos.add(c.errno());
                }
            });
            pid.setItems(FXCollections.observableArrayList(prepend(ALL_PIDS, pids)));
            errno.setItems(FXCollections.observableArrayList(prepend(ANY_ERRNO, errnos)));
            pid.setValue(ALL_PIDS);
            errno.setValue(pendingErrno != null && errnos.contains(pendingErrno) ? pendingErrno : ANY_ERRNO);
            refilter();
            settled = true;
        }, e -> {
            count.setText("cannot list calls: " + e.getMessage());
            settled = true;
        });
    }

    private void refilter() {
        String p = pid.getValue();
        String er = errno.getValue();
        String sc = syscall.getText().trim();
        String f = fd.getText().trim();
        long minNanos = parseMillis(minMillis.getText()) ;
        filtered.setPredicate(c -> (p == null || p.equals(ALL_PIDS) || c.pid().equals(p))
                && (er == null || er.equals(ANY_ERRNO) || c.errno().equals(er))
                && (sc.isEmpty() || c.syscall().contains(sc))
                && (f.isEmpty() || c.fd().equals(f))
                && (minNanos <= 0 || c.durationNanos() >= minNanos));
        count.setText(filtered.size() + " of " + filtered.getSource().size());
    }

    static long parseMillis(String s) {
        try {
            return s == null || s.isBlank() ? 0 : (long) (Double.parseDouble(s.trim()) * 1e6);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every syscall of the source, in time order. */
    static List<Call> rows(LoadedSource ls) {
        Source s = ls.source();
        List<Call> out = new ArrayList<>();
        List<Track> tracks = s.tracks();
        for (int ti = 0; ti < tracks.size(); ti++) {
            Track t = tracks.get(ti);
            if (!t.name().startsWith("syscalls")) {
                continue;
            }
            String pidText = t.group().replace("pid ", "");
            String tid = t.name().replace("syscalls", "").trim();
            for (int i = 0; i < t.size(); i++) {
                Map<String, String> a;
                long start;
                long dur;
                String name;
                if (t instanceof SpanTrack st) {
                    a = s.argsOf(st.args(i));
                    start = st.start(i);
                    dur = a.containsKey("duration") ? st.end(i) - st.start(i) : -1;
                    name = s.label(st.label(i));
                } else if (t instanceof InstantTrack it) {
                    a = s.argsOf(it.args(i));
                    start = it.time(i);
                    dur = -1;
                    name = s.label(it.label(i));
                } else {
                    continue;
                }
                out.add(new Call(ls.record().clock().toCase(start), pidText, tid, name, a.getOrDefault("fd", ""),
                        a.getOrDefault("path", ""), a.getOrDefault("ret", ""), a.getOrDefault("errno", ""), dur,
                        new Lane(ls, ti, i)));
            }
        }
        out.sort((x, y) -> Long.compare(x.time(), y.time()));
        return out;
    }

    static List<FdLife> lives(LoadedSource ls) {
        Source s = ls.source();
        List<FdLife> out = new ArrayList<>();
        for (Track t : s.tracks()) {
            if (t instanceof SpanTrack st && t.name().equals("fds")) {
                for (int i = 0; i < st.size(); i++) {
                    Map<String, String> a = s.argsOf(st.args(i));
                    out.add(new FdLife(t.group().replace("pid ", ""), a.getOrDefault("fd", ""), s.label(st.label(i)),
                            a.getOrDefault("opened by", ""), ls.record().clock().toCase(st.start(i)),
                            ls.record().clock().toCase(st.end(i)), !a.containsKey("closed by")));
                }
            }
        }
        return out;
    }

    private static List<String> prepend(String first, TreeSet<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return l;
    }

    private static String time(long caseTime) {
        long ms = Math.floorMod(caseTime / 1_000_000L, 1000L);
        long us = Math.floorMod(caseTime / 1_000L, 1000L);
        return TimeAxis.utcSeconds(caseTime) + String.format(".%03d%03d", ms, us);
    }

    private static <T> TableColumn<T, String> col(String name, double width, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new javafx.beans.property.ReadOnlyStringWrapper(f.apply(v.getValue())));
        return c;
    }
}
