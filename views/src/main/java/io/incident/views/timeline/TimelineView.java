package io.incident.views.timeline;

import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * The shared timeline: one lane per track, grouped by source, on the case's UTC clock. Instants are ticks, spans are
 * bars stacked by nesting depth, counters are min/max-per-pixel areas, timed stack samples a density strip. Wheel zooms
 * around the cursor, drag pans, W/S/A/D and +/-/0 work from the keyboard, a click selects the nearest event.
 *
 * <p>Drawing cost is bounded by pixels, not events, for instants and counters: each pixel column is found by binary
 * search. Spans are found from the first one still open at the left edge.
 */
public class TimelineView extends Region {
    static final double HEADER_WIDTH = 250;
    static final double AXIS_HEIGHT = 42 + Overview.HEIGHT;
    static final double GROUP_HEIGHT = 22;
    private static final Font LABEL = Font.font("System", 12);
    private static final Font SMALL = Font.font("System", 11);
    private static final Font TINY = Font.font("System", 9.5);
    private static final Font GROUP = Font.font("System", FontWeight.BOLD, 12);
    private static final Color[] PALETTE = {
        Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#59a14f"), Color.web("#e15759"), Color.web("#76b7b2"),
        Color.web("#edc948"), Color.web("#b07aa1"), Color.web("#ff9da7"), Color.web("#9c755f"), Color.web("#bab0ac")
    };

    private final ObservableList<Lane> lanes = FXCollections.observableArrayList();
    private final LongProperty viewStart = new SimpleLongProperty(0);
    private final LongProperty viewEnd = new SimpleLongProperty(1_000_000_000L);
    private final LongProperty zeroTime = new SimpleLongProperty(0);
    private final ObjectProperty<EventPick> selection = new SimpleObjectProperty<>();
    private final ObjectProperty<long[]> highlight = new SimpleObjectProperty<>();
    private final ObservableList<io.incident.model.Flow> flows = FXCollections.observableArrayList();
    private List<Related> selectedRelated = List.of();
    private final Canvas canvas = new Canvas();
    private final Overview overview = new Overview();
    private final ZoomHistory history = new ZoomHistory();
    private final ObjectProperty<long[]> range = new SimpleObjectProperty<>();
    private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
    private Drag drag = Drag.NONE;
    private int lanesVersion;
    private final List<String> sourceOrder = new ArrayList<>();
    private ClockShift onClockShift = (lane, delta) -> { };
    private final javafx.scene.control.ContextMenu headingMenu = new javafx.scene.control.ContextMenu();
    private long rangeAnchor;
    private Lane shiftLane;
    private final ScrollBar vbar = new ScrollBar();
    private final List<Row> rows = new ArrayList<>();
    private double contentHeight;
    private double dragX = Double.NaN;
    private long dragStart;
    private long dragEnd;
    private boolean dragged;
    private boolean batching;
    private final java.util.Set<String> collapsed = new java.util.HashSet<>();
    private final java.util.Set<String> expanded = new java.util.HashSet<>();
    private final java.util.Map<String, String> headingOnly = new java.util.HashMap<>();

    /** Asks the application to move a source's clock by {@code deltaNanos}; the lane is any lane of that source. */
    @FunctionalInterface
    public interface ClockShift {
        void shift(Lane lane, long deltaNanos);
    }

    /**
     * Who moves a source in time when the analyst types an offset ("Shift clock\u2026" on a source heading) or drags a
     * lane with Alt held; the application saves it in the case, where it can be undone.
     */
    public void setOnClockShift(ClockShift shift) {
        this.onClockShift = shift;
    }

    /** Moves a source one place up (-1) or down (+1) among the sources; the order holds until the view is rebuilt. */
    public void moveSource(String sourceTitle, int by) {
        List<String> order = new ArrayList<>(sourceTitles());
        int i = order.indexOf(sourceTitle);
        int j = i + by;
        if (i < 0 || j < 0 || j >= order.size()) {
            return;
        }
        order.remove(i);
        order.add(j, sourceTitle);
        sourceOrder.clear();
        sourceOrder.addAll(order);
        relayoutRows();
    }

