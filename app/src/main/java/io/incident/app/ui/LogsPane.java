package io.incident.app.ui;

import io.incident.app.host.HostFormat;
import io.incident.app.host.LogFilter;
import io.incident.app.host.LogRow;
import io.incident.app.host.LogRows;
import io.incident.app.host.TimeJump;
import io.incident.app.session.LoadedSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The journal view: the entries of every journal source merged by time, coloured by priority, with filters (source,
 * unit or identifier, PID, priority, boot), a case-insensitive search that filters, a jump to a time, and the whole
 * selected entry below the table. Enter or a double click shows the entry on the timeline.
 */
final class LogsPane extends BorderPane implements WorkbenchTab {
    private static final PseudoClass ERR = PseudoClass.getPseudoClass("log-err");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("log-warning");
    private static final String ALL = HostTables.ALL;
    private static final List<String> LEVELS = List.of("0 emerg", "1 alert", "2 crit", "3 err", "4 warning",
            "5 notice", "6 info", "7 debug");
    private final Workbench wb;
    private final ComboBox<String> source = new ComboBox<>();
    private final ComboBox<String> unit = new ComboBox<>();
    private final TextField pid = new TextField();
    private final ComboBox<String> priority = new ComboBox<>(FXCollections.observableArrayList(LEVELS));
    private final ComboBox<String> boot = new ComboBox<>();
    private final TextField search = new TextField();
    private final TextField jump = new TextField();
    private final Label count = new Label();
    private final TableView<LogRow> table = HostTables.table("No journal in this case");
    private final TextArea detail = new TextArea();
    private final BackgroundFilter<LogRow> rows;
    private int loading;
    private long loadGeneration;
    /** A jump asked for (by --view logs:@TIME) before the entries were loaded. */
    private String pendingJump;

