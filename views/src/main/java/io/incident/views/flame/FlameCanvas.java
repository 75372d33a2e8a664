package io.incident.views.flame;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.function.IntUnaryOperator;

/**
 * Draws one {@link FlameLayout} on a canvas, flame (root at the bottom) or icicle (root at the top), and reports the
 * node under the mouse. Only the layout's rectangles are drawn, so sub-pixel frames never reach the canvas. Rows that
 * do not fit scroll with the mouse wheel.
 */
final class FlameCanvas extends Region {
    static final double ROW = 18;
    private static final double MIN_WIDTH = 1.0;
    private static final double LABEL_MIN = 28;
    private static final Font FONT = Font.font(12);
    private static final double CHAR_WIDTH = averageCharWidth();
    private static final Color OUTSIDE_ZOOM_TINT = Color.rgb(255, 255, 255, 0.45);

    /** What to do with a click on a node. */
    interface NodeAction {
        void on(int node, MouseEvent event);
    }

    private final Canvas canvas = new Canvas();
    private FlameTree tree;
    private int zoom;
    private boolean icicle;
    private IntUnaryOperator colours = n -> 0xCCCCCC;
    private FlameSearch search;
    private FlameLayout layout;
    private int hovered = -1;
    private int scrollRows;
    private NodeAction onClick = (n, e) -> { };
    private NodeAction onHover = (n, e) -> { };

    FlameCanvas() {
        getChildren().add(canvas);
        getStyleClass().add("flame-canvas");
        setMinSize(100, ROW * 3);
        canvas.setOnMouseMoved(e -> hoverAt(e));
        canvas.setOnMouseExited(e -> {
            hovered = -1;
            onHover.on(-1, e);
            draw();
        });
        canvas.setOnMouseClicked(e -> {
            int i = rectAt(e.getX(), e.getY());
            if (i >= 0) {
                onClick.on(layout.owner(i), e);
            }
        });
        canvas.setOnScroll(this::scroll);
    }

    void setOnNodeClicked(NodeAction action) {
        onClick = action;
    }

    void setOnNodeHovered(NodeAction action) {
        onHover = action;
    }

    /** Shows {@code shown} zoomed on {@code zoomNode}; {@code matches} may be null. */
    void show(FlameTree shown, int zoomNode, boolean rootAtTop, IntUnaryOperator fill, FlameSearch matches) {
        this.tree = shown;
        this.zoom = shown != null && zoomNode < shown.size() ? zoomNode : FlameTree.ROOT;
        this.icicle = rootAtTop;
        this.colours = fill;
        this.search = matches != null && matches.tree() == shown ? matches : null;
        this.hovered = -1;
        this.scrollRows = 0;
        relayout();
    }

    FlameLayout flameLayout() {
        return layout;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            relayout();
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return tree == null ? ROW * 10 : (tree.maxDepth() + 1) * ROW + 2;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    private void relayout() {
        double w = canvas.getWidth();
        layout = tree == null || w <= 0 ? null : FlameLayout.compute(tree, zoom, w, MIN_WIDTH);
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (layout == null) {
            return;
        }
        g.setFont(FONT);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        int zoomDepth = tree.depth(zoom);
        for (int i = 0; i < layout.count(); i++) {
            double y = rowY(layout.depth(i));
            if (y < -ROW || y > canvas.getHeight()) {
                continue;
            }
            drawFrame(g, i, y, layout.depth(i) < zoomDepth);
        }
    }

    private void drawFrame(GraphicsContext g, int i, double y, boolean outsideZoom) {
        double x = layout.x(i);
        double w = layout.width(i);
        int node = layout.owner(i);
        int rgb = layout.isMerged(i) ? FlamePalette.MERGED
                : search != null && search.matches(node) ? FlamePalette.MATCH : colours.applyAsInt(node);
        g.setFill(Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF));
        double gap = w >= 3 ? 1 : 0;
        g.fillRect(x, y, w - gap, ROW - 1);
        if (outsideZoom) {
            g.setFill(OUTSIDE_ZOOM_TINT);
            g.fillRect(x, y, w - gap, ROW - 1);
        }
        if (i == hovered) {
            g.setStroke(Color.rgb(30, 30, 30));
            g.setLineWidth(1.5);
            g.strokeRect(x + 0.75, y + 0.75, w - gap - 1.5, ROW - 2.5);
        }
        if (!layout.isMerged(i) && w >= LABEL_MIN) {
            String label = FlameFormat.clip(tree.name(node), w - 8, CHAR_WIDTH);
            if (!label.isEmpty()) {
                int text = FlamePalette.textOn(rgb);
                g.setFill(Color.rgb((text >> 16) & 0xFF, (text >> 8) & 0xFF, text & 0xFF));
                g.fillText(label, x + 4, y + (ROW - 1) / 2);
            }
        }
    }

    private double rowY(int row) {
        int r = row - scrollRows;
        return icicle ? r * ROW : canvas.getHeight() - (r + 1) * ROW;
    }

    private int rowAt(double y) {
        int r = icicle ? (int) Math.floor(y / ROW) : (int) Math.floor((canvas.getHeight() - y) / ROW);
        return r + scrollRows;
    }

    private int rectAt(double x, double y) {
        return layout == null ? -1 : layout.hit(x, rowAt(y));
    }

    private void hoverAt(MouseEvent e) {
        int i = rectAt(e.getX(), e.getY());
        if (i != hovered) {
            hovered = i;
            onHover.on(i < 0 || layout.isMerged(i) ? -1 : layout.node(i), e);
            draw();
        }
    }

    private void scroll(ScrollEvent e) {
        if (layout == null) {
            return;
        }
        int visible = (int) (canvas.getHeight() / ROW);
        int max = Math.max(0, layout.rows() - visible);
        int step = e.getDeltaY() > 0 == icicle ? -3 : 3;
        int next = Math.max(0, Math.min(max, scrollRows + step));
        if (next != scrollRows) {
            scrollRows = next;
            draw();
        }
    }

    private static double averageCharWidth() {
        Text probe = new Text("abcdefghijklmnopqrstuvwxyz.ABCDEFGHIJ_(*)0123456789");
        probe.setFont(FONT);
        return probe.getLayoutBounds().getWidth() / probe.getText().length();
    }
}
