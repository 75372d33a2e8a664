package io.incident.model;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * The order of a track's events: by key (a start or a time) ascending, ties by a second column descending (a longer
 * span first), then as given. Readers emit millions of events nearly in this order (a span is written when it ends,
 * and threads flush their buffers in turn), in runs that the JDK's sort of primitive longs merges; so each key is
 * packed above its index into one long and sorted that way, never through a comparator.
 */
final class TrackOrder {
    private TrackOrder() {
    }

    /**
     * The permutation that puts indexes {@code [0, n)} in order, or null when they are in order already; {@code tie}
     * (may be null) is asked only where keys are equal.
     */
    static int[] of(int n, IntToLongFunction key, IntToLongFunction tie) {
        long[] packed = packed(n, key, tie);
        if (packed == null) {
            return null;
        }
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = index(packed, j);
        }
        return order;
    }

    /**
     * The order as packed longs, the index of the event at place j being {@link #index}{@code (packed, j)}; null when
     * the indexes are in order already. Half again the bytes of an int permutation, but no second array.
     */
    static long[] packed(int n, IntToLongFunction key, IntToLongFunction tie) {
        for (int i = 1; i < n; i++) {
            if (before(i, i - 1, key, tie)) {
                return sortPacked(n, key, tie);
            }
        }
        return null;
    }

    /** The index at place j of a packed order. */
    static int index(long[] packed, int j) {
        return (int) (packed[j] & mask(packed.length));
    }

    private static long mask(int n) {
        return (1L << indexBits(n)) - 1;
    }

    private static int indexBits(int n) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
    }

    /**
     * Sorts packed keys: each key's offset from the smallest, cut to the bits that leave room for the index beside
     * it, above its index, so that equal keys keep their given order. When the keys span too many bits for that, the
     * packed key is the offset's high bits, and runs of equal packed keys are then put in exact order, as are ties
     * that the second column breaks.
     */
    private static long[] sortPacked(int n, IntToLongFunction key, IntToLongFunction tie) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long k = key.applyAsLong(i);
            min = Math.min(min, k);
            max = Math.max(max, k);
        }
        int indexBits = indexBits(n);
        long range = max - min; // as unsigned: it may exceed Long.MAX_VALUE
        int rangeBits = 64 - Long.numberOfLeadingZeros(range);
        int shift = Math.max(0, rangeBits + indexBits - 63);
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((key.applyAsLong(i) - min) >>> shift) << indexBits | i;
        }
        Arrays.sort(packed);
        if (shift > 0 || tie != null) {
            exactWithinEqualPackedKeys(packed, indexBits, key, tie);
        }
        return packed;
    }

    /** Sorts each run of equal packed keys (in index order now) by exact key and tie, stably. */
    private static void exactWithinEqualPackedKeys(long[] packed, int indexBits, IntToLongFunction key,
                                                   IntToLongFunction tie) {
        int n = packed.length;
        long mask = (1L << indexBits) - 1;
        for (int from = 0; from < n; ) {
            int to = from + 1;
            boolean ordered = true;
            while (to < n && packed[to] >>> indexBits == packed[from] >>> indexBits) {
                ordered &= !before((int) (packed[to] & mask), (int) (packed[to - 1] & mask), key, tie);
                to++;
            }
            if (!ordered) {
                // Sorted apart, so that the room the merge sort needs is the run's size, not the whole order's.
                int[] run = new int[to - from];
                for (int k = 0; k < run.length; k++) {
                    run[k] = (int) (packed[from + k] & mask);
                }
                mergeSort(run, new int[run.length], 0, run.length, key, tie);
                for (int k = 0; k < run.length; k++) {
                    packed[from + k] = (packed[from + k] & ~mask) | run[k];
                }
            }
            from = to;
        }
    }

    /**
     * A stable merge sort of the indexes {@code a[from, to)}, with {@code tmp} as room: for the runs of keys that
     * packing could not tell apart. An already ordered pair of halves is not merged.
     */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, IntToLongFunction key, IntToLongFunction tie) {
        if (to - from <= 24) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && before(x, a[j], key, tie)) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, key, tie);
        mergeSort(a, tmp, mid, to, key, tie);
        if (!before(a[mid], a[mid - 1], key, tie)) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && !before(tmp[j], tmp[i], key, tie))) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** Whether index x sorts strictly before index y (so never when x and y are equal in key and tie). */
    private static boolean before(int x, int y, IntToLongFunction key, IntToLongFunction tie) {
        long kx = key.applyAsLong(x);
        long ky = key.applyAsLong(y);
        if (kx != ky) {
            return kx < ky;
        }
        return tie != null && tie.applyAsLong(x) > tie.applyAsLong(y);
    }
}
