package io.incident.app.findings;

import io.incident.model.InstantTrack;
import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bursts of TCP resets in a capture, with the side that sent them, and the ECONNRESET/EPIPE errors the process saw at
 * the same moment in strace.
 */
final class ResetBurstRule extends DeclaredRule {
    ResetBurstRule() {
        super("reset-burst", "Bursts of TCP resets", "a pcap or pcapng capture", SourceKind.PCAP, SourceKind.PCAPNG);
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        List<Finding> out = new ArrayList<>();
        List<CaseData.Src> captures = d.of(SourceKind.PCAP, SourceKind.PCAPNG);
        // The same traffic captured twice (pcap and pcapng) is reported once, from the first capture.
        for (CaseData.Src s : captures.subList(0, Math.min(1, captures.size()))) {
            int ti = s.track("TCP resets", null);
            if (ti < 0) {
                continue;
            }
            InstantTrack it = (InstantTrack) s.tracks().get(ti);
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < it.size(); i++) {
                long ct = s.caseTime(it.time(i));
                Map<String, String> a = s.args(it, i);
                points.add(new Point(ct, s.evidence(ti, i, ct, "TCP resets", s.label(it.label(i)) + " (sent by "
                        + a.getOrDefault("sent_by", "?") + ")")));
            }
            for (List<Point> burst : Bursts.of(points, t.burstGapSeconds())) {
                if (burst.size() >= t.resetBurst()) {
                    out.add(burst(d, s, it, ti, burst));
                }
            }
        }
        return out;
    }

    private Finding burst(CaseData d, CaseData.Src s, InstantTrack it, int ti, List<Point> burst) {
        long start = burst.get(0).time();
        long end = burst.get(burst.size() - 1).time();
        long byServer = burst.stream().filter(p -> p.evidence().text().endsWith("(sent by server)")).count();
        long byClient = burst.size() - byServer;
        List<Evidence> ev = new ArrayList<>(Bursts.sample(burst, 4));
        int errors = 0;
        for (CaseData.Src st : d.of(SourceKind.STRACE)) {
            for (int k = 0; k < st.tracks().size(); k++) {
                if (st.tracks().get(k) instanceof SpanTrack sp && sp.name().startsWith("syscalls")) {
                    for (int i = 0; i < sp.size(); i++) {
                        long c = st.caseTime(sp.start(i));
                        String errno = st.args(sp, i).get("errno");
                        if (c >= start - 1_000_000_000L && c <= end + 1_000_000_000L
                                && ("ECONNRESET".equals(errno) || "EPIPE".equals(errno))) {
                            if (errors++ < 3) {
                                ev.add(st.evidence(k, i, c, sp.group() + " " + sp.name(),
                                        st.label(sp.label(i)) + " = -1 " + errno));
                            }
                        }
                    }
                }
            }
        }
        String who = byServer > byClient
                ? byServer + " sent by the server side: it refused or aborted connections (nothing listening, or a "
                        + "crash or restart)"
                : byClient + " sent by clients: they aborted connections (SO_LINGER 0, timeouts giving up, or a "
                        + "client closing a socket the server was still writing to)";
        return new Finding(id(), burst.size() + " TCP resets in " + Math.max(1, (end - start) / 1_000_000_000L) + " s",
                Severity.WARNING, start, end, ev,
                burst.size() + " connections were reset between " + CaseData.at(start) + " and " + CaseData.at(end)
                        + ", " + who + "." + (errors > 0 ? " The process saw " + errors
                        + " ECONNRESET/EPIPE errors at the same time." : ""),
                "Match the resets with what the server and clients were doing then (see related events). Resets from "
                        + "clients that gave up point to slow responses; resets from the server point to a dead or "
                        + "restarting listener or to a full backlog.");
    }
}
