package io.incident.app.findings;

import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * File-descriptor exhaustion: EMFILE/ENFILE returned by the kernel (strace) or reported by the Go server's accept loop
 * (the journal's {@code http: Accept error: ... too many open files}), grouped into bursts, with the open-fd and
 * open-connection counters at that moment as context.
 */
final class ExhaustionRule extends DeclaredRule {
    ExhaustionRule() {
        super("fd-exhaustion", "Out of file descriptors (EMFILE/ENFILE)", "an strace log or a journal export", SourceKind.STRACE, SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_JSON);
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        List<Point> points = new ArrayList<>();
        for (CaseData.Src s : d.of(SourceKind.STRACE)) {
            for (int ti = 0; ti < s.tracks().size(); ti++) {
                if (s.tracks().get(ti) instanceof SpanTrack st && st.name().startsWith("syscalls")) {
                    for (int i = 0; i < st.size(); i++) {
                        Map<String, String> a = s.args(st, i);
                        String errno = a.get("errno");
                        if ("EMFILE".equals(errno) || "ENFILE".equals(errno)) {
                            long ct = s.caseTime(st.start(i));
                            points.add(new Point(ct, s.evidence(ti, i, ct, st.group() + " " + st.name(),
                                    s.label(st.label(i)) + "(" + cut(a.get("args")) + ") = -1 " + errno)));
                        }
                    }
                }
            }
        }
        for (CaseData.Src s : d.of(SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_JSON)) {
            int ti = s.track("accept errors", null);
            if (ti >= 0 && s.tracks().get(ti) instanceof InstantTrack it) {
                for (int i = 0; i < it.size(); i++) {
                    Map<String, String> a = s.args(it, i);
                    String err = a.getOrDefault("error", s.label(it.label(i)));
                    if (err.contains("too many open files")) {
                        long ct = s.caseTime(it.time(i));
                        points.add(new Point(ct, s.evidence(ti, i, ct, "accept errors, pid " + a.getOrDefault("pid", "?"),
                                "http: Accept error: " + err)));
                    }
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (List<Point> burst : Bursts.of(points, t.burstGapSeconds())) {
            long start = burst.get(0).time();
            long end = burst.get(burst.size() - 1).time();
            List<Evidence> ev = new ArrayList<>(Bursts.sample(burst, 3));
            StringBuilder ctx = new StringBuilder();
            for (CaseData.Src s : d.sources()) {
                context(s, "open fds", start, end, ev, ctx, "open file descriptors peaked at ");
                context(s, "open connections", start, end, ev, ctx, "open TCP connections peaked at ");
            }
            String counts = burst.stream().map(p -> p.evidence().file()).distinct()
                    .map(f -> Bursts.count(burst, f) + " in " + f).reduce((a, b) -> a + ", " + b).orElse("");
            out.add(new Finding(id(), "Out of file descriptors: " + burst.size() + " EMFILE errors", Severity.ERROR, start,
                    end, ev,
                    "From " + CaseData.at(start) + " to " + CaseData.at(end) + " the process could not open file "
                            + "descriptors (" + counts + "). accept4 failing with EMFILE means new connections wait in "
                            + "the listen backlog, unanswered, while the server retries." + ctx,
                    "Raise the open-file limit (LimitNOFILE / ulimit -n) to fit the expected connections, and find what "
                            + "holds descriptors: idle keep-alive connections without IdleTimeout, leaked goroutines "
                            + "holding sockets, or files never closed. Shed load before the limit instead of at it."));
        }
        return out;
    }

    /** Adds the peak of a counter over the burst (and the 10 s before it) as context evidence. */
    private static void context(CaseData.Src s, String counter, long start, long end, List<Evidence> ev,
                                StringBuilder text, String what) {
        for (int ti = 0; ti < s.tracks().size(); ti++) {
            Track tr = s.tracks().get(ti);
            if (tr instanceof CounterTrack ct && ct.name().equals(counter)) {
                int best = -1;
                for (int i = 0; i < ct.size(); i++) {
                    long c = s.caseTime(ct.time(i));
                    if (c >= start - 10_000_000_000L && c <= end && (best < 0 || ct.value(i) > ct.value(best))) {
                        best = i;
                    }
                }
                if (best >= 0) {
                    long c = s.caseTime(ct.time(best));
                    String v = String.format("%.0f", ct.value(best));
                    ev.add(s.evidence(ti, best, c, counter, counter + " = " + v));
                    text.append(' ').append(what).append(v).append(" (").append(s.file()).append(").");
                }
            }
        }
    }

    static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 80 ? s.substring(0, 80) + "\u2026" : s;
    }
}