    LogsPane(Workbench wb) {
        this.wb = wb;
        this.rows = new BackgroundFilter<>(Tasks.executor());
        setId("logs-pane");
        getStylesheets().add(LogsPane.class.getResource("host.css").toExternalForm());
        for (ComboBox<String> c : List.of(source, unit, boot)) {
            c.setItems(FXCollections.observableArrayList(ALL));
            c.setValue(ALL);
        }
        priority.setValue(LEVELS.get(7));
        source.setPrefWidth(130);
        unit.setPrefWidth(140);
        boot.setPrefWidth(110);
        pid.setPromptText("any");
        pid.setPrefWidth(70);
        search.setPromptText("Search messages (any case)");
        search.setPrefWidth(260);
        jump.setPromptText("HH:mm:ss or ISO UTC");
        jump.setPrefWidth(150);
        for (ComboBox<String> c : List.of(source, unit, boot, priority)) {
            c.valueProperty().addListener((o, a, v) -> refilter());
        }
        pid.textProperty().addListener((o, a, v) -> refilter());
        search.textProperty().addListener((o, a, v) -> refilter());
        Button go = new Button("Jump");
        go.setOnAction(e -> jumpTo(jump.getText()));
        jump.setOnAction(e -> jumpTo(jump.getText()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox filters = new HBox(6, new Label("Source"), source, new Label("Unit"), unit, new Label("PID"), pid,
                new Label("Priority \u2264"), priority, new Label("Boot"), boot);
        HBox find = new HBox(6, new Label("Search"), search, new Label("Jump to"), jump, go, grow, count);
        for (HBox b : List.of(filters, find)) {
            b.setAlignment(Pos.CENTER_LEFT);
        }
        VBox bar = new VBox(6, filters, find);
        bar.setPadding(new Insets(6, 8, 6, 8));
        setTop(bar);
        buildTable();
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("log-detail");
        detail.setPromptText("Select an entry to read it whole");
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.75);
        setCenter(split);
        rows.onShown(() -> {
            count.setText(String.format(Locale.ROOT, "%,d of %,d entries", rows.shown().size(), rows.all().size()));
            if (pendingJump != null && loading == 0 && rows.isSettled()) {
                String at = pendingJump;
                pendingJump = null;
                jumpTo(at);
            }
        });
        table.setItems(rows.shown());
    }

    private void buildTable() {
        table.getStyleClass().add("log-table");
        List<TableColumn<LogRow, ?>> cols = List.of(
                HostTables.number("Time (UTC)", 118, LogRow::time, HostFormat::time),
                HostTables.text("Source", 100, LogRow::source),
                HostTables.text("Priority", 64, r -> LogRow.levelName(r.priority())),
                HostTables.text("Unit", 130, LogRow::unit),
                HostTables.text("PID", 50, r -> r.pid() < 0 ? "" : Integer.toString(r.pid())));
        for (TableColumn<LogRow, ?> c : cols) {
            c.setMinWidth(c.getPrefWidth());
            c.setMaxWidth(c.getPrefWidth());
        }
        // The message takes the rest of the width; the pane below shows it whole.
        TableColumn<LogRow, String> message = HostTables.text("Message", 400, LogRow::firstLine);
        cols = new ArrayList<>(cols);
        cols.add(message);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        // A log reads in time order; jump-to-time relies on it.
        cols.forEach(c -> c.setSortable(false));
        table.getColumns().addAll(cols);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(LogRow r, boolean empty) {
                super.updateItem(r, empty);
                int p = empty || r == null ? -1 : r.priority();
                pseudoClassStateChanged(ERR, p >= 0 && p <= 3);
                pseudoClassStateChanged(WARNING, p == 4);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> detail.setText(r == null ? ""
                : describe(r)));
        HostTables.onActivate(table, this::focusSelected);
    }

    private static String describe(LogRow r) {
        long s = Math.floorDiv(r.time(), 1_000_000_000L);
        StringBuilder b = new StringBuilder();
        b.append(Instant.ofEpochSecond(s, Math.floorMod(r.time(), 1_000_000_000L))).append("  ")
                .append(LogRow.levelName(r.priority())).append("  ").append(r.unit());
        if (!r.identifier().isEmpty() && !r.identifier().equals(r.unit())) {
            b.append(" (").append(r.identifier()).append(')');
        }
        if (r.pid() >= 0) {
            b.append("  pid ").append(r.pid());
        }
        b.append("  boot ").append(r.boot().isEmpty() ? "?" : r.boot()).append("  ").append(r.source()).append("\n\n");
        return b.append(r.message()).toString();
    }

    void focusSelected() {
        LogRow r = table.getSelectionModel().getSelectedItem();
        if (r != null) {
            wb.focus(r.time(), r.time());
        }
    }

    TableView<LogRow> table() {
        return table;
    }

    TextArea detail() {
        return detail;
    }

    void setMaxPriority(int level) {
        priority.setValue(LEVELS.get(level));
    }

    void setSearch(String text) {
        search.setText(text);
    }

    /** Selects the first shown entry at or after the time; false (and a message in the count label) when none. */
    boolean jumpTo(String text) {
        List<LogRow> shown = rows.shown();
        if (shown.isEmpty()) {
            return false;
        }
        try {
            long t = TimeJump.parse(text, shown.get(0).time(), shown.get(shown.size() - 1).time());
            int i = LogRows.firstAtOrAfter(shown, t);
            if (i == shown.size()) {
                count.setText("nothing at or after " + text.strip());
                return false;
            }
            table.getSelectionModel().clearAndSelect(i);
            // Scrolled again once laid out: a jump right after loading otherwise leaves the row at the bottom edge.
            table.scrollTo(Math.max(0, i - 3));
            Platform.runLater(() -> table.scrollTo(Math.max(0, i - 3)));
            table.requestFocus();
            return true;
        } catch (IllegalArgumentException e) {
            count.setText(e.getMessage());
            return false;
        }
    }

    @Override
    public String id() {
        return "logs";
    }

    @Override
    public String title() {
        return "Logs";
    }

    @Override
    public Node node() {
        return this;
    }

    /** "TEXT" searches the messages for it; "@TIME" (HH:mm:ss or ISO UTC) selects the first entry from then on. */
    @Override
    public boolean show(String arg) {
        if (arg == null || arg.isEmpty()) {
            return true;
        }
        if (arg.startsWith("@")) {
            jump.setText(arg.substring(1));
            if (loading == 0 && rows.isSettled() && !rows.shown().isEmpty()) {
                return jumpTo(arg.substring(1));
            }
            pendingJump = arg.substring(1);
            return true;
        }
        search.setText(arg);
        return true;
    }

    @Override
    public boolean isSettled() {
        return loading == 0 && rows.isSettled() && (pendingJump == null || rows.shown().isEmpty());
    }

    @Override
    public void setSources(List<LoadedSource> sources) {
        List<LoadedSource> journals = sources.stream().filter(s -> LogRows.hasLogs(s.source())).toList();
        long g = ++loadGeneration;
        loading++;
        Tasks.run(() -> {
            List<List<LogRow>> each = new ArrayList<>();
            for (LoadedSource s : journals) {
                each.add(LogRows.of(s.source(), s.record().clock()));
            }
            return LogRows.merge(each);
        }, all -> {
            loading--;
            if (g != loadGeneration) {
                return;
            }
            HostTables.choices(source, all.stream().map(LogRow::source).toList());
            List<String> units = new ArrayList<>(all.stream().map(LogRow::unit).toList());
            units.addAll(all.stream().map(LogRow::identifier).filter(i -> !i.isEmpty()).toList());
            HostTables.choices(unit, units);
            HostTables.choices(boot, all.stream().map(LogRow::boot).filter(b -> !b.isEmpty()).toList());
            rows.setAll(all);
            refilter();
        }, e -> {
            loading--;
            wb.status("cannot list the journal entries: " + e.getMessage());
        });
    }

    private void refilter() {
        int p;
        String pidText = pid.getText() == null ? "" : pid.getText().strip();
        try {
            p = pidText.isEmpty() ? -1 : Integer.parseInt(pidText);
        } catch (NumberFormatException e) {
            count.setText("PID: not a whole number: " + pidText);
            return;
        }
        rows.apply(new LogFilter(HostTables.chosen(source), HostTables.chosen(unit), p,
                LEVELS.indexOf(priority.getValue()), HostTables.chosen(boot), search.getText()));
    }
}
