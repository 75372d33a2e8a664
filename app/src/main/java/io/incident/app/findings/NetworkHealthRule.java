package io.incident.app.findings;

import io.incident.model.CounterTrack;
import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Network trouble a capture shows by itself: bursts of retransmissions, receivers advertising a zero window, and TLS
 * handshakes that stall.
 */
final class NetworkHealthRule extends DeclaredRule {
    NetworkHealthRule() {
        super("network", "Retransmissions, zero windows and TLS stalls", "a pcap or pcapng capture", SourceKind.PCAP, SourceKind.PCAPNG);
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        List<Finding> out = new ArrayList<>();
        List<CaseData.Src> captures = d.of(SourceKind.PCAP, SourceKind.PCAPNG);
        if (captures.isEmpty()) {
            return out;
        }
        CaseData.Src s = captures.get(0);
        retransmissions(s, t, out);
        int ti = s.track("TCP connections", null);
        if (ti >= 0) {
            perConnection(s, ti, (SpanTrack) s.tracks().get(ti), t, out);
        }
        return out;
    }

    private void retransmissions(CaseData.Src s, Thresholds t, List<Finding> out) {
        int ti = s.track("retransmissions/s", null);
        if (ti < 0 || !(s.tracks().get(ti) instanceof CounterTrack ct)) {
            return;
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < ct.size(); i++) {
            if (ct.value(i) >= t.retransmitsPerSecond()) {
                long c = s.caseTime(ct.time(i));
                points.add(new Point(c, s.evidence(ti, i, c, "retransmissions/s",
                        String.format("%.0f retransmissions/s", ct.value(i)))));
            }
        }
        for (List<Point> burst : Bursts.of(points, t.burstGapSeconds())) {
            long start = burst.get(0).time();
            long end = burst.get(burst.size() - 1).time() + 1_000_000_000L;
            out.add(new Finding(id(), "Retransmission burst", Severity.WARNING, start, end, Bursts.sample(burst, 5),
                    "From " + CaseData.at(start) + " to " + CaseData.at(end) + " segments were sent again at "
                            + t.retransmitsPerSecond() + " per second or more: packets were lost or delayed on the "
                            + "path, or a receiver stopped acknowledging. Each retransmission stalls its connection for "
                            + "at least a retransmission timeout.",
                    "Check the path (interface errors, drops, congestion, MTU) and the receivers' load at that time."));
        }
    }

    private void perConnection(CaseData.Src s, int ti, SpanTrack st, Thresholds t, List<Finding> out) {
        List<Evidence> zero = new ArrayList<>();
        List<Evidence> tls = new ArrayList<>();
        long zs = Long.MAX_VALUE;
        long ze = Long.MIN_VALUE;
        long ts = Long.MAX_VALUE;
        long te = Long.MIN_VALUE;
        int zeroConns = 0;
        int tlsConns = 0;
        for (int i = 0; i < st.size(); i++) {
            Map<String, String> a = s.args(st, i);
            long c = s.caseTime(st.start(i));
            long windows = IdleConnectionRule.parse(a.get("zero_windows"));
            if (windows >= t.zeroWindows()) {
                zeroConns++;
                zs = Math.min(zs, c);
                ze = Math.max(ze, s.caseTime(st.end(i)));
                if (zero.size() < 5) {
                    zero.add(s.evidence(ti, i, c, "TCP connections", s.label(st.label(i)) + ": " + windows
                            + " zero-window segments"));
                }
            }
            long handshakeUs = IdleConnectionRule.parse(a.get("tls_handshake_us"));
            if (handshakeUs >= t.tlsHandshakeMillis() * 1000) {
                tlsConns++;
                ts = Math.min(ts, c);
                te = Math.max(te, c + handshakeUs * 1000);
                if (tls.size() < 5) {
                    tls.add(s.evidence(ti, i, c, "TCP connections", s.label(st.label(i)) + ": TLS handshake "
                            + handshakeUs / 1000 + " ms" + (a.containsKey("tls_sni") ? " (SNI " + a.get("tls_sni") + ")" : "")));
                }
            }
        }
        if (zeroConns > 0) {
            out.add(new Finding(id(), zeroConns + " connections stalled by a zero receive window", Severity.WARNING, zs, ze,
                    zero, zeroConns + " connections carried " + t.zeroWindows() + " or more zero-window advertisements: "
                    + "the receiving application stopped reading, its buffer filled and the sender had to wait.",
                    "Find why the receiver stopped reading at that time (blocked threads, GC, CPU) and read "
                            + "sockets promptly."));
        }
        if (tlsConns > 0) {
            out.add(new Finding(id(), tlsConns + " TLS handshakes took over " + (long) t.tlsHandshakeMillis() + " ms",
                    Severity.WARNING, ts, te, tls, tlsConns + " TLS handshakes took " + (long) t.tlsHandshakeMillis()
                    + " ms or more from ClientHello to completion: the server was slow to answer (CPU for key "
                    + "exchange, a blocked accept loop) or the path dropped packets.",
                    "Look at the server's CPU and accept loop at those times, and consider session resumption."));
        }
    }
}
