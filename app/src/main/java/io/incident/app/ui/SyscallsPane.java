package io.incident.app.ui;

import io.incident.app.host.FdRow;
import io.incident.app.host.HostFormat;
import io.incident.app.host.SyscallFilter;
import io.incident.app.host.SyscallRow;
import io.incident.app.host.SyscallRows;
import io.incident.app.session.LoadedSource;
import io.incident.model.SourceKind;
import io.incident.parsers.strace.StraceStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The strace view: every syscall of a trace with filters (pid, syscall, errno, fd, minimum duration), below it the
 * {@code strace -c}-like summary with latency percentiles and the fd lifecycle. Everything comes from the case's
 * model, so a case reopened without the artifact shows the same. Enter or a double click shows the row on the timeline.
 */
final class SyscallsPane extends BorderPane implements WorkbenchTab {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private final Workbench wb;
    private final ComboBox<LoadedSource> trace = new ComboBox<>();
    private final TextField pid = field("any", 70);
    private final ComboBox<String> syscall = new ComboBox<>();
    private final ComboBox<String> errno = new ComboBox<>();
    private final TextField fd = field("any", 60);
    private final TextField minMs = field("0", 60);
    private final Label count = new Label();
    private final TableView<SyscallRow> calls = HostTables.table("No strace log in this case");
    private final TableView<StraceStats.Row> summary = HostTables.table("No syscalls");
    private final TableView<FdRow> fds = HostTables.table("No file descriptors");
    private final BackgroundFilter<SyscallRow> rows;
    private List<FdRow> allFds = List.of();
    private int loading;

    SyscallsPane(Workbench wb) {
        this.wb = wb;
        this.rows = new BackgroundFilter<>(Tasks.executor());
        setId("syscalls-pane");
        getStylesheets().add(SyscallsPane.class.getResource("host.css").toExternalForm());
        trace.setConverter(SourceNames.BY_FILE_NAME);
        trace.setPromptText("No strace log");
        trace.valueProperty().addListener((o, a, s) -> load(s));
        for (ComboBox<String> c : List.of(syscall, errno)) {
            c.setItems(FXCollections.observableArrayList(HostTables.ALL));
            c.setValue(HostTables.ALL);
            c.valueProperty().addListener((o, a, v) -> refilter());
        }
        syscall.setPrefWidth(130);
        errno.setPrefWidth(130);
        for (TextField f : List.of(pid, fd, minMs)) {
            f.textProperty().addListener((o, a, v) -> refilter());
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        trace.setPrefWidth(260);
        HBox top = new HBox(6, new Label("Trace"), trace, grow, count);
        HBox filters = new HBox(6, new Label("PID"), pid, new Label("Syscall"), syscall, new Label("errno"), errno,
                new Label("fd"), fd, new Label("Min duration (ms)"), minMs);
        for (HBox b : List.of(top, filters)) {
            b.setAlignment(Pos.CENTER_LEFT);
        }
        VBox bar = new VBox(6, top, filters);
        bar.setPadding(new Insets(6, 8, 6, 8));
        setTop(bar);
        buildCalls();
        buildSummary();
        buildFds();
        TabPane below = new TabPane(new Tab("Summary (strace -c)", summary), new Tab("File descriptors", fds));
        below.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(calls, below);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
        rows.onShown(this::updateCount);
        calls.setItems(rows.shown());
    }

    private static TextField field(String prompt, double width) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        return f;
    }

