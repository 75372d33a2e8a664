package io.incident.app.ui;

import io.incident.model.Source;
import io.incident.model.StackTable;
import io.incident.parsers.goroutine.DumpDiff;
import io.incident.parsers.goroutine.GoroutineBucket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The goroutine tab's tables (buckets, stack frames, dump diff) and the text around them. */
final class GoroutineTables {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    private GoroutineTables() {
    }

    /** A printed wait range in minutes; sorts by the longest wait. */
    record Wait(int min, int max) implements Comparable<Wait> {
        @Override
        public int compareTo(Wait o) {
            return max != o.max ? Integer.compare(max, o.max) : Integer.compare(min, o.min);
        }

        @Override
        public String toString() {
            if (max < 0) {
                return "";
            }
            return (min == max ? String.valueOf(max) : Math.max(0, min) + "\u2013" + max) + " min";
        }
    }

    /** One frame of a stack, leaf first. */
    record FrameRow(int depth, String function, String place) {
    }

    /** One line of a dump diff: "grown", "new" or "vanished". */
    record ChangeRow(String kind, DumpDiff.BucketChange change) {
    }

    static TableView<GoroutineBucket> buckets() {
        TableView<GoroutineBucket> t = table("No goroutine dump picked");
        t.getColumns().add(column("Count", 70, b -> b.count(), true));
        t.getColumns().add(column("State", 170, GoroutineBucket::state, false));
        t.getColumns().add(column("Wait", 80, b -> new Wait(b.minWaitMinutes(), b.maxWaitMinutes()), true));
        t.getColumns().add(column("Top frame", 300, GoroutineBucket::topFunction, false));
        t.getColumns().add(column("Created by", 240, GoroutineBucket::createdBy, false));
        return t;
    }

    static TableView<FrameRow> frames() {
        TableView<FrameRow> t = table("Select a bucket to see its stack");
        t.getColumns().add(column("#", 40, FrameRow::depth, true));
        t.getColumns().add(column("Function", 420, FrameRow::function, false));
        t.getColumns().add(column("File:line", 360, FrameRow::place, false));
        return t;
    }

    static TableView<ChangeRow> changes() {
        TableView<ChangeRow> t = table("No change between the two dumps");
        t.getColumns().add(column("Change", 75, ChangeRow::kind, false));
        t.getColumns().add(column("Before", 60, r -> r.change().before(), true));
        t.getColumns().add(column("After", 60, r -> r.change().after(), true));
        t.getColumns().add(column("\u0394", 60, r -> r.change().delta(), true));
        t.getColumns().add(column("State", 150, r -> r.change().state(), false));
        t.getColumns().add(column("Top frame", 270, r -> r.change().topFunction(), false));
        t.getColumns().add(column("Created by", 200, r -> r.change().createdBy(), false));
        return t;
    }

    private static <T> TableView<T> table(String placeholder) {
        TableView<T> t = new TableView<>();
        t.setPlaceholder(new javafx.scene.control.Label(placeholder));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        return t;
    }

    private static <T> TableColumn<T, Object> column(String title, double width, Function<T, Object> value,
                                                     boolean number) {
        TableColumn<T, Object> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setComparator((x, y) -> compare(x, y));
        if (number) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object x, Object y) {
        return ((Comparable) x).compareTo(y);
    }

    /** The frames of a bucket's stack, leaf first, then its creator, as Go prints them. */
    static List<FrameRow> frameRows(Source source, GoroutineBucket bucket) {
        StackTable st = source.stacks();
        int[] frames = st.framesRootFirst(bucket.stack());
        List<FrameRow> out = new ArrayList<>(frames.length);
        for (int i = frames.length - 1; i >= 0; i--) {
            int f = frames[i];
            String file = source.label(st.frameFile(f));
            int line = st.frameLine(f);
            out.add(new FrameRow(frames.length - i, source.label(st.frameFunction(f)),
                    file + (line > 0 ? ":" + line : "")));
        }
        if (!bucket.createdBy().isEmpty()) {
            out.add(new FrameRow(frames.length + 1, "created by " + bucket.createdBy(), ""));
        }
        return out;
    }

    static List<ChangeRow> changeRows(DumpDiff d) {
        List<ChangeRow> out = new ArrayList<>();
        d.grown().forEach(c -> out.add(new ChangeRow("grown", c)));
        d.appeared().forEach(c -> out.add(new ChangeRow("new", c)));
        d.vanished().forEach(c -> out.add(new ChangeRow("vanished", c)));
        return out;
    }

    /** Where a dump sits on the case's timeline and why: the clock basis decides how far the diff can be trusted. */
    static String placement(String role, GoroutinePane.Dump d) {
        String basis = d.loaded().record().clockBasis();
        return role + ": " + d.fileName() + " at " + UTC.format(Instant.ofEpochSecond(0, d.placedAt()))
                + ", clock: " + (basis.isEmpty() ? "not recorded" : basis);
    }

    static String interval(long nanos) {
        if (nanos == 0) {
            return "Taken at the same placed time: set the dumps' clocks to judge wait growth.";
        }
        return String.format("%.1f s apart%s", Math.abs(nanos) / 1e9, nanos < 0 ? " (After is placed earlier)" : "");
    }

    /** Leak suspects grouped by where they are parked. */
    static String suspects(DumpDiff d) {
        if (d.suspects().isEmpty()) {
            return "No leak suspects: no goroutine stayed blocked in one place for the whole interval.";
        }
        Map<String, long[]> groups = new LinkedHashMap<>();
        for (DumpDiff.LeakSuspect s : d.suspects()) {
            long[] g = groups.computeIfAbsent(s.topFunction() + " [" + s.state() + "]", k -> new long[2]);
            g[0]++;
            g[1] = Math.max(g[1], s.waitAfter());
        }
        StringBuilder text = new StringBuilder("Leak suspects: " + d.suspects().size()
                + " goroutines blocked in the same place through the whole interval");
        List<Map.Entry<String, long[]>> largest = new ArrayList<>(groups.entrySet());
        largest.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        int shown = 0;
        for (Map.Entry<String, long[]> e : largest) {
            if (shown++ == 3) {
                text.append("\n  \u2026 and ").append(groups.size() - 3).append(" more places");
                break;
            }
            text.append("\n  ").append(e.getValue()[0]).append(" \u00d7 ").append(e.getKey()).append(", waiting up to ")
                    .append(e.getValue()[1]).append(" min");
        }
        return text.toString();
    }
}
