package io.incident.views.timeline;

import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.List;

/**
 * What a time range selected across the lanes holds, per lane: how many events, the summed duration of spans (clipped
 * to the range), and a counter's minimum, time-weighted average and maximum.
 */
public record AreaStats(Lane lane, long events, long busyNanos, double min, double avg, double max) {
    public boolean isCounter() {
        return lane.track() instanceof CounterTrack;
    }

    /** One line for the analyst, e.g. "14 events, 2.1 s busy" or "min 3, avg 41.2, max 126 fds". */
    public String summary() {
        if (isCounter()) {
            String unit = ((CounterTrack) lane.track()).unit();
            return events == 0 && Double.isNaN(avg) ? "no value" : "min " + TimelineView.compact(min) + ", avg "
                    + TimelineView.compact(avg) + ", max " + TimelineView.compact(max) + (unit.isEmpty() ? "" : " " + unit);
        }
        return events + (events == 1 ? " event" : " events") + (busyNanos > 0 ? ", " + TimeAxis.duration(busyNanos)
                + " summed" : "");
    }

    /** Stats of every timed lane that has something in {@code [start, end]} (case times). */
    public static List<AreaStats> of(List<Lane> lanes, long start, long end) {
        List<AreaStats> out = new ArrayList<>();
        for (Lane l : lanes) {
            if (!l.isTimed()) {
                continue;
            }
            AreaStats s = of(l, l.clock().toRaw(start), l.clock().toRaw(end));
            if (s.events > 0 || (s.isCounter() && !Double.isNaN(s.avg))) {
                out.add(s);
            }
        }
        return out;
    }

    static AreaStats of(Lane l, long s, long e) {
        Track t = l.track();
        if (t instanceof InstantTrack it) {
            return new AreaStats(l, it.indexAtOrAfter(e + 1) - it.indexAtOrAfter(s), 0, Double.NaN, Double.NaN, Double.NaN);
        } else if (t instanceof SpanTrack st) {
            long n = 0;
            long busy = 0;
            for (int i = l.firstSpanEndingAtOrAfter(s); i < st.size() && st.start(i) <= e; i++) {
                if (st.end(i) >= s) {
                    n++;
                    if (st.depth(i) == 0) {
                        busy += Math.min(e, st.end(i)) - Math.max(s, st.start(i));
                    }
                }
            }
            return new AreaStats(l, n, busy, Double.NaN, Double.NaN, Double.NaN);
        } else if (t instanceof CounterTrack ct) {
            return counter(l, ct, s, e);
        }
        SampleTrack sm = (SampleTrack) t;
        long n = 0;
        for (int i = 0; i < sm.size(); i++) {
            if (sm.time(i) >= s && sm.time(i) <= e) {
                n++;
            }
        }
        return new AreaStats(l, n, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    /** A counter holds its value until the next sample, so the value in force at {@code s} counts too. */
    private static AreaStats counter(Lane l, CounterTrack ct, long s, long e) {
        int first = Math.max(0, ct.indexAtOrAfter(s + 1) - 1);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double area = 0;
        long covered = 0;
        long n = 0;
        for (int i = first; i < ct.size() && ct.time(i) <= e; i++) {
            long from = Math.max(s, ct.time(i));
            long to = i + 1 < ct.size() ? Math.min(e, ct.time(i + 1)) : Math.max(from, Math.min(e, ct.time(i)));
            if (ct.time(i) >= s) {
                n++;
            }
            if (ct.time(i) > e) {
                break;
            }
            min = Math.min(min, ct.value(i));
            max = Math.max(max, ct.value(i));
            area += ct.value(i) * (double) Math.max(0, to - from);
            covered += Math.max(0, to - from);
        }
        if (min > max) {
            return new AreaStats(l, 0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double avg = covered > 0 ? area / covered : (min + max) / 2;
        return new AreaStats(l, n, 0, min, avg, max);
    }
}
