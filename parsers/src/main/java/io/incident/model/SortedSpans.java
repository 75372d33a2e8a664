package io.incident.model;

import java.util.List;

/**
 * A span builder's columns put in track order (by start, a longer span first on ties, otherwise as added), not yet a
 * track: a reader that reduces parts of its input in parallel sorts each part's spans on its own thread, and
 * {@link #merge} then writes the track's columns from the parts in one pass, reading the builder's blocks in track
 * order: nothing is copied out of them before.
 */
public final class SortedSpans {
    private final String name;
    private final String group;
    private final Columns.LongBlocks starts;
    private final Columns.LongBlocks durations;
    /** Label id in the high half, arg set id in the low half; read from the builder's blocks in track order. */
    private final Columns.LongBlocks labelArgs;
    /** The added index of each place in track order, packed ({@link TrackOrder#index}); null when added in order. */
    private final long[] order;
    /** The longest duration. */
    private final long longest;
    /** The spans the builder had when this was made: later ones are not in {@link #order}. */
    private final int size;

    SortedSpans(String name, String group, Columns.LongBlocks starts, Columns.LongBlocks durations,
                Columns.LongBlocks labelArgs, long longest) {
        this.longest = longest;
        this.name = name;
        this.group = group;
        this.starts = starts;
        this.durations = durations;
        this.labelArgs = labelArgs;
        this.size = starts.size();
        this.order = TrackOrder.packed(size, starts::get, durations::get);
    }

    public String name() {
        return name;
    }

    public String group() {
        return group;
    }

    public int size() {
        return size;
    }

    /** The added index of the span at place j in track order. */
    private int added(int j) {
        return order == null ? j : TrackOrder.index(order, j);
    }

    /** Whether the span at place i of this part sorts strictly before the one at place j of that part. */
    private boolean before(int i, SortedSpans that, int j) {
        int x = added(i);
        int y = that.added(j);
        long sx = starts.get(x);
        long sy = that.starts.get(y);
        if (sx != sy) {
            return sx < sy;
        }
        return durations.get(x) > that.durations.get(y);
    }

    /**
     * The track of several parts' spans, as if all had been added to one builder part after part: a stable merge of
     * the sorted parts (on equal keys the earlier part's span first), with each part's label and arg set ids mapped
     * through its own table ({@code null} for ids that are already the track's).
     */
    public static SpanTrack merge(String name, String group, List<SortedSpans> parts, List<int[]> labelMaps,
                                  List<int[]> argMaps) {
        int k = parts.size();
        if (labelMaps.size() != k || argMaps.size() != k) {
            throw new IllegalArgumentException("span track '" + name + "': one label and arg map per part expected");
        }
        long total = 0;
        for (SortedSpans p : parts) {
            total += p.size();
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("span track '" + name + "' exceeds " + (Integer.MAX_VALUE - 16)
                    + " spans");
        }
        int n = (int) total;
        boolean narrow = parts.stream().allMatch(p -> p.longest <= Integer.MAX_VALUE);
        long[] starts = new long[n];
        int[] durations = narrow ? new int[n] : null;
        long[] ends = narrow ? null : new long[n];
        int[] labels = new int[n];
        int[] args = new int[n];
        int[] at = new int[k];
        for (int out = 0; out < n; ) {
            int best = -1;
            for (int p = 0; p < k; p++) {
                if (at[p] < parts.get(p).size()
                        && (best < 0 || parts.get(p).before(at[p], parts.get(best), at[best]))) {
                    best = p;
                }
            }
            // Copy the chosen part's run for as long as it stays ahead of every other part's next span.
            SortedSpans from = parts.get(best);
            int end = k == 1 ? from.size() : runEnd(parts, at, best);
            from.copy(at[best], end, labelMaps.get(best), argMaps.get(best), out, starts, durations, ends, labels,
                    args);
            out += end - at[best];
            at[best] = end;
        }
        return new SpanTrack(name, group, starts, durations, ends, labels, args);
    }

    /**
     * Writes this part's spans {@code [from, to)} to the track's columns from place {@code out}, ids mapped, with
     * their durations or their ends (the other array is null).
     */
    private void copy(int from, int to, int[] labelMap, int[] argMap, int out, long[] outStarts, int[] outDurations,
                      long[] outEnds, int[] outLabels, int[] outArgs) {
        for (int j = from; j < to; j++, out++) {
            int i = added(j);
            long start = starts.get(i);
            outStarts[out] = start;
            long duration = durations.get(i);
            if (outDurations != null) {
                outDurations[out] = (int) duration;
            } else {
                outEnds[out] = start + duration;
            }
            long both = labelArgs.get(i);
            int label = (int) (both >>> 32);
            int argSet = (int) both;
            outLabels[out] = labelMap == null ? label : labelMap[label];
            outArgs[out] = argMap == null ? argSet : argMap[argSet];
        }
    }

    /**
     * The end of the run of part p's spans from its next one on that come before every other part's next span: the
     * part is sorted, so once a span is not ahead none after it is, and the run's end is found by doubling steps and
     * then halving them, a few comparisons for a run of any length (parts of one recording overlap only where they
     * meet).
     */
    private static int runEnd(List<SortedSpans> parts, int[] at, int p) {
        int size = parts.get(p).size();
        int ahead = at[p] + 1; // the chosen span itself is ahead
        int step = 1;
        while (ahead + step - 1 < size && aheadOfOthers(parts, at, p, ahead + step - 1)) {
            ahead += step;
            step *= 2;
        }
        // Every place before ahead is ahead of the others; the first place that is not lies in [ahead, ahead + step).
        int lo = ahead;
        int hi = Math.min(size, ahead + step - 1);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (aheadOfOthers(parts, at, p, mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether span i of part p still comes before the next span of every other part (ties go to the earlier part). */
    private static boolean aheadOfOthers(List<SortedSpans> parts, int[] at, int p, int i) {
        SortedSpans mine = parts.get(p);
        for (int q = 0; q < parts.size(); q++) {
            if (q == p || at[q] >= parts.get(q).size()) {
                continue;
            }
            SortedSpans other = parts.get(q);
            boolean otherFirst = q < p ? !mine.before(i, other, at[q]) : other.before(at[q], mine, i);
            if (otherFirst) {
                return false;
            }
        }
        return true;
    }
}
