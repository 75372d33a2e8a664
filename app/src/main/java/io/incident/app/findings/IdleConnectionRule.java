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
final class IdleConnectionRule implements Rule {
    @Override
    public String id() {
        return "idle-keepalive";
    }

    @Override
    public String title() {
        return "Idle connections held open (no server timeouts)";
    }

    @Override
    public String requires() {
        return "a pcap or pcapng capture";
    }

    @Override
    public boolean applies(CaseData d) {
        return d.has(SourceKind.PCAP, SourceKind.PCAPNG);
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
        List<Evidence> ev = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int n = 0;
        long longest = 0;
        String server = "";
        for (int i = 0; i < st.size(); i++) {
            Map<String, String> a = s.args(st, i);
            // Quiet time ignores TCP keep-alive probes, which the kernels exchange on a connection nobody uses.
            long idle = parse(a.getOrDefault("quiet_longest_ms", a.get("idle_longest_ms")));
            // A server with an idle or read timeout would have closed it long before: who closed it in the end (a
            // client, or the kernel when the server died) does not matter.
            if (idle < t.idleConnectionSeconds() * 1000) {
                continue;
            }
            n++;
            longest = Math.max(longest, idle);
            server = a.getOrDefault("server", server);
            long c = s.caseTime(st.start(i));
            start = Math.min(start, c);
            end = Math.max(end, s.caseTime(st.end(i)));
            if (ev.size() < 5) {
                ev.add(s.evidence(ti, i, c, "TCP connections", s.label(st.label(i)) + ": idle " + idle / 1000
                        + " s, closed by " + a.getOrDefault("closed_by", "nobody") + " (" + a.get("state") + ")"));
            }
        }
        if (n == 0) {
            return List.of();
        }
        int ioWait = ioWaitGoroutines(d, ev);
        return List.of(new Finding(id(), n + " connections idle for over " + (long) t.idleConnectionSeconds()
                + " s, the server never timed out", Severity.WARNING, start, end, ev,
                n + " TCP connections to " + server + " sat idle up to " + longest / 1000 + " s without the server "
                        + "closing them. A server without ReadTimeout/IdleTimeout keeps every idle keep-alive or silent "
                        + "client forever, each holding a file descriptor and a goroutine."
                        + (ioWait > 0 ? " The goroutine dumps show " + ioWait + " goroutines waiting in network I/O "
                        + "(IO wait), the likely holders (dumps print no fd numbers, so this pairing is a heuristic)."
                        : ""),
                "Set http.Server ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout (or the equivalent in "
                        + "your server), and cap connections per client."));
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
