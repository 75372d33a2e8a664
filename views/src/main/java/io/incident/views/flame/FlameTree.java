package io.incident.views.flame;

/**
 * An immutable call tree for flame graphs, stored as columns. Node 0 is the root (the sum of everything); nodes are in
 * breadth-first order, so the children of a node are the contiguous range {@code [childStart, childEnd)}, sorted by
 * name. A node's total is its self value plus the totals of its children.
 */
public final class FlameTree {
    private final String[] names;
    private final int[] name;
    private final int[] parent;
    private final int[] childStart;
    private final int[] childCount;
    private final int[] depth;
    private final long[] self;
    private final long[] total;
    private final int maxDepth;

    FlameTree(String[] names, int[] name, int[] parent, int[] childStart, int[] childCount, long[] self) {
        this.names = names;
        this.name = name;
        this.parent = parent;
        this.childStart = childStart;
        this.childCount = childCount;
        this.self = self;
        int n = name.length;
        this.depth = new int[n];
        int deepest = 0;
        for (int i = 1; i < n; i++) {
            depth[i] = depth[parent[i]] + 1;
            deepest = Math.max(deepest, depth[i]);
        }
        this.maxDepth = deepest;
        this.total = self.clone();
        for (int i = n - 1; i > 0; i--) {
            total[parent[i]] += total[i];
        }
    }

    public static final int ROOT = 0;

    public int size() {
        return name.length;
    }

    public String name(int node) {
        return names[name[node]];
    }

    /** Id of the node's name, equal for equal names within this tree. */
    public int nameId(int node) {
        return name[node];
    }

    public int parent(int node) {
        return parent[node];
    }

    public int depth(int node) {
        return depth[node];
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int childStart(int node) {
        return childStart[node];
    }

    public int childEnd(int node) {
        return childStart[node] + childCount[node];
    }

    public long self(int node) {
        return self[node];
    }

    public long total(int node) {
        return total[node];
    }

    /** Sum of all samples in the tree. */
    public long total() {
        return total[ROOT];
    }

    /** Whether {@code node} is {@code ancestor} or lies below it. */
    public boolean isWithin(int node, int ancestor) {
        for (int n = node; n >= 0; n = parent[n]) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Nodes from the root to {@code node}, both included. */
    public int[] pathTo(int node) {
        int[] path = new int[depth[node] + 1];
        for (int n = node, i = path.length - 1; n >= 0; n = parent[n], i--) {
            path[i] = n;
        }
        return path;
    }

    /** The child of {@code node} with the given name, or -1. */
    public int child(int node, String childName) {
        for (int c = childStart(node); c < childEnd(node); c++) {
            if (name(c).equals(childName)) {
                return c;
            }
        }
        return -1;
    }
}
