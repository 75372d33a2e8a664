package io.incident.parsers.strace;

import io.incident.model.CounterTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * File descriptor lifetimes per process: creation (open, socket, accept, dup, pipe...) to close, with the path or
 * endpoint. Events are buffered and replayed in time order at the end, once every clone has been seen, because a
 * thread's first lines may come before its creator's clone returns, and threads share their process's fd table.
 */
final class FdLifecycle {
    enum Op { OPEN, DUP, CLOSE, LABEL }

    private record Event(int tid, long time, Op op, int fd, int srcFd, String label, String via) {
    }

    private static final class Open {
        final long start;
        final int fd;
        final String via;
        String label;
        boolean beforeTrace;

        Open(long start, int fd, String via, String label) {
            this.start = start;
            this.fd = fd;
            this.via = via;
            this.label = label;
        }
    }

    private static final class Process {
        final SpanTrack.Builder spans;
        final CounterTrack.Builder counter;
        final Map<Integer, Open> open = new HashMap<>();

        Process(String group) {
            spans = SpanTrack.builder("fds", group);
            counter = CounterTrack.builder("open fds", group, "fds");
        }
    }

    private final List<Event> events = new ArrayList<>();

    void open(int tid, long time, int fd, String label, String via) {
        events.add(new Event(tid, time, Op.OPEN, fd, -1, label, via));
    }

    void dup(int tid, long time, int fd, int srcFd, String via) {
        events.add(new Event(tid, time, Op.DUP, fd, srcFd, null, via));
    }

    void close(int tid, long time, int fd, String label, String via) {
        events.add(new Event(tid, time, Op.CLOSE, fd, -1, label, via));
    }

    void label(int tid, long time, int fd, String label) {
        events.add(new Event(tid, time, Op.LABEL, fd, -1, label, null));
    }

    /**
     * Replays the events and adds one span track and one "open fds" counter per process that had any.
     *
     * @param owner      maps a thread to the process whose fd table it uses
     * @param group      the track group of a process
     * @param traceStart first time of the file (an fd closed but never seen opened existed from there)
     * @param traceEnd   last time of the file (an fd still open at the end lasts until there)
     */
    void build(Source.Builder b, IntUnaryOperator owner, IntFunction<String> group, long traceStart, long traceEnd) {
        events.sort(Comparator.comparingLong(Event::time));
        Map<Integer, Process> processes = new LinkedHashMap<>();
        SpanArgs spanArgs = new SpanArgs(b);
        for (Event e : events) {
            int pid = owner.applyAsInt(e.tid);
            Process p = processes.computeIfAbsent(pid, k -> new Process(group.apply(k)));
            switch (e.op) {
                case OPEN -> {
                    end(b, spanArgs, p, e.fd, e.time, "reuse by " + e.via + " (close not seen)");
                    p.open.put(e.fd, new Open(e.time, e.fd, e.via, e.label));
                }
                case DUP -> {
                    Open src = p.open.get(e.srcFd);
                    String label = src != null ? src.label : "fd " + e.srcFd;
                    end(b, spanArgs, p, e.fd, e.time, e.via);
                    p.open.put(e.fd, new Open(e.time, e.fd, e.via, label));
                }
                case CLOSE -> {
                    if (!p.open.containsKey(e.fd)) {
                        Open before = new Open(traceStart, e.fd, "", e.label != null ? e.label : "fd " + e.fd);
                        before.beforeTrace = true;
                        p.open.put(e.fd, before);
                    }
                    end(b, spanArgs, p, e.fd, e.time, e.via);
                }
                case LABEL -> {
                    Open o = p.open.get(e.fd);
                    if (o != null) {
                        o.label = e.label;
                    }
                }
            }
            p.counter.add(e.time, p.open.size());
        }
        for (Process p : processes.values()) {
            for (Open o : p.open.values().stream().sorted(Comparator.comparingLong((Open x) -> x.start)).toList()) {
                p.spans.add(o.start, Math.max(o.start, traceEnd), b.intern(o.label), spanArgs.of(o, "", true));
            }
            b.track(p.spans.build());
            b.track(p.counter.build());
        }
    }

    private static void end(Source.Builder b, SpanArgs spanArgs, Process p, int fd, long time, String closedBy) {
        Open o = p.open.remove(fd);
        if (o != null) {
            p.spans.add(o.start, Math.max(o.start, time), b.intern(o.label), spanArgs.of(o, closedBy, false));
        }
    }

    /**
     * The arg set of one fd span, from string ids looked up once: a busy trace has a span per open/close pair. Each id
     * is interned the first time it is needed, in the order the pairs list them, so the string table comes out as if
     * every pair were interned as text.
     */
    private static final class SpanArgs {
        private static final String[] FIXED = {"fd", "opened", "before the trace", "opened by", "open at end", "true",
            "closed by"};
        private final Source.Builder b;
        private final int[] pairs = new int[6];
        private final int[] fdIds = new int[1024];
        /** Ids of the FIXED texts, by index; 0 until first needed, so each is interned where the text was before. */
        private final int[] fixed = new int[FIXED.length];

        SpanArgs(Source.Builder b) {
            this.b = b;
        }

        int of(Open o, String closedBy, boolean openAtEnd) {
            pairs[0] = fixed(0);
            pairs[1] = fdId(o.fd);
            pairs[2] = fixed(o.beforeTrace ? 1 : 3);
            pairs[3] = o.beforeTrace ? fixed(2) : b.intern(o.via);
            pairs[4] = fixed(openAtEnd ? 4 : 6);
            pairs[5] = openAtEnd ? fixed(5) : b.intern(closedBy);
            return b.args().intern(pairs);
        }

        private int fixed(int i) {
            if (fixed[i] == 0) {
                fixed[i] = b.intern(FIXED[i]);
            }
            return fixed[i];
        }

        private int fdId(int fd) {
            if (fd < 0 || fd >= fdIds.length) {
                return b.intern(Integer.toString(fd));
            }
            if (fdIds[fd] == 0) {
                fdIds[fd] = b.intern(Integer.toString(fd));
            }
            return fdIds[fd];
        }
    }
}
