package io.incident.views.flame;

import io.incident.model.SampleTrack;

import java.util.function.IntPredicate;

/**
 * Which samples go into a flame tree.
 *
 * @param fromTime   first included sample time (raw model time), or {@link Long#MIN_VALUE} for no window
 * @param toTime     time after the last included sample (exclusive), or {@link Long#MAX_VALUE} for no window
 * @param threads    accepts the string id of a sample's thread label; {@code null} accepts every thread
 * @param splitByLine one node per (function, line) instead of one per function
 */
public record FlameFilter(long fromTime, long toTime, IntPredicate threads, boolean splitByLine) {
    public static final FlameFilter ALL = new FlameFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, false);

    public FlameFilter withWindow(long from, long to) {
        return new FlameFilter(from, to, threads, splitByLine);
    }

    public FlameFilter withThreads(IntPredicate accept) {
        return new FlameFilter(fromTime, toTime, accept, splitByLine);
    }

    public FlameFilter withSplitByLine(boolean split) {
        return new FlameFilter(fromTime, toTime, threads, split);
    }

    boolean hasWindow() {
        return fromTime != Long.MIN_VALUE || toTime != Long.MAX_VALUE;
    }

    /** An untimed sample only passes when no time window is set. */
    boolean accepts(SampleTrack track, int sample) {
        if (hasWindow()) {
            long t = track.time(sample);
            if (t == SampleTrack.UNTIMED || t < fromTime || t >= toTime) {
                return false;
            }
        }
        return threads == null || threads.test(track.thread(sample));
    }
}
