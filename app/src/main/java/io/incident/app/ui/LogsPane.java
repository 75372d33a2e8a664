package io.incident.app.ui;

import io.incident.app.session.LoadedSource;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.model.Track;
import io.incident.parsers.journal.JournalArgs;
import io.incident.views.timeline.TimeAxis;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
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

/**
 * Journal entries of every journal source, merged in time order (an entry present in two exports of the same
 * journal is shown once): priority colours, filters by unit, PID, priority and
 * boot, full-text search, jump to a time, and the selected message shown whole below the table.
 */
final class LogsPane extends BorderPane implements WorkbenchTab {
    static final String[] PRIORITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
    static final String ALL_UNITS = "all units";
    static final String ALL_BOOTS = "all boots";

    /** One log entry. */
    record Entry(long time, String file, String unit, String pid, int priority, String boot, String message,
                 LoadedSource source, int track, int index) {
    }

    private final Workbench wb;
    private final ComboBox<String> unit = new ComboBox<>();
    private final TextField pid = new TextField();
    private final ComboBox<String> priority = new ComboBox<>();
    private final ComboBox<String> boot = new ComboBox<>();
    private final TextField search = new TextField();
    private final TextField jump = new TextField();
    private final Label count = new Label();
    private final TableView<Entry> table = new TableView<>();
    private final TextArea message = new TextArea();
    private FilteredList<Entry> filtered = new FilteredList<>(FXCollections.observableArrayList());
    private boolean settled = true;

    LogsPane(Workbench wb) {
        this.wb = wb;
        pid.setPromptText("PID");
        pid.setPrefColumnCount(5);
        search.setPromptText("search");
        search.setPrefColumnCount(14);
        jump.setPromptText("jump to HH:mm:ss");
        jump.setPrefColumnCount(9);
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < PRIORITIES.length; i++) {
            levels.add("\u2264 " + i + " " + PRIORITIES[i]);
        }
        priority.setItems(FXCollections.observableArrayList(levels));
        priority.setValue(levels.get(7));
        count.setMinWidth(Label.USE_PREF_SIZE);
        unit.setPrefWidth(140);
        priority.setPrefWidth(120);
        boot.setPrefWidth(120);
        pid.setMinWidth(60);
        for (var p : List.of(unit.valueProperty(), priority.valueProperty(), boot.valueProperty())) {
            p.addListener(o -> refilter());
        }
        pid.textProperty().addListener(o -> refilter());
        search.textProperty().addListener(o -> refilter());
        jump.setOnAction(e -> jumpTo(jump.getText()));
        HBox bar = new HBox(6, unit, pid, priority, boot, search, jump, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        table.getColumns().add(col("Time (UTC)", 118, e -> time(e.time())));
        table.getColumns().add(col("Prio", 60, e -> e.priority() >= 0 && e.priority() < 8 ? PRIORITIES[e.priority()] : ""));
        table.getColumns().add(col("Unit", 120, Entry::unit));
        table.getColumns().add(col("PID", 50, Entry::pid));
        table.getColumns().add(col("Message", 520, e -> firstLine(e.message())));
        table.getColumns().add(col("Source", 110, Entry::file));
        table.setPlaceholder(new Label("No journal export in this case"));
        table.setRowFactory(t -> {
            TableRow<Entry> row = new TableRow<>() {
                @Override
                protected void updateItem(Entry e, boolean empty) {
                    super.updateItem(e, empty);
                    setStyle(empty || e == null ? "" : style(e.priority()));
                }
            };
            row.setOnMouseClicked(ev -> {
                if (ev.getClickCount() == 2 && row.getItem() != null) {
                    wb.focus(row.getItem().time(), row.getItem().time());
                }
            });
            return row;
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> message.setText(e == null ? ""
                : time(e.time()) + "  " + e.unit() + "[" + e.pid() + "]  boot " + e.boot() + "\n\n" + e.message()));
        message.setEditable(false);
        message.setWrapText(true);
        SplitPane split = new SplitPane(table, message);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.78);
        setTop(bar);
        setCenter(split);
    }

