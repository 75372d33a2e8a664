package io.incident.views.flame;

import java.util.Arrays;
import java.util.Locale;

/**
 * Nodes whose name contains a text (ignoring case) and the share of a root they cover. A match below another match is
 * not counted twice, so recursive functions never exceed 100%.
 */
public final class FlameSearch {
    private final FlameTree tree;
    private final boolean[] matched;
    private final double percent;

    private FlameSearch(FlameTree tree, boolean[] matched, double percent) {
        this.tree = tree;
        this.matched = matched;
        this.percent = percent;
    }

    public static FlameSearch of(FlameTree tree, String text, int root) {
        boolean[] matched = new boolean[tree.size()];
        if (text == null || text.isBlank()) {
            return new FlameSearch(tree, matched, 0);
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        String[] lowered = new String[tree.size()];
        boolean[] within = new boolean[tree.size()];
        boolean[] covered = new boolean[tree.size()];
        long sum = 0;
        for (int n = 0; n < tree.size(); n++) {
            int id = tree.nameId(n);
            if (id >= lowered.length) {
                lowered = Arrays.copyOf(lowered, id + 1);
            }
            if (lowered[id] == null) {
                lowered[id] = tree.name(n).toLowerCase(Locale.ROOT);
            }
            matched[n] = lowered[id].contains(needle);
            within[n] = n == root || (n > 0 && within[tree.parent(n)]);
            boolean parentCovered = n > 0 && covered[tree.parent(n)];
            covered[n] = (matched[n] && within[n]) || parentCovered;
            if (matched[n] && within[n] && !parentCovered) {
                sum += tree.total(n);
            }
        }
        long rootTotal = tree.total(root);
        return new FlameSearch(tree, matched, rootTotal == 0 ? 0 : 100.0 * sum / rootTotal);
    }

    /** The tree searched; node ids of other trees mean nothing here. */
    public FlameTree tree() {
        return tree;
    }

    public boolean matches(int node) {
        return matched[node];
    }

    /** Share of the root's total under a matching node, in percent. */
    public double percent() {
        return percent;
    }
}
