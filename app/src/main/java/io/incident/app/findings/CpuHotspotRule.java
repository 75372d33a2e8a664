package io.incident.app.findings;

import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.StackTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The heaviest functions (by self time) of each CPU profile, placed on the profile's window. */
final class CpuHotspotRule extends DeclaredRule {
    CpuHotspotRule() {
        super("cpu-hotspot", "Where the CPU went", "a CPU profile (pprof with a cpu sample type)");
    }

    @Override
    public boolean applies(CaseData d) {
        for (CaseData.Src s : d.of(SourceKind.PPROF)) {
            if (cpuType(s) != null) {
                return true;
            }
        }
        return false;
    }

    private static int[] cpuType(CaseData.Src s) {
        for (int ti = 0; ti < s.tracks().size(); ti++) {
            if (s.tracks().get(ti) instanceof SampleTrack sm) {
                List<SampleType> types = sm.types();
                for (int k = 0; k < types.size(); k++) {
                    if (types.get(k).type().equals("cpu")) {
                        return new int[] {ti, k};
                    }
                }
            }
        }
        return null;
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        List<Finding> out = new ArrayList<>();
        for (CaseData.Src s : d.of(SourceKind.PPROF)) {
            int[] tt = cpuType(s);
            if (tt == null) {
                continue;
            }
            SampleTrack sm = (SampleTrack) s.tracks().get(tt[0]);
            StackTable st = s.loaded().source().stacks();
            Map<String, Long> self = new HashMap<>();
            long total = 0;
            for (int i = 0; i < sm.size(); i++) {
                int[] frames = st.framesRootFirst(sm.stack(i));
                long v = sm.value(i, tt[1]);
                total += v;
                if (frames.length > 0) {
                    self.merge(s.label(st.frameFunction(frames[frames.length - 1])), v, Long::sum);
                }
            }
            if (total == 0) {
                continue;
            }
            List<Map.Entry<String, Long>> top = new ArrayList<>(self.entrySet());
            top.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            int wi = s.track("profile window", null);
            long start = s.caseTime(s.loaded().source().minTime());
            long end = s.caseTime(s.loaded().source().maxTime());
            List<Evidence> ev = new ArrayList<>();
            StringBuilder lines = new StringBuilder();
            for (int k = 0; k < Math.min(3, top.size()); k++) {
                double pct = 100.0 * top.get(k).getValue() / total;
                ev.add(s.evidence(Math.max(0, wi), String.format("self %.1f%%", pct), top.get(k).getKey()
                        + String.format(" \u2014 %.1f%% of %.2f s CPU", pct, total / 1e9), start));
                lines.append(k == 0 ? "" : ", ").append(top.get(k).getKey()).append(String.format(" %.1f%%", pct));
            }
            double share = 100.0 * top.get(0).getValue() / total;
            double window = wi >= 0 ? (((SpanTrack) s.tracks().get(wi)).end(0) - ((SpanTrack) s.tracks().get(wi)).start(0)) / 1e9 : 0;
            out.add(new Finding(id(), String.format("CPU: %.0f%% in %s", share, top.get(0).getKey()),
                    share >= t.cpuHotPercent() ? Severity.WARNING : Severity.INFO, start, end, ev,
                    String.format("%s recorded %.2f s of CPU", s.file(), total / 1e9)
                            + (window > 0 ? String.format(" over a %.0f s window (%.0f%% of one core)", window,
                            100 * total / 1e9 / window) : "") + ". Heaviest functions by self time: " + lines + ".",
                    "Open the flame graph of this profile; if the hot function serves requests, cache, batch or move "
                            + "the work off the request path."));
        }
        return out;
    }
}