    private static String style(int priority) {
        if (priority >= 0 && priority <= 3) {
            return "-fx-text-background-color: #b91c1c;";
        }
        return priority == 4 ? "-fx-text-background-color: #b45309;" : "";
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

    @Override
    public void setSources(List<LoadedSource> all) {
        List<LoadedSource> journals = all.stream().filter(s -> s.record().kind() == SourceKind.JOURNAL_EXPORT
                || s.record().kind() == SourceKind.JOURNAL_JSON).toList();
        settled = false;
        Tasks.run(() -> entries(journals), rows -> {
            filtered = new FilteredList<>(FXCollections.observableArrayList(rows));
            table.setItems(filtered);
            TreeSet<String> units = new TreeSet<>();
            TreeSet<String> boots = new TreeSet<>();
            rows.forEach(e -> {
                units.add(e.unit());
                boots.add(e.boot());
            });
            List<String> u = new ArrayList<>(List.of(ALL_UNITS));
            u.addAll(units);
            List<String> b = new ArrayList<>(List.of(ALL_BOOTS));
            b.addAll(boots);
            unit.setItems(FXCollections.observableArrayList(u));
            boot.setItems(FXCollections.observableArrayList(b));
            unit.setValue(ALL_UNITS);
            boot.setValue(ALL_BOOTS);
            refilter();
            if (!search.getText().isBlank()) {
                table.getSelectionModel().clearAndSelect(0);
            }
            settled = true;
        }, e -> {
            count.setText("cannot list entries: " + e.getMessage());
            settled = true;
        });
    }

    /** "TEXT" searches for it (e.g. "logs:Accept error"). */
    @Override
    public boolean show(String arg) {
        if (arg != null) {
            search.setText(arg);
            table.getSelectionModel().clearAndSelect(0);
        }
        return true;
    }

    @Override
    public boolean isSettled() {
        return settled;
    }

    private void refilter() {
        String u = unit.getValue();
        String b = boot.getValue();
        int maxPrio = priority.getSelectionModel().getSelectedIndex() < 0 ? 7 : priority.getSelectionModel().getSelectedIndex();
        String p = pid.getText().trim();
        String q = search.getText().trim().toLowerCase(Locale.ROOT);
        filtered.setPredicate(e -> (u == null || u.equals(ALL_UNITS) || e.unit().equals(u))
                && (b == null || b.equals(ALL_BOOTS) || e.boot().equals(b))
                && (e.priority() < 0 || e.priority() <= maxPrio)
                && (p.isEmpty() || e.pid().equals(p))
                && (q.isEmpty() || e.message().toLowerCase(Locale.ROOT).contains(q)));
        count.setText(filtered.size() + " of " + filtered.getSource().size());
    }

    /** Selects and shows the first shown entry at or after a time of day (the day of the first entry) or an instant. */
    boolean jumpTo(String text) {
        Long target = parseTime(text, filtered.isEmpty() ? 0 : filtered.get(0).time());
        if (target == null) {
            count.setText("not a time: " + text);
            return false;
        }
        for (int i = 0; i < filtered.size(); i++) {
            if (filtered.get(i).time() >= target) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(Math.max(0, i - 3));
                return true;
            }
        }
        return false;
    }

    static Long parseTime(String text, long dayOf) {
        String t = text.trim();
        try {
            if (t.contains("T")) {
                Instant i = Instant.parse(t.endsWith("Z") ? t : t + "Z");
                return i.getEpochSecond() * 1_000_000_000L + i.getNano();
            }
            LocalTime lt = LocalTime.parse(t);
            LocalDate day = Instant.ofEpochSecond(Math.floorDiv(dayOf, 1_000_000_000L)).atZone(ZoneOffset.UTC).toLocalDate();
            Instant i = day.atTime(lt).toInstant(ZoneOffset.UTC);
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static List<Entry> entries(List<LoadedSource> journals) {
        List<Entry> out = new ArrayList<>();
        for (LoadedSource ls : journals) {
            Source s = ls.source();
            String file = ls.source().info().fileName();
            List<Track> tracks = s.tracks();
            for (int ti = 0; ti < tracks.size(); ti++) {
                if (!(tracks.get(ti) instanceof InstantTrack it) || !JournalArgs.isLogTrack(it)) {
                    continue;
                }
                for (int i = 0; i < it.size(); i++) {
                    Map<String, String> a = s.argsOf(it.args(i));
                    int prio;
                    try {
                        prio = Integer.parseInt(a.getOrDefault(JournalArgs.PRIORITY, "-1"));
                    } catch (NumberFormatException e) {
                        prio = -1;
                    }
                    out.add(new Entry(ls.record().clock().toCase(it.time(i)), file, it.name(),
                            a.getOrDefault(JournalArgs.PID, ""), prio, a.getOrDefault(JournalArgs.BOOT, ""),
                            JournalArgs.message(s, it, i), ls, ti, i));
                }
            }
        }
        out.sort((x, y) -> Long.compare(x.time(), y.time()));
        // The same journal exported twice (export and JSON) is one log: keep each entry once, from the first source.
        java.util.Set<String> seen = new java.util.HashSet<>();
        out.removeIf(e -> !seen.add(e.time() + "\u0000" + e.unit() + "\u0000" + e.pid() + "\u0000" + e.message()));
        return out;
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl) + " \u2026";
    }

    private static String time(long caseTime) {
        return TimeAxis.utcSeconds(caseTime) + String.format(".%03d", Math.floorMod(caseTime / 1_000_000L, 1000L));
    }

    private static <T> TableColumn<T, String> col(String name, double width, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new javafx.beans.property.ReadOnlyStringWrapper(f.apply(v.getValue())));
        return c;
    }
}