    /** The source headings, top to bottom. */
    public List<String> sourceTitles() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.lane() == null) {
                out.add(r.source());
            }
        }
        return out;
    }

    /** The text of a source's heading as drawn (title, then what folding hides or the heading-only note). */
    public String heading(String sourceTitle) {
        for (Row r : rows) {
            if (r.lane() == null && r.source().equals(sourceTitle)) {
                return r.heading();
            }
        }
        return null;
    }

    private void showHeadingMenu(Row r, double screenX, double screenY) {
        javafx.scene.control.MenuItem up = new javafx.scene.control.MenuItem("Move source up");
        up.setOnAction(e -> moveSource(r.source(), -1));
        javafx.scene.control.MenuItem down = new javafx.scene.control.MenuItem("Move source down");
        down.setOnAction(e -> moveSource(r.source(), 1));
        javafx.scene.control.MenuItem shift = new javafx.scene.control.MenuItem("Shift clock\u2026");
        shift.setOnAction(e -> {
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog("0.000");
            d.setTitle("Shift clock");
            d.setHeaderText("Move " + r.source() + " in time by (seconds, negative moves it earlier):");
            d.showAndWait().ifPresent(text -> {
                try {
                    long delta = new java.math.BigDecimal(text.trim()).movePointRight(9).longValueExact();
                    firstLaneOf(r.source()).ifPresent(l -> onClockShift.shift(l, delta));
                } catch (NumberFormatException | ArithmeticException ex) {
                    d.setHeaderText("Not a number of seconds: " + text);
                }
            });
        });
        javafx.scene.control.MenuItem toggle = new javafx.scene.control.MenuItem("Show all lanes / overview lanes");
        toggle.setOnAction(e -> toggleCollapsed(r.source()));
        headingMenu.getItems().setAll(up, down, shift, toggle);
        headingMenu.show(canvas, screenX, screenY);
    }

    private java.util.Optional<Lane> firstLaneOf(String source) {
        return lanes.stream().filter(l -> l.sourceTitle().equals(source)).findFirst();
    }

    /** What a mouse drag does: pan the view, select a time range (shift), or move the view from the overview strip. */
    private enum Drag {
        NONE, PAN, RANGE, OVERVIEW, SHIFT_LANE
    }

    /** A laid-out row: a source heading (lane null) or a lane. */
    private record Row(Lane lane, String heading, String source, double y, double h, int colour) {
    }

    public TimelineView() {
        getStyleClass().add("timeline-view");
        setFocusTraversable(true);
        vbar.setOrientation(Orientation.VERTICAL);
        getChildren().addAll(canvas, vbar);
        lanes.addListener((javafx.collections.ListChangeListener<Lane>) c -> relayoutRows());
        viewStart.addListener(o -> draw());
        viewEnd.addListener(o -> draw());
        zeroTime.addListener(o -> draw());
        selection.addListener(o -> {
            selectedRelated = FlowLinks.related(flows, lanes, selection.get());
            draw();
        });
        flows.addListener((javafx.collections.ListChangeListener<io.incident.model.Flow>) c -> {
            selectedRelated = FlowLinks.related(flows, lanes, selection.get());
            draw();
        });
        highlight.addListener(o -> draw());
        vbar.valueProperty().addListener(o -> draw());
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMove);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> tip.hide());
        range.addListener(o -> draw());
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    public ObservableList<Lane> getLanes() {
        return lanes;
    }

    public LongProperty viewStartProperty() {
        return viewStart;
    }

    public LongProperty viewEndProperty() {
        return viewEnd;
    }

    /** The time shown as +0 on the axis: the incident start the analyst chose. */
    public LongProperty zeroTimeProperty() {
        return zeroTime;
    }

    public ObjectProperty<EventPick> selectionProperty() {
        return selection;
    }

    /** Links between events of different lanes (see {@link io.incident.model.Flow}); source indexes are the lanes'. */
    public ObservableList<io.incident.model.Flow> getFlows() {
        return flows;
    }

    /** "Show related": every event linked to {@code p}, across sources. */
    public List<Related> related(EventPick p) {
        return p == selection.get() ? selectedRelated : FlowLinks.related(flows, lanes, p);
    }

    /** Selects an event and brings it to the middle of the view, keeping the zoom unless the event is wider. */
    public void reveal(EventPick p) {
        long span = Math.max(viewEnd.get() - viewStart.get(), (p.end() - p.start()) * 3 / 2);
        long mid = p.start() / 2 + p.end() / 2;
        setView(mid - span / 2, mid + span / 2);
        selection.set(p);
    }

    /** A time range to shade, e.g. a finding's window; null for none. */
    public ObjectProperty<long[]> highlightProperty() {
        return highlight;
    }

    /** Shows the whole case, with a small margin; false when no lane has a time yet. */
    public boolean fit() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Lane l : lanes) {
            if (l.isTimed()) {
                lo = Math.min(lo, l.clock().toCase(l.track().minTime()));
                hi = Math.max(hi, l.clock().toCase(l.track().maxTime()));
            }
        }
        if (lo > hi) {
            return false;
        }
        long margin = Math.max(1_000_000L, (hi - lo) / 50);
        history.mark(viewStart.get(), viewEnd.get());
        setView(lo - margin, hi + margin);
        return true;
    }

    public void setView(long start, long end) {
        if (end <= start) {
            end = start + 1000;
        }
        // Both ends change as one: no frame is drawn with half of the new range.
        batching = true;
        try {
            viewStart.set(start);
            viewEnd.set(end);
        } finally {
            batching = false;
        }
        draw();
    }

    /** Zooms by {@code factor} (&lt; 1 zooms in) keeping the time under pixel {@code x} in place. */
    public void zoom(double factor, double x) {
        double w = plotWidth();
        if (w <= 0) {
            return;
        }
        long s = viewStart.get();
        long e = viewEnd.get();
        double frac = Math.max(0, Math.min(1, (x - HEADER_WIDTH) / w));
        double anchor = s + frac * (e - s);
        double span = Math.max(1000, (e - s) * factor);
        long ns = (long) (anchor - frac * span);
        setView(ns, (long) (ns + span));
    }

    public void pan(double fraction) {
        long d = (long) ((viewEnd.get() - viewStart.get()) * fraction);
        setView(viewStart.get() + d, viewEnd.get() + d);
    }

    double plotWidth() {
        return Math.max(1, getWidth() - HEADER_WIDTH - vbar.getWidth());
    }

    /** The x pixel of a case time. */
    public double xOf(long caseTime) {
        return HEADER_WIDTH + (caseTime - viewStart.get()) * plotWidth() / (double) (viewEnd.get() - viewStart.get());
    }

    /** The case time at an x pixel. */
    public long timeAt(double x) {
        return viewStart.get() + (long) ((x - HEADER_WIDTH) * (viewEnd.get() - viewStart.get()) / plotWidth());
    }

    /** How many lanes a collapsed source shows; sources with more than {@link #AUTO_COLLAPSE} lanes start collapsed. */
    static final int COLLAPSED_LANES = 8;
    static final int AUTO_COLLAPSE = 8;
    /** How many generic event lanes (a log, a thread, a process's syscalls) a collapsed source keeps besides its story. */
    static final int OTHER_EVENT_LANES = 3;

    private void relayoutRows() {
        lanesVersion++;
        rows.clear();
        java.util.LinkedHashMap<String, List<Lane>> bySource = new java.util.LinkedHashMap<>();
        for (Lane l : lanes) {
            if (l.isTimed()) {
                bySource.computeIfAbsent(l.sourceTitle(), k -> new ArrayList<>()).add(l);
            }
        }
        List<java.util.Map.Entry<String, List<Lane>>> ordered = new ArrayList<>(bySource.entrySet());
        ordered.sort(java.util.Comparator.comparingInt(e -> {
            int i = sourceOrder.indexOf(e.getKey());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        double y = 0;
        int colour = -1;
        for (java.util.Map.Entry<String, List<Lane>> e : ordered) {
            colour++;
            List<Lane> all = e.getValue();
            boolean folded = isHeadingOnly(e.getKey());
            boolean collapsed = isCollapsed(e.getKey(), all.size());
            List<Lane> shown = folded ? List.of() : collapsed ? overviewLanes(all) : all;
            String heading = e.getKey() + (folded ? "   ▸ " + headingOnly.get(e.getKey())
                    : all.size() > COLLAPSED_LANES
                    ? (collapsed ? "   ▸ " + (all.size() - shown.size()) + " more lanes" : "   ▾ all " + all.size() + " lanes")
                    : "");
            rows.add(new Row(null, heading, e.getKey(), y, GROUP_HEIGHT, colour));
            y += GROUP_HEIGHT;
            for (Lane l : shown) {
                double h = l.preferredHeight();
                rows.add(new Row(l, null, e.getKey(), y, h, colour));
                y += h;
            }
        }
        contentHeight = y;
        requestLayout();
        draw();
    }

    private boolean isCollapsed(String source, int laneCount) {
        if (expanded.contains(source)) {
            return false;
        }
        return collapsed.contains(source) || laneCount > AUTO_COLLAPSE;
    }

    /**
     * Sources that start as their heading alone, each with the note the heading shows instead of lanes (e.g. that they
     * repeat another source); a click on the heading shows all its lanes, another folds it back to the heading.
     */
    public void setHeadingOnly(java.util.Map<String, String> notes) {
        headingOnly.clear();
        headingOnly.putAll(notes);
        relayoutRows();
    }

    private boolean isHeadingOnly(String source) {
        return headingOnly.containsKey(source) && !expanded.contains(source);
    }

    /**
     * Toggles a source between its overview lanes and all its lanes; a heading-only source between its heading and all
     * its lanes.
     */
    public void toggleCollapsed(String sourceTitle) {
        if (headingOnly.containsKey(sourceTitle)) {
            if (!expanded.remove(sourceTitle)) {
                expanded.add(sourceTitle);
            }
            relayoutRows();
            return;
        }
        int n = 0;
        for (Lane l : lanes) {
            if (l.sourceTitle().equals(sourceTitle) && l.isTimed()) {
                n++;
            }
        }
        if (isCollapsed(sourceTitle, n)) {
            collapsed.remove(sourceTitle);
            expanded.add(sourceTitle);
        } else {
            expanded.remove(sourceTitle);
            collapsed.add(sourceTitle);
        }
        relayoutRows();
    }

    /**
     * The lanes a collapsed source keeps: up to three counters (the shape of the incident at a glance), then the event
     * lanes that carry the story ({@link StoryLanes}: recognised events such as accept errors, kills and unit changes,
     * GC pauses), then the busiest {@link #OTHER_EVENT_LANES} other event lanes. Story lanes come first, each kind in
     * its original order, so a rare event that matters is neither crowded out by the busiest log or thread nor pushed
     * below the first screen by them.
     */
    static List<Lane> overviewLanes(List<Lane> all) {
        List<Lane> counters = new ArrayList<>();
        List<Lane> events = new ArrayList<>();
        for (Lane l : all) {
            (l.track() instanceof CounterTrack ? counters : events).add(l);
        }
        counters.sort(java.util.Comparator.comparingInt(StoryLanes::rank));
        events.sort(java.util.Comparator.comparingInt(StoryLanes::rank).thenComparing(l -> -l.track().size()));
        java.util.Set<Lane> keep = new java.util.HashSet<>(counters.subList(0, Math.min(3, counters.size())));
        int others = 0;
        for (Lane l : events) {
            boolean story = StoryLanes.rank(l) == StoryLanes.STORY;
            if (keep.size() >= COLLAPSED_LANES || !story && others++ >= OTHER_EVENT_LANES) {
                break;
            }
            keep.add(l);
        }
        List<Lane> out = new ArrayList<>();
        for (Lane l : all) {
            if (keep.contains(l)) {
                out.add(l);
            }
        }
        out.sort(java.util.Comparator.comparingInt(StoryLanes::rank));
        return out;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double barW = vbar.prefWidth(-1);
        double visible = h - AXIS_HEIGHT;
        boolean needBar = contentHeight > visible;
        vbar.setVisible(needBar);
        vbar.setManaged(needBar);
        if (needBar) {
            vbar.resizeRelocate(w - barW, AXIS_HEIGHT, barW, visible);
            vbar.setMin(0);
            vbar.setMax(contentHeight - visible);
            vbar.setVisibleAmount(visible);
        } else {
            vbar.setValue(0);
        }
        canvas.setWidth(needBar ? w - barW : w);
        canvas.setHeight(h);
        draw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 500;
    }

    /** Redraws everything; cheap enough to call on every change. */
    public void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0 || batching || viewEnd.get() <= viewStart.get()) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double scroll = vbar.isVisible() ? vbar.getValue() : 0;
        long step = TimeAxis.step((viewEnd.get() - viewStart.get()) / plotWidth(), 110);
        drawGrid(g, h, step);
        drawHighlight(g, h);
        drawRange(g, h);
        g.save();
        g.beginPath();
        g.rect(0, AXIS_HEIGHT, w, h - AXIS_HEIGHT);
        g.clip();
        for (Row r : rows) {
            double y = AXIS_HEIGHT + r.y() - scroll;
            if (y + r.h() < AXIS_HEIGHT || y > h) {
                continue;
            }
            if (r.lane() == null) {
                drawHeading(g, r, y, w);
            } else {
                drawLane(g, r, y, w);
            }
        }
        FlowLinks.draw(g, this, selection.get(), selectedRelated);
        g.restore();
        drawAxis(g, w, step);
        if (rows.isEmpty()) {
            g.setFill(Color.web("#6b7280"));
            g.setFont(Font.font("System", 15));
            g.fillText("Drop captures, profiles, dumps, strace logs or journal exports here, or use File \u203a Open.",
                    HEADER_WIDTH + 24, AXIS_HEIGHT + 40);
        }
    }

    private void drawGrid(GraphicsContext g, double h, long step) {
        long first = Math.floorDiv(viewStart.get() - zeroTime.get(), step) * step + zeroTime.get();
        g.setStroke(Color.web("#eceef1"));
        g.setLineWidth(1);
        for (long t = first, n = 0; t <= viewEnd.get() && n < 2000; t += step, n++) {
            double x = Math.floor(xOf(t)) + 0.5;
            if (x >= HEADER_WIDTH) {
                g.strokeLine(x, AXIS_HEIGHT, x, h);
            }
        }
    }

    private void drawHighlight(GraphicsContext g, double h) {
        long[] hl = highlight.get();
        if (hl == null || hl.length < 2) {
            return;
        }
        double x0 = Math.max(HEADER_WIDTH, xOf(hl[0]));
        double x1 = Math.min(canvas.getWidth(), Math.max(x0 + 2, xOf(hl[1])));
        g.setFill(Color.web("#fde68a", 0.45));
        g.fillRect(x0, AXIS_HEIGHT, x1 - x0, h - AXIS_HEIGHT);
    }

    private void drawRange(GraphicsContext g, double h) {
        long[] r = range.get();
        if (r == null) {
            return;
        }
        double x0 = Math.max(HEADER_WIDTH, xOf(r[0]));
        double x1 = Math.min(canvas.getWidth(), Math.max(x0 + 1, xOf(r[1])));
        g.setFill(Color.web("#60a5fa", 0.18));
        g.fillRect(x0, AXIS_HEIGHT, x1 - x0, h - AXIS_HEIGHT);
        g.setStroke(Color.web("#2563eb"));
        g.strokeLine(Math.floor(x0) + 0.5, AXIS_HEIGHT, Math.floor(x0) + 0.5, h);
        g.strokeLine(Math.floor(x1) + 0.5, AXIS_HEIGHT, Math.floor(x1) + 0.5, h);
    }

    private void drawAxis(GraphicsContext g, double w, long step) {
        g.setFill(Color.web("#f8f9fb"));
        g.fillRect(0, 0, w, AXIS_HEIGHT);
        overview.update(lanes, lanesVersion, (int) plotWidth());
        overview.draw(g, HEADER_WIDTH, plotWidth(), viewStart.get(), viewEnd.get());
        double ov = Overview.HEIGHT;
        g.setStroke(Color.web("#d0d4da"));
        g.strokeLine(0, AXIS_HEIGHT - 0.5, w, AXIS_HEIGHT - 0.5);
        g.setFont(SMALL);
        g.setFill(Color.web("#6b7280"));
        g.fillText("whole case \u25b8 click or drag to move", 8, 17);
        g.setFill(Color.web("#374151"));
        g.fillText(TimeAxis.utcDate(viewStart.get()), 8, ov + 16);
        g.setFill(Color.web("#6b7280"));
        g.fillText("zero " + TimeAxis.utcSeconds(zeroTime.get()) + " UTC", 8, ov + 32);
        long first = Math.floorDiv(viewStart.get() - zeroTime.get(), step) * step + zeroTime.get();
        for (long t = first, n = 0; t <= viewEnd.get() && n < 2000; t += step, n++) {
            double x = xOf(t);
            if (x < HEADER_WIDTH + 2 || x > w - 40) {
                continue;
            }
            g.setStroke(Color.web("#9ca3af"));
            g.strokeLine(Math.floor(x) + 0.5, AXIS_HEIGHT - 6, Math.floor(x) + 0.5, AXIS_HEIGHT);
            g.setFill(Color.web("#111827"));
            g.fillText(TimeAxis.relative(t - zeroTime.get(), step), x + 3, ov + 16);
            g.setFill(Color.web("#6b7280"));
            g.fillText(TimeAxis.utcSeconds(t), x + 3, ov + 31);
        }
        g.setStroke(Color.web("#d0d4da"));
        g.strokeLine(HEADER_WIDTH - 0.5, 0, HEADER_WIDTH - 0.5, canvas.getHeight());
    }

    private void drawHeading(GraphicsContext g, Row r, double y, double w) {
        g.setFill(Color.web("#eef1f5"));
        g.fillRect(0, y, w, r.h());
        g.setFill(PALETTE[r.colour() % PALETTE.length]);
        g.fillRect(0, y, 4, r.h());
        g.setFill(Color.web("#111827"));
        g.setFont(GROUP);
        g.fillText(clip(r.heading(), w - 16, 7.2), 10, y + 15);
    }

    private void drawLane(GraphicsContext g, Row r, double y, double w) {
        Lane l = r.lane();
        g.setStroke(Color.web("#f0f1f3"));
        g.strokeLine(0, y + r.h() - 0.5, w, y + r.h() - 0.5);
        g.setFill(Color.web("#374151"));
        g.setFont(LABEL);
        g.fillText(clip(l.title(), HEADER_WIDTH - 24, 6.6), 14, y + Math.min(r.h(), 20) - 6);
        Color c = PALETTE[r.colour() % PALETTE.length];
        g.save();
        g.beginPath();
        g.rect(HEADER_WIDTH, y, plotWidth(), r.h());
        g.clip();
        Track t = l.track();
        if (t instanceof InstantTrack it) {
            drawInstants(g, l, it, y, r.h(), c);
        } else if (t instanceof SpanTrack st) {
            drawSpans(g, l, st, y, c);
        } else if (t instanceof CounterTrack ct) {
            drawCounter(g, l, ct, y, r.h(), c);
        } else if (t instanceof SampleTrack sm) {
            drawSamples(g, l, sm, y, r.h(), c);
        }
        g.restore();
    }

    private void drawInstants(GraphicsContext g, Lane l, InstantTrack it, double y, double h, Color c) {
        long rawStart = l.clock().toRaw(viewStart.get());
        long rawEnd = l.clock().toRaw(viewEnd.get());
        double nsPerPx = (viewEnd.get() - viewStart.get()) / plotWidth();
        g.setFill(c);
        int i = it.indexAtOrAfter(rawStart);
        while (i < it.size() && it.time(i) <= rawEnd) {
            double x = xOf(l.clock().toCase(it.time(i)));
            g.fillRect(Math.floor(x), y + 3, 2, h - 7);
            // Skip everything else that lands in this pixel column.
            i = it.indexAtOrAfter(it.time(i) + (long) Math.max(1, nsPerPx), i + 1);
        }
        drawSelected(g, l, y, h);
    }

    private void drawSpans(GraphicsContext g, Lane l, SpanTrack st, double y, Color c) {
        long rawStart = l.clock().toRaw(viewStart.get());
        long rawEnd = l.clock().toRaw(viewEnd.get());
        if (st.indexStartingAtOrAfter(rawEnd) - st.indexStartingAtOrAfter(rawStart) > 4 * plotWidth()) {
            drawDenseSpans(g, l, st, y, c);
            return;
        }
        double[] lastPixel = new double[5];
        java.util.Arrays.fill(lastPixel, -1);
        g.setFont(TINY);
        for (int i = l.firstSpanEndingAtOrAfter(rawStart); i < st.size() && st.start(i) <= rawEnd; i++) {
            int depth = Math.min(st.depth(i), 3);
            double x0 = xOf(l.clock().toCase(st.start(i)));
            double x1 = xOf(l.clock().toCase(st.end(i)));
            if (x1 < HEADER_WIDTH) {
                continue;
            }
            double px = Math.floor(x0);
            if (x1 - x0 < 1 && px == lastPixel[depth]) {
                continue;
            }
            lastPixel[depth] = px;
            double by = y + 4 + depth * 12;
            Color fill = shade(c, st.label(i));
            g.setFill(fill);
            double bw = Math.max(1, x1 - x0);
            g.fillRect(x0, by, bw, 10);
            if (bw > 90) {
                g.setFill(Color.WHITE);
                double lx = Math.max(x0, HEADER_WIDTH) + 3;
                g.fillText(clip(l.source().label(st.label(i)), Math.min(x1, canvas.getWidth()) - lx - 4, 5.6), lx, by + 8.5);
            }
        }
        drawSelected(g, l, y, l.preferredHeight());
    }

    /**
     * More spans than pixels: per pixel column, whether any span starts in it or reaches into it from the left, found
     * by two binary searches (one on the running maximum of span ends), so a frame costs the same at any density.
     */
    private void drawDenseSpans(GraphicsContext g, Lane l, SpanTrack st, double y, Color c) {
        double pw = plotWidth();
        double h = 10 + 12 * Math.min(st.maxDepth(), 3);
        g.setFill(c);
        long t0 = l.clock().toRaw(timeAt(HEADER_WIDTH));
        int startsBefore = st.indexStartingAtOrAfter(t0);
        for (int px = 0; px < pw; px++) {
            long t1 = l.clock().toRaw(timeAt(HEADER_WIDTH + px + 1));
            int startsBeforeNext = st.indexStartingAtOrAfter(t1);
            boolean starts = startsBeforeNext > startsBefore;
            boolean reaches = !starts && l.firstSpanEndingAtOrAfter(t0) < startsBefore;
            if (starts || reaches) {
                g.fillRect(HEADER_WIDTH + px, y + 4, 1, h);
            }
            t0 = t1;
            startsBefore = startsBeforeNext;
        }
        drawSelected(g, l, y, l.preferredHeight());
    }

    private void drawCounter(GraphicsContext g, Lane l, CounterTrack ct, double y, double h, Color c) {
        if (ct.size() == 0) {
            return;
        }
        double lo = l.counterMin();
        double hi = l.counterMax();
        double top = y + 4;
        double bottom = y + h - 4;
        double pw = plotWidth();
        g.setFill(c.deriveColor(0, 1, 1, 0.25));
        g.setStroke(c);
        g.setLineWidth(1.2);
        double prevY = Double.NaN;
        int first = Math.max(0, ct.indexAtOrAfter(l.clock().toRaw(viewStart.get())) - 1);
        // Each pixel's search at its right edge is the next pixel's at its left: one binary search per pixel.
        int atT0 = ct.indexAtOrAfter(l.clock().toRaw(timeAt(HEADER_WIDTH)));
        for (int px = 0; px < pw; px++) {
            long t1 = l.clock().toRaw(timeAt(HEADER_WIDTH + px + 1));
            int a = Math.max(first, atT0 - 1);
            int b = ct.indexAtOrAfter(t1, Math.max(0, atT0));
            int past = b;
            while (past < ct.size() && ct.time(past) <= t1) {
                past++;
            }
            atT0 = b;
            if (a >= ct.size() || ct.time(Math.min(a, ct.size() - 1)) > t1) {
                prevY = Double.NaN;
                continue;
            }
            double[] mm = l.counterBlocks().minMax(a, Math.min(ct.size(), past));
            double vmin = mm[0];
            double vmax = mm[1];
            if (vmin > vmax) {
                continue;
            }
            double ymax = bottom - (vmax - lo) / (hi - lo) * (bottom - top);
            double ymin = bottom - (vmin - lo) / (hi - lo) * (bottom - top);
            double x = HEADER_WIDTH + px;
            g.fillRect(x, ymax, 1, bottom - ymax);
            if (!Double.isNaN(prevY)) {
                g.strokeLine(x - 1, prevY, x, ymax);
            }
            g.strokeLine(x + 0.5, ymax, x + 0.5, ymin);
            prevY = ymin;
        }
        g.setFill(Color.web("#6b7280"));
        g.setFont(SMALL);
        g.fillText(compact(hi) + (ct.unit().isEmpty() ? "" : " " + ct.unit()), HEADER_WIDTH + 4, y + 13);
        if (ct.size() <= SPARSE_POINTS) {
            drawPointValues(g, l, ct, top, bottom, c);
        }
    }

    /** A counter of a few points (one per goroutine dump, say) is read by its values, so each point is written. */
    static final int SPARSE_POINTS = 12;

    private void drawPointValues(GraphicsContext g, Lane l, CounterTrack ct, double top, double bottom, Color c) {
        double lo = l.counterMin();
        double hi = l.counterMax();
        double lastX = Double.NEGATIVE_INFINITY;
        g.setFill(c.darker());
        g.setFont(GROUP);
        for (int i = 0; i < ct.size(); i++) {
            double x = xOf(l.clock().toCase(ct.time(i)));
            if (x < HEADER_WIDTH || x > HEADER_WIDTH + plotWidth() || x - lastX < 36) {
                continue;
            }
            double py = bottom - (ct.value(i) - lo) / (hi - lo) * (bottom - top);
            g.fillText(compact(ct.value(i)), x + 3, Math.max(top + 11, py - 3));
            lastX = x;
        }
    }

    private void drawSamples(GraphicsContext g, Lane l, SampleTrack sm, double y, double h, Color c) {
        double pw = plotWidth();
        int[] counts = new int[(int) pw + 1];
        int max = 0;
        long s = viewStart.get();
        long e = viewEnd.get();
        for (int i = 0; i < sm.size(); i++) {
            if (sm.time(i) == SampleTrack.UNTIMED) {
                continue;
            }
            long t = l.clock().toCase(sm.time(i));
            if (t < s || t > e) {
                continue;
            }
            int px = (int) ((t - s) * pw / (e - s));
            max = Math.max(max, ++counts[Math.min(px, counts.length - 1)]);
        }
        g.setFill(c);
        for (int px = 0; px < counts.length; px++) {
            if (counts[px] > 0) {
                double bh = Math.max(2, (h - 6) * counts[px] / (double) max);
                g.fillRect(HEADER_WIDTH + px, y + h - 3 - bh, 1, bh);
            }
        }
    }

    private void drawSelected(GraphicsContext g, Lane l, double y, double h) {
        EventPick p = selection.get();
        if (p == null || p.lane() != l) {
            return;
        }
        double x0 = xOf(p.start());
        double x1 = Math.max(x0 + 2, xOf(p.end()));
        g.setStroke(Color.web("#111827"));
        g.setLineWidth(2);
        g.strokeRect(x0 - 2, y + 1, x1 - x0 + 4, h - 3);
        g.setLineWidth(1);
    }

    private static Color shade(Color base, int label) {
        double k = ((label * 2654435761L) >>> 28 & 7) / 7.0;
        return base.deriveColor(0, 0.85 + 0.15 * k, 0.78 + 0.22 * k, 1);
    }

    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format("%.1fG", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format("%.1fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format("%.1fk", v / 1e3);
        }
        if (a == Math.rint(a)) {
            return Long.toString((long) v);
        }
        return String.format("%.2f", v);
    }

    /** Cuts text to roughly fit {@code width} pixels at about {@code charWidth} pixels a character. */
    static String clip(String s, double width, double charWidth) {
        int max = (int) (width / charWidth);
        if (max <= 1) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    /** The y pixel of the middle of a lane's first row, or NaN when the lane is not laid out. */
    public double laneY(Lane lane) {
        double scroll = vbar.isVisible() ? vbar.getValue() : 0;
        for (Row r : rows) {
            if (r.lane() == lane) {
                return AXIS_HEIGHT + r.y() - scroll + Math.min(r.h(), 20) / 2;
            }
        }
        return Double.NaN;
    }

    private Row rowAt(double y) {
        double scroll = vbar.isVisible() ? vbar.getValue() : 0;
        double cy = y - AXIS_HEIGHT + scroll;
        for (Row r : rows) {
            if (cy >= r.y() && cy < r.y() + r.h()) {
                return r;
            }
        }
        return null;
    }

    /** The event nearest to a point, within a few pixels, or null. */
    public EventPick pick(double x, double y) {
        Row r = rowAt(y);
        if (r == null || r.lane() == null || x < HEADER_WIDTH) {
            return null;
        }
        Lane l = r.lane();
        long slack = (long) (4 * (viewEnd.get() - viewStart.get()) / plotWidth());
        long raw = l.clock().toRaw(timeAt(x));
        Track t = l.track();
        if (t instanceof InstantTrack it) {
            int i = it.indexAtOrAfter(raw - slack);
            if (i < it.size() && it.time(i) <= raw + slack) {
                long ct = l.clock().toCase(it.time(i));
                return new EventPick(l, i, ct, ct);
            }
        } else if (t instanceof SpanTrack st) {
            double scroll = vbar.isVisible() ? vbar.getValue() : 0;
            int depth = (int) Math.max(0, (y - AXIS_HEIGHT + scroll - r.y() - 4) / 12);
            int best = -1;
            for (int i = l.firstSpanEndingAtOrAfter(raw - slack); i < st.size() && st.start(i) <= raw + slack; i++) {
                if (st.end(i) >= raw - slack && Math.min(st.depth(i), 3) == depth) {
                    best = i;
                }
            }
            if (best >= 0) {
                return new EventPick(l, best, l.clock().toCase(st.start(best)), l.clock().toCase(st.end(best)));
            }
        } else if (t instanceof CounterTrack ct && ct.size() > 0) {
            int i = Math.min(ct.size() - 1, Math.max(0, ct.indexAtOrAfter(raw)));
            if (i > 0 && Math.abs(ct.time(i - 1) - raw) < Math.abs(ct.time(i) - raw)) {
                i--;
            }
            long tc = l.clock().toCase(ct.time(i));
            return new EventPick(l, i, tc, tc);
        }
        return null;
    }

    private void onScroll(ScrollEvent e) {
        history.leaving(viewStart.get(), viewEnd.get(), System.nanoTime());
        if (e.isShiftDown() || Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) {
            pan(-(e.isShiftDown() ? e.getDeltaY() : e.getDeltaX()) / plotWidth());
        } else if (e.getDeltaY() != 0) {
            zoom(Math.pow(1.2, -e.getDeltaY() / 40.0), e.getX());
        }
        e.consume();
    }

    private void onPress(MouseEvent e) {
        requestFocus();
        tip.hide();
        dragX = e.getX();
        dragStart = viewStart.get();
        dragEnd = viewEnd.get();
        dragged = false;
        Row under = e.getY() > AXIS_HEIGHT ? rowAt(e.getY()) : null;
        if (e.isSecondaryButtonDown() && under != null && under.lane() == null) {
            drag = Drag.NONE;
            showHeadingMenu(under, e.getScreenX(), e.getScreenY());
        } else if (e.isAltDown() && under != null && under.lane() != null && e.getX() >= HEADER_WIDTH) {
            drag = Drag.SHIFT_LANE;
            shiftLane = under.lane();
            rangeAnchor = timeAt(e.getX());
        } else if (e.getY() < Overview.HEIGHT && e.getX() >= HEADER_WIDTH) {
            drag = Drag.OVERVIEW;
            history.leaving(dragStart, dragEnd, System.nanoTime());
            centreOn(overview.timeAt(e.getX() - HEADER_WIDTH));
        } else if (e.isShiftDown() && e.getX() >= HEADER_WIDTH) {
            drag = Drag.RANGE;
            rangeAnchor = timeAt(e.getX());
        } else {
            drag = Drag.PAN;
        }
    }

    private void centreOn(long t) {
        long half = (viewEnd.get() - viewStart.get()) / 2;
        setView(t - half, t + half);
    }

    private void onDrag(MouseEvent e) {
        if (Double.isNaN(dragX)) {
            return;
        }
        double dx = e.getX() - dragX;
        if (Math.abs(dx) > 3) {
            if (!dragged && drag == Drag.PAN) {
                history.leaving(dragStart, dragEnd, System.nanoTime());
            }
            dragged = true;
        }
        if (drag == Drag.OVERVIEW) {
            centreOn(overview.timeAt(e.getX() - HEADER_WIDTH));
        } else if (drag == Drag.SHIFT_LANE) {
            range.set(new long[] {Math.min(rangeAnchor, timeAt(e.getX())), Math.max(rangeAnchor, timeAt(e.getX()))});
        } else if (drag == Drag.RANGE) {
            long t = timeAt(Math.max(HEADER_WIDTH, e.getX()));
            range.set(new long[] {Math.min(rangeAnchor, t), Math.max(rangeAnchor, t)});
        } else {
            long dt = (long) (dx * (dragEnd - dragStart) / plotWidth());
            setView(dragStart - dt, dragEnd - dt);
        }
    }

    private void onRelease(MouseEvent e) {
        if (!dragged && drag == Drag.PAN) {
            Row r = e.getY() > AXIS_HEIGHT ? rowAt(e.getY()) : null;
            if (r != null && r.lane() == null) {
                toggleCollapsed(r.source());
            } else if (e.getY() > AXIS_HEIGHT) {
                selection.set(pick(e.getX(), e.getY()));
            }
        }
        if (drag == Drag.SHIFT_LANE && dragged) {
            range.set(null);
            onClockShift.shift(shiftLane, timeAt(e.getX()) - rangeAnchor);
        }
        dragX = Double.NaN;
        drag = Drag.NONE;
    }

    /** Hover: what is under the pointer, in a tooltip. */
    private void onMove(MouseEvent e) {
        EventPick p = e.getY() > AXIS_HEIGHT ? pick(e.getX(), e.getY()) : null;
        if (p == null) {
            tip.hide();
            return;
        }
        tip.setText(describe(p));
        tip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
    }

    /** One or two lines naming an event: its lane, label and time. */
    static String describe(EventPick p) {
        Lane l = p.lane();
        String text = io.incident.model.ModelText.event(l.source(), l.track(), p.index());
        int cut = text.indexOf(' ');
        text = cut > 0 ? text.substring(cut + 1) : text;
        String when = TimeAxis.utcSeconds(p.start()) + " UTC" + (p.end() > p.start()
                ? ", " + TimeAxis.duration(p.end() - p.start()) : "");
        return l.sourceTitle() + " \u203a " + l.title() + "\n" + clip(text, 600, 6) + "\n" + when;
    }

    private void onKey(KeyEvent e) {
        KeyCode k = e.getCode();
        double mid = HEADER_WIDTH + plotWidth() / 2;
        if (e.isAltDown() && k == KeyCode.LEFT || k == KeyCode.BACK_SPACE) {
            back();
        } else if (e.isAltDown() && k == KeyCode.RIGHT) {
            forward();
        } else if (k == KeyCode.Z) {
            zoomToSelection();
        } else if (k == KeyCode.ESCAPE) {
            range.set(null);
        } else if (k == KeyCode.W || k == KeyCode.PLUS || k == KeyCode.EQUALS || k == KeyCode.ADD) {
            remember();
            zoom(0.7, mid);
        } else if (k == KeyCode.S || k == KeyCode.MINUS || k == KeyCode.SUBTRACT) {
            remember();
            zoom(1 / 0.7, mid);
        } else if (k == KeyCode.A || k == KeyCode.LEFT) {
            remember();
            pan(-0.2);
        } else if (k == KeyCode.D || k == KeyCode.RIGHT) {
            remember();
            pan(0.2);
        } else if (k == KeyCode.DIGIT0 || k == KeyCode.HOME) {
            fit();
        } else {
            return;
        }
        e.consume();
    }

    private void remember() {
        history.leaving(viewStart.get(), viewEnd.get(), System.nanoTime());
    }

    /** The time range selected across the lanes (shift-drag), case times {start, end}; null for none. */
    public ObjectProperty<long[]> rangeSelectionProperty() {
        return range;
    }

    /** Per-lane counts, summed durations and counter min/avg/max of the selected range; empty without one. */
    public List<AreaStats> rangeStats() {
        long[] r = range.get();
        return r == null ? List.of() : AreaStats.of(lanes, r[0], r[1]);
    }

    /** Shows exactly the selected range (a step in the zoom history). */
    public void zoomToSelection() {
        long[] r = range.get();
        if (r != null && r[1] > r[0]) {
            history.mark(viewStart.get(), viewEnd.get());
            setView(r[0], r[1]);
        }
    }

    /** Back to the view before the last zoom or pan; false when there is none. */
    public boolean back() {
        long[] v = history.back(viewStart.get(), viewEnd.get());
        if (v != null) {
            setView(v[0], v[1]);
        }
        return v != null;
    }

    public boolean forward() {
        long[] v = history.forward(viewStart.get(), viewEnd.get());
        if (v != null) {
            setView(v[0], v[1]);
        }
        return v != null;
    }
}
