package io.incident.parsers.strace;

import io.incident.model.Columns;
import io.incident.model.InstantTrack;
import io.incident.model.SpanTrack;
import io.incident.model.Track;

/** One thread's calls as primitive columns, and the call it has unfinished. */
final class Lane {
    final int pid;
    final Columns.Longs starts = new Columns.Longs();
    /** start + duration, or -1 without -T. */
    final Columns.Longs ends = new Columns.Longs();
    final Columns.Ints labels = new Columns.Ints();
    final Columns.Ints args = new Columns.Ints();
    Call pending;

    Lane(int pid) {
        this.pid = pid;
    }

    /** Spans when the file has -T durations (a call without one lasts no time), else instants. */
    Track track(String group, boolean spans) {
        String name = "syscalls " + (pid == 0 ? "?" : Integer.toString(pid));
        if (!spans) {
            return new InstantTrack(name, group, starts.toArray(), labels.toArray(), args.toArray());
        }
        long[] s = starts.toArray();
        long[] e = ends.toArray();
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.max(s[i], e[i]);
        }
        return new SpanTrack(name, group, s, e, labels.toArray(), args.toArray());
    }

    /** The unprefixed lines' calls (from) added to the leader's (into), under the leader's pid. */
    static Lane merge(Lane into, Lane from) {
        if (from == null || from == into) {
            return into;
        }
        Lane m = new Lane(into.pid);
        for (Lane l : new Lane[] {from, into}) {
            for (int i = 0; i < l.starts.size(); i++) {
                m.starts.add(l.starts.get(i));
                m.ends.add(l.ends.get(i));
                m.labels.add(l.labels.get(i));
                m.args.add(l.args.get(i));
            }
        }
        return m;
    }
}
