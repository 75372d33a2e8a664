package io.incident.app.align;

import io.incident.model.InstantTrack;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.Source;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pair matchers: each finds events that two kinds of source both saw, without knowing the offset yet (identity
 * comes from a 4-tuple, a message text or a response size, never from closeness in time; socket events that name only
 * a remote end and a size are told apart by the offset most of them agree on, see {@link JfrCaptureMatcher}).
 */
final class Matchers {
    private Matchers() {
    }

    /** Pairs for (reference, other), trying every matcher in both directions. */
    static List<Pair> match(Source ref, Source other) {
        List<Pair> out = new ArrayList<>(oneWay(ref, other));
        for (Pair p : oneWay(other, ref)) {
            out.add(new Pair(p.otherTime(), p.referenceTime(), p.what()));
        }
        return out;
    }

    private static List<Pair> oneWay(Source a, Source b) {
        SourceKind ka = a.info().kind();
        SourceKind kb = b.info().kind();
        if (isCapture(ka) && kb == SourceKind.STRACE) {
            return captureStrace(a, b);
        }
        if (isJournal(ka) && kb == SourceKind.STRACE) {
            return journalStrace(a, b);
        }
        if (isCapture(ka) && kb == SourceKind.JFR) {
            return JfrCaptureMatcher.match(a, b);
        }
        if (isCapture(ka) && (kb == SourceKind.GOROUTINE_DUMP || kb == SourceKind.PPROF)) {
            return captureFetch(a, b);
        }
        return List.of();
    }

    static boolean isCapture(SourceKind k) {
        return k == SourceKind.PCAP || k == SourceKind.PCAPNG;
    }

    static boolean isJournal(SourceKind k) {
        return k == SourceKind.JOURNAL_EXPORT || k == SourceKind.JOURNAL_JSON;
    }

