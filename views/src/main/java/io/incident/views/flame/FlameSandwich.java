package io.incident.views.flame;

import java.util.Arrays;

/**
 * The two halves of a sandwich view of one function: its callers (an inverted tree whose root is the function and whose
 * children are the functions that called it) and its callees (all its occurrences merged into one subtree). Recursive
 * occurrences below another occurrence are counted once, through the outermost one, so both roots total the time spent
 * in the function.
 */
public final class FlameSandwich {
    private final FlameTree callers;
    private final FlameTree callees;

    private FlameSandwich(FlameTree callers, FlameTree callees) {
        this.callers = callers;
        this.callees = callees;
    }

    public static FlameSandwich of(FlameTree tree, String function) {
        int[] outermost = outermostOccurrences(tree, function);
        NodeAccumulator up = new NodeAccumulator(function, 1, 64);
        NodeAccumulator down = new NodeAccumulator(function, 1, 64);
        int[] mapped = new int[tree.size()];
        for (int occ : outermost) {
            int at = 0;
            for (int a = tree.parent(occ); a > FlameTree.ROOT; a = tree.parent(a)) {
                at = up.child(at, up.nameId(tree.name(a)));
            }
            up.addSelf(at, 0, tree.total(occ));
            mergeSubtree(tree, occ, down, mapped);
        }
        return new FlameSandwich(up.build(), down.build());
    }

    /** Copies the subtree under {@code occ} into {@code down}, whose root stands for {@code occ}. */
    private static void mergeSubtree(FlameTree tree, int occ, NodeAccumulator down, int[] mapped) {
        mapped[occ] = 0;
        down.addSelf(0, 0, tree.self(occ));
        int[] queue = new int[16];
        int head = 0;
        int tail = 0;
        queue[tail++] = occ;
        while (head < tail) {
            int p = queue[head++];
            for (int c = tree.childStart(p); c < tree.childEnd(p); c++) {
                int node = down.child(mapped[p], down.nameId(tree.name(c)));
                mapped[c] = node;
                down.addSelf(node, 0, tree.self(c));
                if (tail == queue.length) {
                    queue = Arrays.copyOf(queue, tail * 2);
                }
                queue[tail++] = c;
            }
        }
    }

    private static int[] outermostOccurrences(FlameTree tree, String function) {
        int[] out = new int[16];
        int count = 0;
        boolean[] inside = new boolean[tree.size()];
        for (int n = 1; n < tree.size(); n++) {
            boolean hit = tree.name(n).equals(function);
            boolean parentInside = inside[tree.parent(n)];
            inside[n] = hit || parentInside;
            if (hit && !parentInside) {
                if (count == out.length) {
                    out = Arrays.copyOf(out, count * 2);
                }
                out[count++] = n;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Root: the function; children: its direct callers; their children: the callers' callers. */
    public FlameTree callers() {
        return callers;
    }

    /** Root: the function; below: everything it called, merged over all its occurrences. */
    public FlameTree callees() {
        return callees;
    }
}
