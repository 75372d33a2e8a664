package io.incident.app.findings;

import io.incident.model.SampleTrack;
import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.StackTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Goroutine leaks: a bucket (same stack, same state) that grows between two dumps, and in any one dump a crowd of
 * goroutines parked in one place on a channel, select, lock or I/O wait.
 */
final class GoroutineLeakRule extends DeclaredRule {
    private static final Set<String> PARKED = Set.of("chan receive", "chan send", "select", "semacquire",
            "sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock", "sync.Cond.Wait", "IO wait",
            "chan receive (nil chan)", "chan send (nil chan)", "select (no cases)");

    /** One dump's buckets by key (state and stack), with where they are. */
    private record Dump(CaseData.Src src, int track, long time, String format, Map<String, Integer> index,
                        SampleTrack buckets) {
        long count(String key) {
            Integer i = index.get(key);
            return i == null ? 0 : buckets.value(i, 0);
        }
    }

    GoroutineLeakRule() {
        super("goroutine-leak", "Goroutine leak", "goroutine dumps (two or more of one process to see growth)", SourceKind.GOROUTINE_DUMP);
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        List<Dump> dumps = new ArrayList<>();
        for (CaseData.Src s : d.of(SourceKind.GOROUTINE_DUMP)) {
            int ti = s.track("goroutine buckets", null);
            if (ti < 0) {
                continue;
            }
            SampleTrack b = (SampleTrack) s.tracks().get(ti);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < b.size(); i++) {
                index.put(key(s, b, i), i);
            }
            dumps.add(new Dump(s, ti, s.caseTime(s.loaded().source().minTime()), format(s), index, b));
        }
        // Dumps placed at the same time (copied files share a modification time) keep their names' order.
        dumps.sort(Comparator.comparingLong(Dump::time).thenComparing(x -> x.src().file()));
        List<Finding> out = new ArrayList<>();
        for (int k = 1; k < dumps.size(); k++) {
            // debug=1 buckets carry no state, so only dumps of one format are compared.
            Dump a = dumps.get(k - 1);
            for (int j = k; j < dumps.size(); j++) {
                if (dumps.get(j).format().equals(a.format())) {
                    growth(a, dumps.get(j), t, out);
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            for (Dump dump : dumps) {
                parked(dump, t, out);
            }
        }
        return out;
    }

    private void growth(Dump a, Dump b, Thresholds t, List<Finding> out) {
        for (Map.Entry<String, Integer> e : b.index.entrySet()) {
            long before = a.count(e.getKey());
            long after = b.buckets.value(e.getValue(), 0);
            if (after - before < t.leakGrowth()) {
                continue;
            }
            String state = b.src.label(b.buckets.thread(e.getValue()));
            String top = topFunction(b.src, b.buckets, e.getValue());
            List<Evidence> ev = new ArrayList<>();
            Integer ai = a.index.get(e.getKey());
            ev.add(a.src.evidence(a.track, ai == null ? 0 : ai, a.time, "goroutine buckets",
                    before + " goroutines in " + top + " [" + state + "]"));
            ev.add(b.src.evidence(b.track, e.getValue(), b.time, "goroutine buckets",
                    after + " goroutines in " + top + " [" + state + "], waiting " + wait(b.buckets, e.getValue())));
            double minutes = (b.time - a.time) / 60e9;
            out.add(new Finding(id(), "Goroutine leak: " + top + " grew from " + before + " to " + after,
                    Severity.ERROR, a.time, b.time, ev,
                    "Between the dump " + a.src.file() + " (" + CaseData.at(a.time) + ") and " + b.src.file() + " ("
                            + CaseData.at(b.time) + "), " + String.format("%.1f", minutes) + " minutes apart, the "
                            + "goroutines parked in " + top + " [" + state + "] went from " + before + " to " + after
                            + ". Goroutines that block forever on a channel or lock nobody will release are never "
                            + "freed: each keeps its stack and everything it references.",
                    "Give every goroutine a way to finish: close or send on the channel it waits for, select on a "
                            + "context's Done(), and bound background work per request. Then confirm with two dumps "
                            + "a few minutes apart that the bucket stops growing."));
        }
    }

    private void parked(Dump dump, Thresholds t, List<Finding> out) {
        for (int i = 0; i < dump.buckets.size(); i++) {
            String state = dump.src.label(dump.buckets.thread(i));
            long n = dump.buckets.value(i, 0);
            if (n >= t.parkedGoroutines() && PARKED.contains(state)) {
                String top = topFunction(dump.src, dump.buckets, i);
                out.add(new Finding(id(), n + " goroutines parked in " + top, Severity.WARNING, dump.time, dump.time,
                        List.of(dump.src.evidence(dump.track, i, dump.time, "goroutine buckets",
                                n + " goroutines in " + top + " [" + state + "], waiting " + wait(dump.buckets, i))),
                        n + " goroutines wait in the same place [" + state + "] in " + dump.src.file() + ". One dump "
                                + "cannot show growth; a second dump of the same process a few minutes later can.",
                        "Take another goroutine dump later and compare; make sure these goroutines can finish."));
            }
        }
    }

    private static String format(CaseData.Src s) {
        int ti = s.track("dump", null);
        if (ti >= 0 && s.tracks().get(ti) instanceof io.incident.model.InstantTrack it && it.size() > 0) {
            return s.args(it, 0).getOrDefault("format", "");
        }
        return "";
    }

    private static String wait(SampleTrack b, int i) {
        long lo = b.value(i, 1);
        long hi = b.value(i, 2);
        if (hi <= 0) {
            return "under a minute";
        }
        return lo == hi ? hi + " min" : lo + "-" + hi + " min";
    }

    /** State and the function names of the stack: what a bucket is, independent of argument values and offsets. */
    private static String key(CaseData.Src s, SampleTrack b, int i) {
        StringBuilder k = new StringBuilder(s.label(b.thread(i)));
        StackTable st = s.loaded().source().stacks();
        for (int f : st.framesRootFirst(b.stack(i))) {
            k.append('|').append(s.label(st.frameFunction(f)));
        }
        return k.toString();
    }

    private static String topFunction(CaseData.Src s, SampleTrack b, int i) {
        StackTable st = s.loaded().source().stacks();
        int[] frames = st.framesRootFirst(b.stack(i));
        return frames.length == 0 ? "?" : s.label(st.frameFunction(frames[frames.length - 1]));
    }
}
