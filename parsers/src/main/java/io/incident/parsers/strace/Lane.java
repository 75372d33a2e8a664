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

    /** How far back a call is moved to its place; a thread whose clock jumps further is left to the track's sort. */
    private static final int MAX_SHIFT = 16;

    Lane(int pid) {
        this.pid = pid;
    }

    /**
     * Adds a call at its place in the track's order (start ascending, the longer first on equal starts, else in the
     * order added), so that building the track finds it sorted and copies nothing more. Calls come in as they finish,
     * which is their start order except for calls on the same microsecond, a step or two from the end. Moving a call
     * only past calls strictly after it keeps equal calls in the order added, so the track's stable sort of a lane
     * left unsorted gives the same order as before.
     */
    void add(long start, long end, int label, int argSet) {
        int i = starts.size();
        starts.add(start);
        ends.add(end);
        labels.add(label);
        args.add(argSet);
        long duration = Math.max(0, end - start);
        int stop = Math.max(0, i - MAX_SHIFT);
        int at = i;
        while (at > stop && before(start, duration, at - 1)) {
            at--;
        }
        if (at == i) {
            return;
        }
        for (int k = i; k > at; k--) {
            starts.set(k, starts.get(k - 1));
            ends.set(k, ends.get(k - 1));
            labels.set(k, labels.get(k - 1));
            args.set(k, args.get(k - 1));
        }
        starts.set(at, start);
        ends.set(at, end);
        labels.set(at, label);
        args.set(at, argSet);
    }

    /** Whether a call (start, duration) sorts strictly before call j, as {@code SpanTrack} orders spans. */
    private boolean before(long start, long duration, int j) {
        long s = starts.get(j);
        return start < s || (start == s && duration > Math.max(0, ends.get(j) - s));
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
