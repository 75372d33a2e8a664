package io.incident.views.flame;

import io.incident.parsers.util.LongIntMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grows a call tree whose nodes are merged by name under each parent, with one or more columns of self values, then
 * freezes it into a {@link FlameTree}. Nodes are created parent before child, so totals roll up in one reverse pass.
 */
final class NodeAccumulator {
    private final Map<String, Integer> nameIds = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final LongIntMap childIndex;
    private final int columns;
    private int[] parent;
    private int[] name;
    private long[][] self;
    private int size;
    private int[] order;

    NodeAccumulator(String rootName, int columns, int expectedNodes) {
        this.columns = columns;
        int cap = Math.max(16, expectedNodes);
        parent = new int[cap];
        name = new int[cap];
        self = new long[columns][cap];
        childIndex = new LongIntMap(cap);
        parent[0] = -1;
        name[0] = nameId(rootName);
        size = 1;
    }

    int nameId(String s) {
        Integer id = nameIds.get(s);
        if (id != null) {
            return id;
        }
        names.add(s);
        nameIds.put(s, names.size() - 1);
        return names.size() - 1;
    }

    /** The child of {@code parentNode} named {@code nameId}, created when absent. */
    int child(int parentNode, int nameId) {
        long key = ((long) parentNode << 32) | nameId;
        int node = childIndex.get(key);
        if (node >= 0) {
            return node;
        }
        if (size == parent.length) {
            int n = size * 2;
            parent = Arrays.copyOf(parent, n);
            name = Arrays.copyOf(name, n);
            for (int c = 0; c < columns; c++) {
                self[c] = Arrays.copyOf(self[c], n);
            }
        }
        parent[size] = parentNode;
        name[size] = nameId;
        childIndex.putIfAbsent(key, size);
        return size++;
    }

    void addSelf(int node, int column, long value) {
        self[column][node] += value;
    }

    int size() {
        return size;
    }

    /** Totals of one column in the accumulator's own node order (self plus all descendants). */
    long[] totals(int column) {
        long[] total = Arrays.copyOf(self[column], size);
        for (int i = size - 1; i > 0; i--) {
            total[parent[i]] += total[i];
        }
        return total;
    }

    /** Self values of one column in the accumulator's own node order. */
    long[] selfs(int column) {
        return Arrays.copyOf(self[column], size);
    }

    /** For each node of the last built tree, the accumulator node it came from. */
    int[] order() {
        return order;
    }

    /** Freezes the nodes into a tree whose values are the sum of all columns, children sorted by name. */
    FlameTree build() {
        long[] sumSelf = new long[size];
        for (int c = 0; c < columns; c++) {
            for (int i = 0; i < size; i++) {
                sumSelf[i] += self[c][i];
            }
        }
        int[] rank = nameRanks();
        int[] childStartOld = new int[size + 1];
        for (int i = 1; i < size; i++) {
            childStartOld[parent[i] + 1]++;
        }
        for (int i = 0; i < size; i++) {
            childStartOld[i + 1] += childStartOld[i];
        }
        long[] sorted = new long[size];
        int[] fill = Arrays.copyOf(childStartOld, size);
        for (int i = 1; i < size; i++) {
            sorted[fill[parent[i]]++] = ((long) rank[name[i]] << 32) | i;
        }
        for (int i = 0; i < size; i++) {
            Arrays.sort(sorted, childStartOld[i], childStartOld[i + 1]);
        }
        return emitBreadthFirst(sumSelf, childStartOld, sorted);
    }

    private FlameTree emitBreadthFirst(long[] sumSelf, int[] childStartOld, long[] sorted) {
        order = new int[size];
        int[] newParent = new int[size];
        int[] childStart = new int[size];
        int[] childCount = new int[size];
        order[0] = 0;
        newParent[0] = -1;
        int tail = 1;
        for (int head = 0; head < size; head++) {
            int old = order[head];
            childStart[head] = tail;
            childCount[head] = childStartOld[old + 1] - childStartOld[old];
            for (int k = childStartOld[old]; k < childStartOld[old + 1]; k++) {
                order[tail] = (int) sorted[k];
                newParent[tail] = head;
                tail++;
            }
        }
        int[] newName = new int[size];
        long[] newSelf = new long[size];
        for (int i = 0; i < size; i++) {
            newName[i] = name[order[i]];
            newSelf[i] = sumSelf[order[i]];
        }
        return new FlameTree(names.toArray(new String[0]), newName, newParent, childStart, childCount, newSelf);
    }

    private int[] nameRanks() {
        Integer[] byName = new Integer[names.size()];
        for (int i = 0; i < byName.length; i++) {
            byName[i] = i;
        }
        Arrays.sort(byName, (a, b) -> names.get(a).compareTo(names.get(b)));
        int[] rank = new int[byName.length];
        for (int r = 0; r < byName.length; r++) {
            rank[byName[r]] = r;
        }
        return rank;
    }
}