    private void buildCalls() {
        calls.getColumns().addAll(List.of(
                HostTables.number("Time (UTC)", 118, SyscallRow::time, HostFormat::time),
                HostTables.text("PID/TID", 70, r -> r.pid() == r.tid() ? Integer.toString(r.tid())
                        : r.pid() + "/" + r.tid()),
                HostTables.text("Syscall", 100, SyscallRow::syscall),
                HostTables.text("fd", 44, r -> r.fd() < 0 ? "" : Integer.toString(r.fd())),
                HostTables.text("Path / endpoint", 200, SyscallRow::path),
                HostTables.text("Result", 70, SyscallRow::ret),
                HostTables.text("errno", 80, SyscallRow::errno),
                HostTables.number("Duration", 90, SyscallRow::durationNanos, HostFormat::duration)));
        calls.getStyleClass().add("syscall-table");
        calls.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SyscallRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(FAILED, !empty && r != null && !r.errno().isEmpty());
            }
        });
        calls.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                wb.status(r.syscall() + "(" + r.args() + ") = " + r.ret() + (r.errno().isEmpty() ? "" : " " + r.errno()));
            }
        });
        HostTables.onActivate(calls, this::focusSelected);
    }

    private void buildSummary() {
        summary.getColumns().addAll(List.of(
                HostTables.text("Syscall", 110, StraceStats.Row::syscall),
                HostTables.number("Calls", 70, StraceStats.Row::calls, Object::toString),
                HostTables.number("Errors", 70, StraceStats.Row::errors, v -> v == 0 ? "" : v.toString()),
                HostTables.text("% time", 60, r -> String.format(Locale.ROOT, "%.2f", r.percentTime())),
                HostTables.number("Total", 90, StraceStats.Row::totalNanos, HostFormat::duration),
                HostTables.number("p50", 80, StraceStats.Row::p50Nanos, HostFormat::duration),
                HostTables.number("p90", 80, StraceStats.Row::p90Nanos, HostFormat::duration),
                HostTables.number("p99", 90, StraceStats.Row::p99Nanos, HostFormat::duration),
                HostTables.number("Max", 90, StraceStats.Row::maxNanos, HostFormat::duration)));
        summary.setOnMouseClicked(e -> {
            StraceStats.Row r = summary.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && r != null) {
                syscall.setValue(r.syscall());
            }
        });
    }

    private void buildFds() {
        fds.getColumns().addAll(List.of(
                HostTables.text("PID", 60, r -> Integer.toString(r.pid())),
                HostTables.text("fd", 44, r -> Integer.toString(r.fd())),
                HostTables.text("What", 330, FdRow::what),
                HostTables.text("Opened by", 110, FdRow::openedBy),
                HostTables.number("Opened at", 118, FdRow::openedAt, HostFormat::time),
                HostTables.number("Closed at", 118, FdRow::closedAt, t -> t < 0 ? "still open" : HostFormat.time(t)),
                HostTables.text("Closed by", 150, FdRow::closedBy)));
        fds.setOnMouseClicked(e -> {
            FdRow r = fds.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && r != null) {
                wb.focus(r.openedAt(), r.stillOpen() ? r.openedAt() : r.closedAt());
            }
        });
    }

    /** Shows the selected call's time range on the timeline. */
    void focusSelected() {
        SyscallRow r = calls.getSelectionModel().getSelectedItem();
        if (r != null) {
            wb.focus(r.time(), r.end());
        }
    }

    TableView<SyscallRow> callsTable() {
        return calls;
    }

    TableView<StraceStats.Row> summaryTable() {
        return summary;
    }

    TableView<FdRow> fdTable() {
        return fds;
    }

    void setErrno(String value) {
        errno.setValue(value == null || value.isEmpty() ? HostTables.ALL : value);
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

    /** An errno ("EMFILE", upper case) filters by it; other text picks the trace whose file name contains it. */
    @Override
    public boolean show(String arg) {
        if (arg == null || arg.isEmpty()) {
            return true;
        }
        if (arg.matches("E[A-Z0-9]+")) {
            setErrno(arg);
            return true;
        }
        for (LoadedSource s : trace.getItems()) {
            if (s.source().info().fileName().contains(arg)) {
                trace.setValue(s);
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isSettled() {
        return loading == 0 && rows.isSettled();
    }

    @Override
    public void setSources(List<LoadedSource> sources) {
        List<LoadedSource> traces = new ArrayList<>();
        for (LoadedSource s : sources) {
            if (s.source().info().kind() == SourceKind.STRACE) {
                traces.add(s);
            }
        }
        String current = trace.getValue() == null ? null : trace.getValue().source().info().path();
        trace.setItems(FXCollections.observableArrayList(traces));
        LoadedSource keep = traces.stream().filter(s -> s.source().info().path().equals(current)).findFirst()
                .orElse(traces.isEmpty() ? null : traces.get(0));
        if (keep == trace.getValue()) {
            load(keep);
        } else {
            trace.setValue(keep);
        }
    }

    private record Loaded(List<SyscallRow> calls, List<FdRow> fds, List<StraceStats.Row> summary) {
    }

    private void load(LoadedSource s) {
        if (s == null) {
            rows.setAll(List.of());
            allFds = List.of();
            summary.getItems().clear();
            fds.getItems().clear();
            return;
        }
        loading++;
        Tasks.run(() -> new Loaded(SyscallRows.calls(s.source(), s.record().clock()),
                        SyscallRows.fds(s.source(), s.record().clock()), StraceStats.of(s.source())),
                l -> {
                    loading--;
                    if (s != trace.getValue()) {
                        return;
                    }
                    HostTables.choices(syscall, l.calls().stream().map(SyscallRow::syscall).toList());
                    HostTables.choices(errno, l.calls().stream().map(SyscallRow::errno)
                            .filter(e -> !e.isEmpty()).toList(), SyscallFilter.ANY_ERROR);
                    summary.getItems().setAll(l.summary());
                    allFds = l.fds();
                    rows.setAll(l.calls());
                    refilter();
                },
                e -> {
                    loading--;
                    wb.status("cannot list the syscalls of " + s.source().info().fileName() + ": " + e.getMessage());
                });
    }

    private void refilter() {
        SyscallFilter f;
        try {
            f = SyscallFilter.parse(pid.getText(), HostTables.chosen(syscall), HostTables.chosen(errno), fd.getText(),
                    minMs.getText());
        } catch (IllegalArgumentException e) {
            count.setText(e.getMessage());
            count.setStyle("-fx-text-fill: #b91c1c;");
            return;
        }
        count.setStyle("");
        rows.apply(f);
        List<FdRow> shown = new ArrayList<>();
        for (FdRow r : allFds) {
            if ((f.pid() < 0 || r.pid() == f.pid()) && (f.fd() < 0 || r.fd() == f.fd())) {
                shown.add(r);
            }
        }
        fds.getItems().setAll(shown);
    }

    private void updateCount() {
        count.setText(String.format(Locale.ROOT, "%,d of %,d calls", rows.shown().size(), rows.all().size()));
    }
}
