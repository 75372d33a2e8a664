package io.incident.views.connections;

import io.incident.views.timeline.TimeAxis;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The lanes beside the table: for every row the table shows, its connection's phases at exactly that row's height,
 * read from the table's own cells after each layout pulse (so scrolling, sorting and filtering stay in step without
 * guessing the table's geometry). Only visible rows are drawn. Wheel scrolls the table, ctrl+wheel zooms the time
 * axis, dragging pans, a double click fits everything, a click selects the row.
 */
final class LaneCanvas extends Region {
    private static final Font AXIS_FONT = Font.font(11);
    private final TableView<ConnectionLifecycle> table;
    private final Canvas canvas = new Canvas();
    private final Runnable pulse = this::refresh;
    private Overview overview;
    private long fitStart;
    private long fitEnd = 1;
    private long viewStart;
    private long viewEnd = 1;
    private String drawn = "";
    private double dragX = Double.NaN;
    private long dragStart;

    LaneCanvas(TableView<ConnectionLifecycle> table) {
        this.table = table;
        getChildren().add(canvas);
        setMinWidth(120);
        setPrefWidth(300);
        sceneProperty().addListener((o, before, now) -> {
            if (before != null) {
                before.removePostLayoutPulseListener(pulse);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(pulse);
            }
        });
        addEventHandler(ScrollEvent.SCROLL, this::scroll);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragStart = viewStart;
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!Double.isNaN(dragX)) {
                long shift = (long) ((dragX - e.getX()) * nanosPerPixel());
                setView(dragStart + shift, dragStart + shift + (viewEnd - viewStart));
            }
        });
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
    }

    void fit(long start, long end) {
        if (start > end) {
            start = 0;
            end = 1;
        }
        long pad = Math.max(1_000_000L, (end - start) / 50);
        fitStart = start - pad;
        fitEnd = end + pad;
        setView(fitStart, fitEnd);
    }

    void setView(long start, long end) {
        viewStart = start;
        viewEnd = Math.max(start + 1000, end);
        requestLayout();
    }

    long viewStart() {
        return viewStart;
    }

    long viewEnd() {
        return viewEnd;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
    }

    private double nanosPerPixel() {
        return (viewEnd - viewStart) / Math.max(1.0, getWidth());
    }

    private double xOf(long t) {
        return (t - viewStart) / nanosPerPixel();
    }

    private VirtualFlow<?> flow() {
        Node n = table.lookup(".virtual-flow");
        return n instanceof VirtualFlow<?> f ? f : null;
    }

    /** Rows the table shows now, each with its top and height in this canvas' coordinates. */
    private double[][] visibleRows(VirtualFlow<?> flow) {
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (first == null || last == null) {
            return new double[0][];
        }
        int from = first.getIndex();
        int to = last.getIndex();
        double[][] rows = new double[Math.max(0, to - from + 1)][];
        for (int i = from; i <= to; i++) {
            IndexedCell<?> cell = flow.getVisibleCell(i);
            if (cell == null) {
                continue;
            }
            Bounds b = canvas.sceneToLocal(cell.localToScene(cell.getLayoutBounds()));
            rows[i - from] = new double[] {i, b.getMinY(), b.getHeight()};
        }
        return rows;
    }

    /** The lanes' area: below the table's column headers, above its horizontal scroll bar. */
    private double[] area(VirtualFlow<?> flow) {
        Bounds f = canvas.sceneToLocal(flow.localToScene(flow.getLayoutBounds()));
        double bottom = f.getMaxY();
        for (Node n : flow.lookupAll(".scroll-bar")) {
            if (n instanceof javafx.scene.control.ScrollBar sb && sb.isVisible()
                    && sb.getOrientation() == javafx.geometry.Orientation.HORIZONTAL) {
                bottom -= sb.getHeight();
            }
        }
        return new double[] {Math.max(0, f.getMinY()), Math.min(getHeight(), bottom)};
    }

    void setOverview(Overview o) {
        overview = o;
    }

    /** Redraws the lanes and the overview when what they show changed; returns whether anything was drawn. */
    boolean refresh() {
        VirtualFlow<?> flow = flow();
        if (flow == null || getWidth() <= 0 || getHeight() <= 0) {
            return false;
        }
        double[][] rows = visibleRows(flow);
        double[] area = area(flow);
        StringBuilder sig = new StringBuilder(96).append(getWidth()).append('x').append(getHeight()).append(' ')
                .append(viewStart).append('-').append(viewEnd).append(' ').append(area[0]).append(' ')
                .append(table.getItems().size()).append(' ').append(table.getSelectionModel().getSelectedIndex())
                .append(' ').append(System.identityHashCode(table.getComparator()));
        if (rows.length > 0 && rows[0] != null) {
            sig.append(' ').append(rows[0][0]).append('@').append(rows[0][1]).append('+').append(rows.length);
            sig.append(' ').append(System.identityHashCode(table.getItems().get((int) rows[0][0])));
        }
        String s = sig.toString();
        boolean changed = !s.equals(drawn);
        if (changed) {
            drawn = s;
            draw(rows, area);
        }
        int first = rows.length > 0 && rows[0] != null ? (int) rows[0][0] : -1;
        int last = rows.length > 0 && rows[rows.length - 1] != null ? (int) rows[rows.length - 1][0] : first;
        return (overview != null && overview.redrawIfChanged(first, last)) | changed;
    }

    private void draw(double[][] rows, double[] area) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = getWidth();
        g.clearRect(0, 0, w, getHeight());
        axis(g, area[0]);
        g.save();
        g.beginPath();
        g.rect(0, area[0], w, area[1] - area[0]);
        g.clip();
        List<ConnectionLifecycle> items = table.getItems();
        int selected = table.getSelectionModel().getSelectedIndex();
        for (double[] r : rows) {
            if (r == null || r[0] >= items.size()) {
                continue;
            }
            int index = (int) r[0];
            if (index == selected) {
                g.setFill(Palette.SELECTED);
                g.fillRect(0, r[1], w, r[2]);
            } else if (index % 2 == 1) {
                g.setFill(Palette.STRIPE);
                g.fillRect(0, r[1], w, r[2]);
            }
            lane(g, items.get(index), r[1], r[2]);
        }
        g.restore();
    }

    private void axis(GraphicsContext g, double top) {
        long step = TimeAxis.step(nanosPerPixel(), 90);
        long first = Math.floorDiv(viewStart, step) * step;
        g.setFont(AXIS_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        int guard = 0;
        for (long t = first; t <= viewEnd && guard++ < 1000; t += step) {
            double x = Math.round(xOf(t)) + 0.5;
            g.setStroke(Palette.GRID);
            g.strokeLine(x, top, x, getHeight());
            g.setFill(Palette.AXIS_TEXT);
            String label = step >= 1_000_000_000L ? TimeAxis.utcSeconds(t)
                    : TimeAxis.utcSeconds(t) + TimeAxis.relative(Math.floorMod(t, 1_000_000_000L), step).substring(1);
            g.fillText(label, x, Math.max(8, top / 2));
        }
    }

    private void lane(GraphicsContext g, ConnectionLifecycle c, double y, double h) {
        double bar = Math.max(4, h * 0.56);
        double top = y + (h - bar) / 2;
        double w = getWidth();
        for (ConnectionLifecycle.Segment s : c.phases()) {
            double x0 = xOf(s.start());
            double x1 = xOf(s.end());
            if (x1 < 0 || x0 > w) {
                continue;
            }
            g.setFill(Palette.of(s.phase()));
            g.fillRect(Math.max(-1, x0), top, Math.max(1.5, Math.min(w + 1, x1) - Math.max(-1, x0)), bar);
        }
        if (c.phases().isEmpty()) {
            g.setFill(Palette.of(Phase.ACTIVE));
            g.fillRect(xOf(c.start()), top, Math.max(1.5, xOf(c.end()) - xOf(c.start())), bar);
        }
        g.setStroke(Palette.RETRANSMISSION);
        g.setLineWidth(2);
        for (long t : c.retransmissions()) {
            double x = xOf(t);
            g.strokeLine(x, top + bar, x, y + h - 1);
        }
        if (c.rstTime() >= 0) {
            double x = xOf(c.rstTime());
            g.setStroke(Palette.RST);
            g.setLineWidth(3);
            g.strokeLine(x, y + 2, x, y + h - 2);
        }
        g.setLineWidth(1);
    }

    private void scroll(ScrollEvent e) {
        if (e.isControlDown() || Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) {
            double factor = Math.pow(1.0015, -(e.isControlDown() ? e.getDeltaY() : 0));
            long at = viewStart + (long) (e.getX() * nanosPerPixel());
            long shift = e.isControlDown() ? 0 : (long) (-e.getDeltaX() * nanosPerPixel());
            setView(at - (long) ((at - viewStart) * factor) + shift, at + (long) ((viewEnd - at) * factor) + shift);
        } else {
            VirtualFlow<?> flow = flow();
            if (flow != null) {
                flow.scrollPixels(-e.getDeltaY());
            }
        }
        e.consume();
    }

    private void click(MouseEvent e) {
        boolean moved = !Double.isNaN(dragX) && Math.abs(e.getX() - dragX) > 3;
        dragX = Double.NaN;
        if (moved || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (e.getClickCount() == 2) {
            setView(fitStart, fitEnd);
            return;
        }
        VirtualFlow<?> flow = flow();
        if (flow == null) {
            return;
        }
        for (double[] r : visibleRows(flow)) {
            if (r != null && e.getY() >= r[1] && e.getY() < r[1] + r[2] && r[0] < table.getItems().size()) {
                table.getSelectionModel().clearAndSelect((int) r[0]);
                return;
            }
        }
    }
}
