package io.incident.app.findings;

import io.incident.model.SampleTrack;
import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Missing server timeouts: connections that sat idle for minutes and that the server never closed, in the capture;
 * with goroutine dumps, the goroutines parked in network I/O wait that hold them (a heuristic: dumps print no fds).
 */
final class IdleConnectionRule extends DeclaredRule {
    IdleConnectionRule() {
        super("idle-keepalive", "Idle connections held open (no server timeouts)", "a pcap or pcapng capture", SourceKind.PCAP, SourceKind.PCAPNG);
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        List<CaseData.Src> captures = d.of(SourceKind.PCAP, SourceKind.PCAPNG);
        if (captures.isEmpty()) {
            return List.of();
        }
        CaseData.Src s = captures.get(0);
        int ti = s.track("TCP connections", null);
        if (ti < 0) {
            return List.of();
        }
        SpanTrack st = (SpanTrack) s.tracks().get(ti);
        // Per server port (a service listening on 127.0.0.1 and ::1 is one service).
        Map<String, List<Integer>> byPort = new java.util.TreeMap<>();
        Map<Integer, Long> idleOf = new java.util.HashMap<>();
        for (int i = 0; i < st.size(); i++) {
            Map<String, String> a = s.args(st, i);
            long idle = clientSilence(a.get("idle"));
            if (idle >= t.idleConnectionSeconds() * 1000) {
                String server = a.getOrDefault("server", "?");
                byPort.computeIfAbsent(server.substring(server.lastIndexOf(':') + 1), k -> new ArrayList<>()).add(i);
                idleOf.put(i, idle);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byPort.entrySet()) {
            out.add(finding(d, s, ti, st, e.getKey(), e.getValue(), idleOf, t));
        }
        return out;
    }

    private Finding finding(CaseData d, CaseData.Src s, int ti, SpanTrack st, String port, List<Integer> conns,
                            Map<Integer, Long> idleOf, Thresholds t) {
        List<Evidence> ev = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long longest = 0;
        for (int i : conns) {
            long c = s.caseTime(st.start(i));
            start = Math.min(start, c);
            end = Math.max(end, s.caseTime(st.end(i)));
            longest = Math.max(longest, idleOf.get(i));
            if (ev.size() < 5) {
                Map<String, String> a = s.args(st, i);
                ev.add(s.evidence(ti, i, c, "TCP connections", s.label(st.label(i)) + ": client silent "
                        + idleOf.get(i) / 1000 + " s, finally closed by " + a.getOrDefault("closed_by", "nobody")
                        + " (" + a.get("state") + ")"));
            }
        }
        int ioWait = ioWaitGoroutines(d, ev);
        return new Finding(id(), conns.size() + " connections to port " + port + " left idle for minutes",
                Severity.WARNING, start, end, ev,
                conns.size() + " TCP connections to port " + port + " sat with the client silent for up to "
                        + longest / 1000 + " s (TCP keep-alive probes aside) and the server did not close them. A "
                        + "server without ReadTimeout/IdleTimeout keeps every idle keep-alive or silent client forever, "
                        + "each holding a file descriptor and a goroutine; a client pool without an idle timeout does "
                        + "the same to its upstream."
                        + (ioWait > 0 ? " The goroutine dumps show " + ioWait + " goroutines waiting in network I/O "
                        + "(IO wait), the likely holders (dumps print no fd numbers, so this pairing is a heuristic)."
                        : ""),
                "Set http.Server ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout (or the equivalent in "
                        + "your server), set IdleConnTimeout on HTTP client transports, and cap connections per client.");
    }

    /**
     * The longest period in which the server waited on a silent client, from the capture reader's idle periods
     * ({@code startMs+lengthMs}, with a {@code w} suffix when the client was the one waiting instead).
     */
    static long clientSilence(String idle) {
        long best = 0;
        if (idle == null || idle.isEmpty()) {
            return 0;
        }
        for (String p : idle.split(",")) {
            if (p.endsWith("w")) {
                continue;
            }
            int plus = p.indexOf('+');
            if (plus > 0) {
                best = Math.max(best, parse(p.substring(plus + 1)));
            }
        }
        return best;
    }

    private static int ioWaitGoroutines(CaseData d, List<Evidence> ev) {
        int best = 0;
        for (CaseData.Src s : d.of(SourceKind.GOROUTINE_DUMP)) {
            int ti = s.track("goroutine buckets", null);
            if (ti < 0) {
                continue;
            }
            SampleTrack b = (SampleTrack) s.tracks().get(ti);
            int n = 0;
            int first = -1;
            for (int i = 0; i < b.size(); i++) {
                if (s.label(b.thread(i)).equals("IO wait") && b.value(i, 2) >= 1) {
                    n += (int) b.value(i, 0);
                    first = first < 0 ? i : first;
                }
            }
            if (n > best) {
                best = n;
                if (first >= 0) {
                    long c = s.caseTime(s.loaded().source().minTime());
                    ev.add(s.evidence(ti, first, c, "goroutine buckets", n + " goroutines in IO wait for a minute or more"));
                }
            }
        }
        return best;
    }

    static long parse(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
