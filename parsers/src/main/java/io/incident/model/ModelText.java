package io.incident.model;

import java.time.Instant;
import java.util.Map;

/** A stable, human-readable rendering of a source, for golden files and debugging. */
public final class ModelText {
    private ModelText() {
    }

    /** Describes the source with at most {@code perTrack} events of each track. */
    public static String describe(Source s, int perTrack) {
        StringBuilder b = new StringBuilder();
        b.append("kind ").append(s.info().kind().id()).append(" clock ").append(s.clockKind()).append('\n');
        if (s.hasTimeRange()) {
            b.append("range ").append(time(s.clockKind(), s.minTime())).append(" .. ")
                    .append(time(s.clockKind(), s.maxTime())).append('\n');
        }
        for (Diagnostic d : s.diagnostics()) {
            b.append("diagnostic ").append(d).append('\n');
        }
        s.summary().forEach((k, v) -> b.append("summary ").append(k).append(" = ").append(v).append('\n'));
        for (Track t : s.tracks()) {
            b.append("track ").append(kindOf(t)).append(" '").append(t.name()).append("' group '").append(t.group())
                    .append("' events ").append(t.size()).append('\n');
            int n = Math.min(perTrack, t.size());
            for (int i = 0; i < n; i++) {
                b.append("  ").append(event(s, t, i)).append('\n');
            }
        }
        return b.toString();
    }

    private static String kindOf(Track t) {
        if (t instanceof InstantTrack) {
            return "instants";
        } else if (t instanceof SpanTrack) {
            return "spans";
        } else if (t instanceof CounterTrack) {
            return "counter";
        }
        return "samples";
    }

    /** One event as text: time, label and args. */
    public static String event(Source s, Track t, int i) {
        ClockKind c = s.clockKind();
        if (t instanceof InstantTrack it) {
            return time(c, it.time(i)) + " " + s.label(it.label(i)) + args(s.argsOf(it.args(i)));
        } else if (t instanceof SpanTrack st) {
            return time(c, st.start(i)) + " +" + (st.end(i) - st.start(i)) + "ns d" + st.depth(i) + " "
                    + s.label(st.label(i)) + args(s.argsOf(st.args(i)));
        } else if (t instanceof CounterTrack ct) {
            return time(c, ct.time(i)) + " " + ct.value(i) + " " + ct.unit();
        }
        SampleTrack sm = (SampleTrack) t;
        StringBuilder b = new StringBuilder();
        b.append(sm.time(i) == SampleTrack.UNTIMED ? "untimed" : time(c, sm.time(i)));
        b.append(" thread '").append(s.label(sm.thread(i))).append("' values");
        for (int k = 0; k < sm.types().size(); k++) {
            b.append(' ').append(sm.value(i, k));
        }
        b.append(" stack");
        for (int f : s.stacks().framesRootFirst(sm.stack(i))) {
            b.append(' ').append(s.label(s.stacks().frameFunction(f)));
        }
        return b.toString();
    }

    private static String args(Map<String, String> a) {
        return a.isEmpty() ? "" : " " + a;
    }

    /** Formats a raw time: ISO-8601 for an absolute clock, seconds otherwise. */
    public static String time(ClockKind c, long raw) {
        if (c == ClockKind.ABSOLUTE_UTC) {
            return Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000_000L), Math.floorMod(raw, 1_000_000_000L)).toString();
        }
        return String.format("%.9fs", raw / 1e9);
    }
}
