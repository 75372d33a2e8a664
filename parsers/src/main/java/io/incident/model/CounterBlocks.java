package io.incident.model;

import java.util.Arrays;

/**
 * Level-of-detail summary of a counter: minimum and maximum per block of {@link #SMALL} samples and per block of
 * {@link #LARGE} samples, so the min/max of any index range costs at most a few hundred comparisons however many
 * samples it covers. Built with the track (by its reader at import, or when a case is opened), never on the thread
 * that draws: about 1/32 of the values' memory.
 */
public final class CounterBlocks {
    public static final int SMALL = 64;
    public static final int LARGE = 64 * 64;
    private final double[] values;
    private final double[] smallMin;
    private final double[] smallMax;
    private final double[] largeMin;
    private final double[] largeMax;
    private final double min;
    private final double max;

    CounterBlocks(double[] values) {
        this.values = values;
        int n = values.length;
        smallMin = new double[(n + SMALL - 1) / SMALL];
        smallMax = new double[smallMin.length];
        largeMin = new double[(n + LARGE - 1) / LARGE];
        largeMax = new double[largeMin.length];
        for (int b = 0; b < smallMin.length; b++) {
            // Locals, not the arrays, carry a block's extremes: this loop is most of what building a counter costs.
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = b * SMALL, end = Math.min(n, i + SMALL); i < end; i++) {
                lo = Math.min(lo, values[i]);
                hi = Math.max(hi, values[i]);
            }
            smallMin[b] = lo;
            smallMax[b] = hi;
        }
        Arrays.fill(largeMin, Double.POSITIVE_INFINITY);
        Arrays.fill(largeMax, Double.NEGATIVE_INFINITY);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < smallMin.length; b++) {
            largeMin[b / SMALL] = Math.min(largeMin[b / SMALL], smallMin[b]);
            largeMax[b / SMALL] = Math.max(largeMax[b / SMALL], smallMax[b]);
            lo = Math.min(lo, smallMin[b]);
            hi = Math.max(hi, smallMax[b]);
        }
        min = lo;
        max = hi;
    }

    /** {min, max} of the samples with index in {@code [a, b)}; {+inf, -inf} when the range is empty. */
    public double[] minMax(int a, int b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int i = a;
        while (i < b) {
            if (i % LARGE == 0 && i + LARGE <= b) {
                lo = Math.min(lo, largeMin[i / LARGE]);
                hi = Math.max(hi, largeMax[i / LARGE]);
                i += LARGE;
            } else if (i % SMALL == 0 && i + SMALL <= b) {
                lo = Math.min(lo, smallMin[i / SMALL]);
                hi = Math.max(hi, smallMax[i / SMALL]);
                i += SMALL;
            } else {
                lo = Math.min(lo, values[i]);
                hi = Math.max(hi, values[i]);
                i++;
            }
        }
        return new double[] {lo, hi};
    }

    /** The smallest sample; +inf when there is none. */
    public double min() {
        return min;
    }

    /** The largest sample; -inf when there is none. */
    public double max() {
        return max;
    }
}