    /**
     * strace {@code close()} of an accepted socket against the last packet of the same connection in the capture, for
     * connections the client closed first: the server's close sends its FIN, and the client's ACK of it ends the
     * connection microseconds later on the wire. Port reuse is handled by pairing the n-th life of a 4-tuple in one
     * source with the n-th in the other.
     */
    static List<Pair> captureStrace(Source capture, Source strace) {
        Map<String, List<long[]>> wire = new HashMap<>();
        for (SpanTrack t : spans(capture, "TCP connections")) {
            for (int i = 0; i < t.size(); i++) {
                Map<String, String> a = capture.argsOf(t.args(i));
                String c = a.get("client");
                String s = a.get("server");
                if (c == null || s == null) {
                    continue;
                }
                boolean usable = "FIN".equals(a.get("state")) && "client".equals(a.get("closed_by"));
                wire.computeIfAbsent(Endpoints.key(c, s), k -> new ArrayList<>())
                        .add(new long[] {t.start(i), usable ? t.end(i) : Long.MIN_VALUE});
            }
        }
        Map<String, List<Long>> closes = new HashMap<>();
        for (SpanTrack t : spans(strace, "fds")) {
            for (int i = 0; i < t.size(); i++) {
                String[] ends = Endpoints.fromStrace(strace.label(t.label(i)));
                Map<String, String> a = strace.argsOf(t.args(i));
                if (ends != null && "accept4".equals(a.get("opened by"))) {
                    closes.computeIfAbsent(Endpoints.key(ends[0], ends[1]), k -> new ArrayList<>())
                            .add("close".equals(a.get("closed by")) ? t.end(i) : Long.MIN_VALUE);
                }
            }
        }
        List<Pair> out = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : closes.entrySet()) {
            List<long[]> w = wire.get(e.getKey());
            if (w == null || w.size() != e.getValue().size()) {
                continue; // the lives of this 4-tuple cannot be paired one to one
            }
            w.sort((x, y) -> Long.compare(x[0], y[0]));
            List<Long> s = new ArrayList<>(e.getValue());
            s.sort(null);
            for (int i = 0; i < s.size(); i++) {
                if (w.get(i)[1] != Long.MIN_VALUE && s.get(i) != Long.MIN_VALUE) {
                    out.add(new Pair(w.get(i)[1], s.get(i), "close " + e.getKey().replace('|', ' ')));
                }
            }
        }
        return out;
    }

    /**
     * strace {@code write()} of a log line (strace shows its first characters) against the journal entry of the same
     * process whose message starts with them. Only prefixes that name exactly one entry count.
     */
    static List<Pair> journalStrace(Source journal, Source strace) {
        Set<String> pids = new HashSet<>();
        for (Track t : strace.tracks()) {
            if (t.group().startsWith("pid ")) {
                pids.add(t.group().substring(4));
            }
        }
        List<long[]> entryTimes = new ArrayList<>();
        List<String> entryText = new ArrayList<>();
        for (Track t : journal.tracks()) {
            if (t instanceof InstantTrack it && t.group().equals("logs")) {
                for (int i = 0; i < it.size(); i++) {
                    if (pids.contains(journal.argsOf(it.args(i)).get("pid"))) {
                        entryTimes.add(new long[] {it.time(i)});
                        entryText.add(journal.label(it.label(i)));
                    }
                }
            }
        }
        List<Pair> out = new ArrayList<>();
        for (SpanTrack t : spans(strace, null)) {
            if (!t.name().startsWith("syscalls")) {
                continue;
            }
            for (int i = 0; i < t.size(); i++) {
                if (!strace.label(t.label(i)).equals("write")) {
                    continue;
                }
                String prefix = writtenText(strace.argsOf(t.args(i)).get("args"));
                if (prefix == null || prefix.length() < 20) {
                    continue;
                }
                int found = -1;
                int n = 0;
                for (int j = 0; j < entryText.size() && n < 2; j++) {
                    if (entryText.get(j).startsWith(prefix)) {
                        found = j;
                        n++;
                    }
                }
                if (n == 1) {
                    out.add(new Pair(entryTimes.get(found)[0], t.start(i), "log line \"" + prefix + "...\""));
                }
            }
        }
        return out;
    }

    /** The text of a strace write's buffer argument, or null when it holds escapes we would have to guess at. */
    static String writtenText(String args) {
        if (args == null) {
            return null;
        }
        int q = args.indexOf(", \"");
        if (q < 0) {
            return null;
        }
        int end = args.indexOf('"', q + 3);
        if (end < 0) {
            return null;
        }
        String s = args.substring(q + 3, end);
        return s.indexOf('\\') >= 0 ? null : s;
    }

    /**
     * A goroutine dump or a pprof profile against the HTTP {@code GET /debug/pprof/...} that fetched it: the response
     * whose size exceeds the file's by the least (headers and chunking), within 4 KiB. The file was complete when the
     * response ended, so its last moment is the end of that connection.
     */
    static List<Pair> captureFetch(Source capture, Source fetched) {
        long size = fetched.info().size();
        String endpoint = endpoint(fetched);
        long best = Long.MAX_VALUE;
        Pair pair = null;
        for (SpanTrack t : spans(capture, "TCP connections")) {
            for (int i = 0; i < t.size(); i++) {
                Map<String, String> a = capture.argsOf(t.args(i));
                String http = a.get("http");
                if (http == null || !fetches(http, endpoint)) {
                    continue;
                }
                long extra = parseLong(a.get("bytes_server_to_client")) - size;
                if (extra >= 0 && extra < 4096 && extra < best) {
                    best = extra;
                    long end = fetched.hasTimeRange() ? fetched.maxTime() : 0;
                    pair = new Pair(t.end(i), end, http + " (" + a.get("client") + ", response " + (size + extra)
                            + " bytes for a " + size + "-byte file)");
                }
            }
        }
        return pair == null ? List.of() : List.of(pair);
    }

    /** Which pprof endpoint can have produced this file: a goroutine dump names its debug level, a profile its type. */
    static String endpoint(Source s) {
        if (s.info().kind() == SourceKind.GOROUTINE_DUMP) {
            for (Track t : s.tracks()) {
                if (t instanceof InstantTrack it && it.name().equals("dump") && it.size() > 0) {
                    String f = s.argsOf(it.args(0)).getOrDefault("format", "");
                    return f.startsWith("debug") ? "goroutine?debug=" + f.substring(5) : "goroutine?debug=";
                }
            }
            return "goroutine?debug=";
        }
        String types = String.valueOf(s.summary().get("sampleTypes"));
        if (types.contains("type=goroutine")) {
            return "goroutine";
        } else if (types.contains("type=cpu")) {
            return "profile";
        } else if (types.contains("type=inuse_") || types.contains("type=alloc_")) {
            return "heap|allocs";
        } else if (types.contains("type=contentions")) {
            return "block|mutex";
        }
        return "";
    }

    private static boolean fetches(String request, String endpoint) {
        int at = request.indexOf("/debug/pprof/");
        if (at < 0) {
            return false;
        }
        String path = request.substring(at + "/debug/pprof/".length()).split(" ")[0];
        if (endpoint.isEmpty()) {
            return true;
        }
        if (endpoint.startsWith("goroutine?")) {
            return path.startsWith(endpoint);
        }
        String name = path.split("\\?")[0];
        boolean debugText = path.contains("debug=") && !path.contains("debug=0");
        return !debugText && List.of(endpoint.split("\\|")).contains(name);
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<SpanTrack> spans(Source s, String name) {
        List<SpanTrack> out = new ArrayList<>();
        for (Track t : s.tracks()) {
            if (t instanceof SpanTrack st && (name == null || st.name().equals(name))) {
                out.add(st);
            }
        }
        return out;
    }
}
