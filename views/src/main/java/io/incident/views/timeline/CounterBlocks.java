package io.incident.views.timeline;

import io.incident.model.CounterTrack;

/**
 * Level-of-detail summary of a counter: minimum and maximum per block of {@link #SMALL} samples and per block of
 * {@link #LARGE} samples, so the min/max of any index range costs at most a few hundred comparisons however many
 * samples it covers. Built once per lane, on first use.
 */
final class CounterBlocks {
    static final int SMALL = 64;
    static final int LARGE = 64 * 64;
    private final CounterTrack track;
    private final double[] smallMin;
    private final double[] smallMax;
    private final double[] largeMin;
    private final double[] largeMax;

    CounterBlocks(CounterTrack track) {
        this.track = track;
        int n = track.size();
        smallMin = new double[(n + SMALL - 1) / SMALL];
        smallMax = new double[smallMin.length];
        largeMin = new double[(n + LARGE - 1) / LARGE];
        largeMax = new double[largeMin.length];
        java.util.Arrays.fill(smallMin, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(smallMax, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(largeMin, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(largeMax, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            double v = track.value(i);
            smallMin[i / SMALL] = Math.min(smallMin[i / SMALL], v);
            smallMax[i / SMALL] = Math.max(smallMax[i / SMALL], v);
            largeMin[i / LARGE] = Math.min(largeMin[i / LARGE], v);
            largeMax[i / LARGE] = Math.max(largeMax[i / LARGE], v);
        }
    }

    /** {min, max} of the samples with index in {@code [a, b)}. */
    double[] minMax(int a, int b) {
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
                double v = track.value(i);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                i++;
            }
        }
        return new double[] {lo, hi};
    }
}
