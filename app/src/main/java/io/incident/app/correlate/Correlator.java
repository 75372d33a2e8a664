package io.incident.app.correlate;

import io.incident.app.align.Endpoints;
import io.incident.app.session.LoadedSource;
import io.incident.model.Clock;
import io.incident.model.CounterTrack;
import io.incident.model.EventRef;
import io.incident.model.Flow;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Links events of different sources that are the same thing, once their clocks are aligned:
 * <ul>
 * <li>a TCP connection in a capture and the life of its socket in strace (same 4-tuple, {@code accept4} to close);</li>
 * <li>that socket and the log lines its process wrote within {@link #NEAR} of the accept or the close;</li>
 * <li>a JFR socket read or write and the connection it was on (see {@link SocketFlows});</li>
 * <li>an {@code EMFILE} error in strace and the open-fd and open-connection counters at that moment;</li>
 * <li>a heuristic: goroutines of a dump parked in netpoll ({@code IO wait}) and the connections open and idle for a
 * second or more at the dump's time. Dumps print no fd numbers, so the link is by time and state only, and its
 * reason says so.</li>
 * </ul>
 * Source indexes in the flows are positions in the list given to {@link #link}.
 */
public final class Correlator {
    /** How close (case time) a log line must be to a socket's accept or close to be linked to it. */
    static final long NEAR = 20_000_000L;

    private Correlator() {
    }

    public static List<Flow> link(List<LoadedSource> sources) {
        List<Flow> out = new ArrayList<>();
        for (int a = 0; a < sources.size(); a++) {
            SourceKind ka = sources.get(a).record().kind();
            if (ka != SourceKind.STRACE) {
                continue;
            }
            for (int b = 0; b < sources.size(); b++) {
                SourceKind kb = sources.get(b).record().kind();
                if (kb == SourceKind.PCAP || kb == SourceKind.PCAPNG) {
                    connections(sources, b, a, out);
                    counters(sources, a, b, out, "open connections");
                } else if (kb == SourceKind.JOURNAL_EXPORT || kb == SourceKind.JOURNAL_JSON) {
                    logLines(sources, a, b, out);
                }
            }
            counters(sources, a, a, out, "open fds");
        }
        withCaptures(sources, SourceKind.JFR, (j, c) -> SocketFlows.link(sources, j, c, out));
        withCaptures(sources, SourceKind.GOROUTINE_DUMP, (d, c) -> idleWaiters(sources, d, c, out));
        return out;
    }

    /** Calls {@code link} for every source of {@code kind} with every capture of the case. */
    private static void withCaptures(List<LoadedSource> sources, SourceKind kind, BiConsumer<Integer, Integer> link) {
        for (int k = 0; k < sources.size(); k++) {
            if (sources.get(k).record().kind() != kind) {
                continue;
            }
            for (int c = 0; c < sources.size(); c++) {
                SourceKind kc = sources.get(c).record().kind();
                if (kc == SourceKind.PCAP || kc == SourceKind.PCAPNG) {
                    link.accept(k, c);
                }
            }
        }
    }

    /** The capture's connections and strace's socket lives, the n-th life of a 4-tuple with the n-th. */
    private static void connections(List<LoadedSource> sources, int capture, int strace, List<Flow> out) {
        Source cs = sources.get(capture).source();
        Map<String, List<EventRef>> wire = new HashMap<>();
        forSpans(cs, "TCP connections", (ti, st, i) -> {
            Map<String, String> a = cs.argsOf(st.args(i));
            if (a.get("client") != null && a.get("server") != null) {
                wire.computeIfAbsent(Endpoints.key(a.get("client"), a.get("server")), k -> new ArrayList<>())
                        .add(new EventRef(capture, ti, i));
            }
        });
        Source ss = sources.get(strace).source();
        Map<String, List<EventRef>> lives = new HashMap<>();
        forSpans(ss, "fds", (ti, st, i) -> {
            String[] ends = Endpoints.fromStrace(ss.label(st.label(i)));
            if (ends != null) {
                lives.computeIfAbsent(Endpoints.key(ends[0], ends[1]), k -> new ArrayList<>()).add(new EventRef(strace, ti, i));
            }
        });
        for (Map.Entry<String, List<EventRef>> e : lives.entrySet()) {
            List<EventRef> w = wire.get(e.getKey());
            if (w == null) {
                continue;
            }
            List<EventRef> s = e.getValue();
            for (int i = 0; i < Math.min(w.size(), s.size()); i++) {
                out.add(new Flow(w.get(i), s.get(i), "same connection", "4-tuple " + e.getKey().replace("|", " \u2194 ")));
            }
        }
    }

    /** Log lines of the socket's process near its accept or its close. */
    private static void logLines(List<LoadedSource> sources, int strace, int journal, List<Flow> out) {
        LoadedSource ls = sources.get(strace);
        LoadedSource lj = sources.get(journal);
        Clock sc = ls.record().clock();
        Clock jc = lj.record().clock();
        List<Track> jt = lj.source().tracks();
        forSpans(ls.source(), "fds", (ti, st, i) -> {
            if (Endpoints.fromStrace(ls.source().label(st.label(i))) == null) {
                return;
            }
            String pid = ls.source().tracks().get(ti).group().replace("pid ", "");
            long[] moments = {sc.toCase(st.start(i)), sc.toCase(st.end(i))};
            for (int t = 0; t < jt.size(); t++) {
                if (!(jt.get(t) instanceof InstantTrack it) || !it.group().equals("logs")) {
                    continue;
                }
                for (long m : moments) {
                    for (int j = it.indexAtOrAfter(jc.toRaw(m - NEAR)); j < it.size() && jc.toCase(it.time(j)) <= m + NEAR; j++) {
                        if (pid.equals(lj.source().argsOf(it.args(j)).get("pid"))) {
                            out.add(new Flow(new EventRef(strace, ti, i), new EventRef(journal, t, j), "log line",
                                    "written by pid " + pid + " within 20 ms of the socket's "
                                            + (m == moments[0] ? "accept" : "close")));
                        }
                    }
                }
            }
        });
    }

    /** Every failing syscall with EMFILE, linked to the named counter's value at that moment. */
    private static void counters(List<LoadedSource> sources, int strace, int counterSource, List<Flow> out, String name) {
        LoadedSource ls = sources.get(strace);
        LoadedSource lc = sources.get(counterSource);
        List<Track> ct = lc.source().tracks();
        for (int t = 0; t < ct.size(); t++) {
            if (!(ct.get(t) instanceof CounterTrack counter) || !counter.name().equals(name)) {
                continue;
            }
            int counterTrack = t;
            List<Track> st = ls.source().tracks();
            for (int ti = 0; ti < st.size(); ti++) {
                if (!(st.get(ti) instanceof SpanTrack spans) || !spans.name().startsWith("syscalls")) {
                    continue;
                }
                for (int i = 0; i < spans.size(); i++) {
                    if (!"EMFILE".equals(ls.source().argsOf(spans.args(i)).get("errno"))) {
                        continue;
                    }
                    long raw = lc.record().clock().toRaw(ls.record().clock().toCase(spans.start(i)));
                    int at = Math.max(0, Math.min(counter.size() - 1, counter.indexAtOrAfter(raw + 1) - 1));
                    out.add(new Flow(new EventRef(strace, ti, i), new EventRef(counterSource, counterTrack, at),
                            "EMFILE \u2194 " + name, name + " = " + (long) counter.value(at) + " when the call failed"));
                }
            }
        }
    }

    /** IO-wait goroutines of a dump and the connections open and idle at the dump's time (see the class comment). */
    private static void idleWaiters(List<LoadedSource> sources, int dump, int capture, List<Flow> out) {
        LoadedSource ld = sources.get(dump);
        LoadedSource lc = sources.get(capture);
        List<Track> dt = ld.source().tracks();
        for (int t = 0; t < dt.size(); t++) {
            if (!(dt.get(t) instanceof SampleTrack st) || !st.name().equals("goroutines")) {
                continue;
            }
            for (int i = 0; i < st.size(); i++) {
                if (st.time(i) == SampleTrack.UNTIMED || !ld.source().label(st.thread(i)).startsWith("IO wait")) {
                    continue;
                }
                long at = ld.record().clock().toCase(st.time(i));
                long raw = lc.record().clock().toRaw(at);
                EventRef waiter = new EventRef(dump, t, i);
                forSpans(lc.source(), "TCP connections", (ti, conns, j) -> {
                    Map<String, String> a = lc.source().argsOf(conns.args(j));
                    if (conns.start(j) <= raw && conns.end(j) >= raw && parseLong(a.get("idle_longest_ms")) >= 1000) {
                        out.add(new Flow(waiter, new EventRef(capture, ti, j), "IO wait \u2194 idle connection (heuristic)",
                                "a guess: the dump prints no fd numbers; this connection was open and idle for "
                                        + a.get("idle_longest_ms") + " ms at some point, and open when the dump was taken"));
                    }
                });
            }
        }
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private interface SpanVisitor {
        void visit(int trackIndex, SpanTrack track, int event);
    }

    private static void forSpans(Source s, String name, SpanVisitor v) {
        List<Track> tracks = s.tracks();
        for (int t = 0; t < tracks.size(); t++) {
            if (tracks.get(t) instanceof SpanTrack st && st.name().equals(name)) {
                for (int i = 0; i < st.size(); i++) {
                    v.visit(t, st, i);
                }
            }
        }
    }
}
