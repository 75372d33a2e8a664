package io.incident.app.findings;

import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import java.util.ArrayList;
import java.util.List;

/**
 * Stop-the-world GC pauses: JFR's GC pauses and Go's gctrace stop-the-world phases, against a threshold for each
 * runtime. Pauses under it are summed up as information, so the analyst sees GC was looked at.
 */
final class GcPauseRule extends DeclaredRule {
    GcPauseRule() {
        super("gc-pause", "Long garbage-collection pauses", "a JFR recording, or a journal with Go gctrace lines");
    }

    @Override
    public boolean applies(CaseData d) {
        if (d.has(SourceKind.JFR)) {
            return true;
        }
        for (CaseData.Src s : d.of(SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_JSON)) {
            if (s.track("Go GC stop-the-world", null) >= 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        List<Finding> out = new ArrayList<>();
        for (CaseData.Src s : d.of(SourceKind.JFR)) {
            check(s, s.track("GC pauses", null), "JVM", t.jvmGcPauseMillis(), out);
        }
        List<CaseData.Src> journals = d.of(SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_JSON);
        // A journal exported twice (export and JSON) is looked at once.
        for (CaseData.Src s : journals.subList(0, Math.min(1, journals.size()))) {
            check(s, s.track("Go GC stop-the-world", null), "Go", t.goGcPauseMillis(), out);
        }
        return out;
    }

    private void check(CaseData.Src s, int ti, String runtime, double thresholdMs, List<Finding> out) {
        if (ti < 0) {
            return;
        }
        SpanTrack st = (SpanTrack) s.tracks().get(ti);
        List<Evidence> over = new ArrayList<>();
        long longest = 0;
        int longestAt = -1;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (int i = 0; i < st.size(); i++) {
            long dur = st.end(i) - st.start(i);
            if (dur > longest) {
                longest = dur;
                longestAt = i;
            }
            if (dur >= thresholdMs * 1e6) {
                long c = s.caseTime(st.start(i));
                start = Math.min(start, c);
                end = Math.max(end, s.caseTime(st.end(i)));
                if (over.size() < 6) {
                    over.add(s.evidence(ti, i, c, st.name(), s.label(st.label(i)) + " " + String.format("%.1f ms", dur / 1e6)));
                }
            }
        }
        if (longestAt < 0) {
            return;
        }
        long lc = s.caseTime(st.start(longestAt));
        if (over.isEmpty()) {
            out.add(new Finding(id(), runtime + " GC pauses stayed short (longest " + String.format("%.1f ms", longest / 1e6)
                    + ")", Severity.INFO, lc, s.caseTime(st.end(longestAt)),
                    List.of(s.evidence(ti, longestAt, lc, st.name(), String.format("longest pause %.1f ms", longest / 1e6))),
                    st.size() + " " + runtime + " stop-the-world pauses in " + s.file() + ", none over "
                            + thresholdMs + " ms: GC is not what stalled this service.",
                    "Nothing to do for GC."));
            return;
        }
        out.add(new Finding(id(), runtime + " GC paused the process for up to " + String.format("%.0f ms", longest / 1e6),
                Severity.WARNING, start, end, over,
                over.size() + " or more " + runtime + " stop-the-world pauses over " + thresholdMs + " ms in "
                        + s.file() + "; every thread of the process stops for their length, so requests in flight "
                        + "stall and may time out.",
                "Look at the heap growth and allocation rate (allocation profile, heap counters) and the collector's "
                        + "settings; reduce allocation on hot paths or give the heap more room."));
    }
}
