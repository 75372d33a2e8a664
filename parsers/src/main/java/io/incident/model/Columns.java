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

    /**
     * An append-only column that grows without copying: block 0 holds 16 values and every later block as many as all
     * before it, so a value's block and offset follow from its index with a shift. A builder of millions of events
     * allocates each value's room once (doubling an array allocates about twice and copies every value), and its big
     * blocks are allocated where the collector never copies them.
     */
    public static final class LongBlocks {
        private long[][] blocks = new long[4][];
        private long[] last;
        private int lastStart;
        private int size;

        public void add(long v) {
            if (last == null || size - lastStart == last.length) {
                newBlock();
            }
            last[size++ - lastStart] = v;
        }

        private void newBlock() {
            int b = size == 0 ? 0 : block(size);
            if (b == blocks.length) {
                blocks = Arrays.copyOf(blocks, b * 2);
            }
            grow(size);
            last = new long[size == 0 ? FIRST_BLOCK : size];
            blocks[b] = last;
            lastStart = size;
        }

        public long get(int i) {
            int b = block(i);
            return blocks[b][i - blockStart(b)];
        }

        public int size() {
            return size;
        }

        public long[] toArray() {
            long[] out = new long[size];
            for (int b = 0, at = 0; at < size; b++) {
                int n = Math.min(blocks[b].length, size - at);
                System.arraycopy(blocks[b], 0, out, at, n);
                at += n;
            }
            return out;
        }
    }

    private static final int FIRST_BLOCK = 16;

    /** The block of index i: 0 for the first 16, then b for {@code [16 << (b - 1), 16 << b)}. */
    private static int block(int i) {
        return i < FIRST_BLOCK ? 0 : 32 - Integer.numberOfLeadingZeros(i >>> 4);
    }

    private static int blockStart(int b) {
        return b == 0 ? 0 : FIRST_BLOCK << (b - 1);
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

    /**
     * Stable permutation that sorts {@code keys} ascending, ties broken by {@code tie} descending (may be null); null
     * when they are in order already. See {@link TrackOrder}.
     */
    static int[] sortOrder(long[] keys, long[] tieDescending) {
        return TrackOrder.of(keys.length, i -> keys[i], tieDescending == null ? null : i -> tieDescending[i]);
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
