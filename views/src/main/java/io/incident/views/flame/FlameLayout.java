package io.incident.views.flame;

import java.util.Arrays;

/**
 * Rectangles of a flame graph zoomed on one node, in pixels along x and in rows by tree depth. The ancestors of the zoom
 * root span the full width; below it, each node gets a width proportional to its total. A node narrower than the
 * threshold is never emitted, nor is anything under it; a run of such siblings becomes one "merged" rectangle when the
 * run together is wide enough, so the hidden share stays visible.
 */
public final class FlameLayout {
    private final FlameTree tree;
    private final int zoomRoot;
    private final double width;
    private int count;
    private int[] node = new int[256];
    private double[] x = new double[256];
    private double[] w = new double[256];
    private int[] rowStart;
    private int[] byRow;

    private FlameLayout(FlameTree tree, int zoomRoot, double width) {
        this.tree = tree;
        this.zoomRoot = zoomRoot;
        this.width = width;
    }

    /** Lays out {@code tree} below {@code zoomRoot} over {@code width} pixels, skipping nodes under {@code minWidth}. */
    public static FlameLayout compute(FlameTree tree, int zoomRoot, double width, double minWidth) {
        FlameLayout layout = new FlameLayout(tree, zoomRoot, width);
        for (int a : tree.pathTo(zoomRoot)) {
            layout.add(a, 0, width);
        }
        long rootTotal = tree.total(zoomRoot);
        if (rootTotal > 0) {
            layout.descend(width / rootTotal, minWidth);
        }
        layout.indexRows();
        return layout;
    }

    /** Breadth-first over the emitted rectangles themselves, so each row comes out sorted by x. */
    private void descend(double scale, double minWidth) {
        for (int i = count - 1; i < count; i++) {
            if (node[i] < 0) {
                continue;
            }
            int parent = node[i];
            double cx = x[i];
            double runX = cx;
            double runW = 0;
            for (int c = tree.childStart(parent); c < tree.childEnd(parent); c++) {
                double cw = tree.total(c) * scale;
                if (cw >= minWidth) {
                    flushRun(parent, runX, runW, minWidth);
                    runW = 0;
                    add(c, cx, cw);
                } else {
                    if (runW == 0) {
                        runX = cx;
                    }
                    runW += cw;
                }
                cx += cw;
            }
            flushRun(parent, runX, runW, minWidth);
        }
    }

    private void flushRun(int parent, double runX, double runW, double minWidth) {
        if (runW >= minWidth) {
            add(-parent - 1, runX, runW);
        }
    }

    private void add(int n, double nx, double nw) {
        if (count == node.length) {
            node = Arrays.copyOf(node, count * 2);
            x = Arrays.copyOf(x, count * 2);
            w = Arrays.copyOf(w, count * 2);
        }
        node[count] = n;
        x[count] = nx;
        w[count] = nw;
        count++;
    }

    /** Groups rectangles by row; breadth-first emission already leaves each row sorted by x. */
    private void indexRows() {
        int rows = tree.maxDepth() + 2;
        rowStart = new int[rows + 1];
        for (int i = 0; i < count; i++) {
            rowStart[depth(i) + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        int[] fill = Arrays.copyOf(rowStart, rows);
        byRow = new int[count];
        for (int i = 0; i < count; i++) {
            byRow[fill[depth(i)]++] = i;
        }
    }

    public FlameTree tree() {
        return tree;
    }

    public int zoomRoot() {
        return zoomRoot;
    }

    public double width() {
        return width;
    }

    public int count() {
        return count;
    }

    /** The node of rectangle {@code i}; for a merged run of small children, {@code -parent - 1}. */
    public int node(int i) {
        return node[i];
    }

    public boolean isMerged(int i) {
        return node[i] < 0;
    }

    /** For a merged rectangle, the parent whose small children it stands for; else the node itself. */
    public int owner(int i) {
        return node[i] < 0 ? -node[i] - 1 : node[i];
    }

    public double x(int i) {
        return x[i];
    }

    public double width(int i) {
        return w[i];
    }

    /** Row of rectangle {@code i}: the tree depth of its node (the root is row 0). */
    public int depth(int i) {
        return node[i] < 0 ? tree.depth(-node[i] - 1) + 1 : tree.depth(node[i]);
    }

    /** Number of rows that hold at least one rectangle. */
    public int rows() {
        int r = rowStart.length - 1;
        while (r > 0 && rowStart[r] == rowStart[r - 1]) {
            r--;
        }
        return r;
    }

    /** The rectangle at pixel {@code px} in {@code row}, or -1. */
    public int hit(double px, int row) {
        if (row < 0 || row + 1 >= rowStart.length) {
            return -1;
        }
        int lo = rowStart[row];
        int hi = rowStart[row + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int i = byRow[mid];
            if (px < x[i]) {
                hi = mid - 1;
            } else if (px >= x[i] + w[i]) {
                lo = mid + 1;
            } else {
                return i;
            }
        }
        return -1;
    }
}
