package io.incident.views.connections;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Every shown connection at once, squeezed: row i of the table is a thin line at height i / n, on the lanes' time axis
 * (same x for the same time), so the shape of the whole capture (a block of idle clients, a burst, a cluster of resets)
 * shows before any scrolling. The rows the table shows are outlined; a click scrolls the table there.
 */
final class Overview extends Region {
    private static final double HEIGHT = 140;
    private final TableView<ConnectionLifecycle> table;
    private final LaneCanvas lanes;
    private final Canvas canvas = new Canvas();
    /** The rows the table shows, outlined on a canvas of its own so scrolling does not redraw every connection. */
    private final Canvas viewport = new Canvas();
    private String drawn = "";
    private String outlined = "";

    Overview(TableView<ConnectionLifecycle> table, LaneCanvas lanes) {
        this.table = table;
        this.lanes = lanes;
        getChildren().addAll(canvas, viewport);
        viewport.setMouseTransparent(true);
        setPrefSize(300, HEIGHT);
        setMinWidth(0);
        setMinHeight(HEIGHT);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            int n = table.getItems().size();
            if (n > 0) {
                int row = (int) Math.min(n - 1, Math.max(0, e.getY() / getHeight() * n));
                table.scrollTo(Math.max(0, row - 5));
            }
        });
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        viewport.setWidth(getWidth());
        viewport.setHeight(getHeight());
    }

    /** Draws when what it shows changed; returns whether it drew. */
    boolean redrawIfChanged(int firstRow, int lastRow) {
        double left = canvas.sceneToLocal(lanes.localToScene(0, 0)).getX();
        String sig = getWidth() + "x" + getHeight() + " " + left + " " + lanes.viewStart() + "-" + lanes.viewEnd()
                + " " + table.getItems().size() + " " + System.identityHashCode(table.getComparator()) + " "
                + (table.getItems().isEmpty() ? 0 : System.identityHashCode(table.getItems().get(0)));
        if (getWidth() <= 0) {
            return false;
        }
        boolean changed = false;
        if (!sig.equals(drawn)) {
            drawn = sig;
            draw(left);
            changed = true;
        }
        String rows = sig + " " + firstRow + "-" + lastRow;
        if (!rows.equals(outlined)) {
            outlined = rows;
            outline(left, firstRow, lastRow);
            changed = true;
        }
        return changed;
    }

    private void outline(double left, int firstRow, int lastRow) {
        GraphicsContext g = viewport.getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        int n = table.getItems().size();
        if (firstRow < 0 || n == 0) {
            return;
        }
        double rowH = getHeight() / n;
        g.setStroke(Color.web("#1565c0"));
        g.setLineWidth(1.5);
        double y0 = firstRow * rowH;
        double y1 = Math.max(y0 + 3, (lastRow + 1) * rowH);
        g.strokeRect(left + 1, y0 + 0.75, getWidth() - left - 2, y1 - y0 - 1.5);
    }

    private void draw(double left) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        List<ConnectionLifecycle> items = table.getItems();
        int n = items.size();
        g.setFill(Palette.AXIS_TEXT);
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.fillText("All " + n + " shown connections, in table order \u2192", 8, 6);
        g.fillText("Click to scroll there.", 8, 22);
        if (n == 0) {
            return;
        }
        double nanosPerPixel = (lanes.viewEnd() - lanes.viewStart()) / Math.max(1.0, lanes.getWidth());
        double rowH = h / n;
        double lineH = Math.max(1, rowH);
        for (int i = 0; i < n; i++) {
            ConnectionLifecycle c = items.get(i);
            double y = i * rowH;
            for (ConnectionLifecycle.Segment s : c.phases()) {
                double x0 = left + (s.start() - lanes.viewStart()) / nanosPerPixel;
                double x1 = left + (s.end() - lanes.viewStart()) / nanosPerPixel;
                if (x1 < left || x0 > w) {
                    continue;
                }
                x0 = Math.max(left, x0);
                g.setFill(Palette.of(s.phase()));
                g.fillRect(x0, y, Math.max(1, Math.min(w, x1) - x0), lineH);
            }
            if (c.rstTime() >= 0) {
                double x = left + (c.rstTime() - lanes.viewStart()) / nanosPerPixel;
                if (x >= left) {
                    g.setFill(Palette.RST);
                    g.fillRect(x - 1, y, 2.5, Math.max(2, lineH));
                }
            }
        }
        g.setStroke(Palette.GRID);
        g.strokeLine(0, h - 0.5, w, h - 0.5);
    }
}
