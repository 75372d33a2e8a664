package io.incident.model;

import java.util.Arrays;

/** Growable primitive columns used by track builders: big tracks are arrays of primitives, never lists of objects. */
public final class Columns {
    private Columns() {
    }

    public static final class Longs {
        private long[] data = new long[16];
        private int size;

        public void add(long v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, grow(size));
            }
            data[size++] = v;
        }

        public long get(int i) {
            return data[i];
        }

        public void set(int i, long v) {
            data[i] = v;
        }

        public int size() {
            return size;
        }

        public long[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    public static final class Ints {
        private int[] data = new int[16];
        private int size;

        public void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, grow(size));
            }
            data[size++] = v;
        }

        public int get(int i) {
            return data[i];
        }

        public void set(int i, int v) {
            data[i] = v;
        }

        /** Makes room for {@code more} values, for a reader that knows its input's bound: no doubling and copying. */
        public void reserve(int more) {
            long n = (long) size + more;
            if (n > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(n, Integer.MAX_VALUE - 8));
            }
        }

        public int size() {
            return size;
        }

        public int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    public static final class Doubles {
        private double[] data = new double[16];
        private int size;

        public void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, grow(size));
            }
            data[size++] = v;
        }

        public double get(int i) {
            return data[i];
        }

        public int size() {
            return size;
        }

        public double[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    static int grow(int size) {
        long n = (long) size * 2;
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("track column exceeds " + (Integer.MAX_VALUE - 16) + " entries");
        }
        return (int) Math.max(16, n);
    }

    /** Stable permutation that sorts {@code keys} ascending, ties broken by {@code tie} descending (may be null). */
    static int[] sortOrder(long[] keys, long[] tieDescending) {
        int n = keys.length;
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = keys[i - 1] < keys[i]
                    || (keys[i - 1] == keys[i] && (tieDescending == null || tieDescending[i - 1] >= tieDescending[i]));
        }
        if (sorted) {
            return null;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        mergeSort(idx, idx.clone(), 0, n, keys, tieDescending);
        return idx;
    }

    /**
     * A stable merge sort of the indices {@code a[from, to)} by key, ties by {@code tieDescending} descending, with
     * {@code tmp} holding the same indices: on primitives, as readers emit millions of nearly sorted events (a span is
     * recorded when it ends, so it is sorted by start afterwards). An already ordered pair of halves is not merged.
     */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, long[] keys, long[] tie) {
        if (to - from <= 24) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && before(x, a[j], keys, tie)) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, keys, tie);
        mergeSort(a, tmp, mid, to, keys, tie);
        if (!before(a[mid], a[mid - 1], keys, tie)) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && !before(tmp[j], tmp[i], keys, tie))) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** Whether index x sorts strictly before index y. */
    private static boolean before(int x, int y, long[] keys, long[] tie) {
        if (keys[x] != keys[y]) {
            return keys[x] < keys[y];
        }
        return tie != null && tie[x] > tie[y];
    }

    static long[] permute(long[] a, int[] order) {
        if (order == null) {
            return a;
        }
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    static int[] permute(int[] a, int[] order) {
        if (order == null) {
            return a;
        }
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    static double[] permute(double[] a, int[] order) {
        if (order == null) {
            return a;
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    /**
     * {@link #lowerBound(long[], long)} when the answer is known to be at or after {@code from}: gallops from there in
     * doubling steps, then searches the last step. A drawing loop that walks the pixels left to right finds each
     * pixel's first event a few places after the previous pixel's, in a few comparisons instead of a search of the
     * whole track.
     */
    public static int lowerBound(long[] sorted, long t, int from) {
        int lo = Math.max(0, from);
        if (lo >= sorted.length || sorted[lo] >= t) {
            return Math.min(lo, sorted.length);
        }
        // sorted[lo] < t: find hi with sorted[hi] >= t (or the end), doubling the step.
        int step = 1;
        int hi = lo + 1;
        while (hi < sorted.length && sorted[hi] < t) {
            lo = hi;
            step <<= 1;
            hi = step > sorted.length - lo ? sorted.length : lo + step;
        }
        return firstAtOrAbove(sorted, t, lo + 1, hi);
    }

    /** First index whose value is &gt;= t in an ascending array (binary search). */
    public static int lowerBound(long[] sorted, long t) {
        return firstAtOrAbove(sorted, t, 0, sorted.length);
    }

    /** The first index in [lo, hi) whose value is &gt;= t, or hi. */
    private static int firstAtOrAbove(long[] sorted, long t, int lo, int hi) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
