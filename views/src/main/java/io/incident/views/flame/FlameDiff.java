package io.incident.views.flame;

/**
 * Two trees aligned by the path of function names. The diff's own tree is the union of both paths; its widths are
 * baseline plus comparison (after scaling), so frames that vanished stay visible. Normalised mode scales the baseline
 * to the comparison's total, so a frame is red when its share grew, not merely because the second profile is longer.
 */
public final class FlameDiff {
    private static final int NEUTRAL = 0xD8D8D8;
    private final FlameTree tree;
    private final long[] baseline;
    private final long[] comparison;
    private final boolean normalised;

    private FlameDiff(FlameTree tree, long[] baseline, long[] comparison, boolean normalised) {
        this.tree = tree;
        this.baseline = baseline;
        this.comparison = comparison;
        this.normalised = normalised;
    }

    public static FlameDiff of(FlameTree base, FlameTree comp, boolean normalised) {
        double scale = normalised && base.total() > 0 ? (double) comp.total() / base.total() : 1.0;
        NodeAccumulator acc = new NodeAccumulator(comp.name(FlameTree.ROOT), 2, base.size() + comp.size());
        addAll(acc, base, 0, scale);
        addAll(acc, comp, 1, 1.0);
        FlameTree union = acc.build();
        int[] order = acc.order();
        long[] baseTotals = acc.totals(0);
        long[] compTotals = acc.totals(1);
        long[] b = new long[union.size()];
        long[] c = new long[union.size()];
        for (int i = 0; i < union.size(); i++) {
            b[i] = baseTotals[order[i]];
            c[i] = compTotals[order[i]];
        }
        return new FlameDiff(union, b, c, normalised);
    }

    /** Parents precede children in breadth-first order, so one forward pass maps every node. */
    private static void addAll(NodeAccumulator acc, FlameTree t, int column, double scale) {
        int[] mapped = new int[t.size()];
        acc.addSelf(0, column, Math.round(t.self(0) * scale));
        for (int n = 1; n < t.size(); n++) {
            int node = acc.child(mapped[t.parent(n)], acc.nameId(t.name(n)));
            mapped[n] = node;
            acc.addSelf(node, column, Math.round(t.self(n) * scale));
        }
    }

    /** The union tree; a node's total is baseline plus comparison. */
    public FlameTree tree() {
        return tree;
    }

    public boolean isNormalised() {
        return normalised;
    }

    /** Baseline total of a node, scaled to the comparison when normalised. */
    public long baseline(int node) {
        return baseline[node];
    }

    public long comparison(int node) {
        return comparison[node];
    }

    /** Relative change in [-1, 1]: +1 when the node is new, -1 when it vanished, 0 when unchanged. */
    public double change(int node) {
        long b = baseline[node];
        long c = comparison[node];
        long max = Math.max(Math.abs(b), Math.abs(c));
        return max == 0 ? 0 : (double) (c - b) / max;
    }

    /** Red for grown, blue for shrunk, grey when within one percent; stronger for a larger relative change. */
    public int colour(int node) {
        double r = change(node);
        if (Math.abs(r) < 0.01) {
            return NEUTRAL;
        }
        double k = 0.25 + 0.75 * Math.min(1, Math.abs(r));
        int strong = 0xFF;
        int weak = (int) Math.round(0xE0 * (1 - k) + 0x30 * k);
        return r > 0 ? (strong << 16) | (weak << 8) | weak : (weak << 16) | (weak << 8) | strong;
    }
}
