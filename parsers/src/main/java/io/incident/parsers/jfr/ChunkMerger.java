package io.incident.parsers.jfr;

import static io.incident.parsers.jfr.JfrTracks.*;

import io.incident.model.CounterTrack;
import io.incident.model.Diagnostic;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.SortedSpans;
import io.incident.model.SpanTrack;
import io.incident.model.StackTable;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends chunk-local models, in chunk order, into one source: strings, arg sets and stacks are re-interned, lanes
 * with the same name are joined. Then derives what needs the whole recording: rates from cumulative counters, errors
 * per second, and the cap on per-thread CPU lanes.
 */
final class ChunkMerger {
    private final Source.Builder b;
    private final Map<String, Object> lanes = new LinkedHashMap<>();

    ChunkMerger(Source.Builder b) {
        this.b = b;
    }

    void append(ChunkReducer.ChunkModel chunk) {
        Source.Builder part = chunk.tables();
        int[] str = new int[part.strings().size()];
        for (int i = 0; i < str.length; i++) {
            str[i] = b.intern(part.strings().get(i));
        }
        int[] args = new int[part.args().size()];
        for (int a = 0; a < args.length; a++) {
            int[] pairs = part.args().pairs(a);
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = str[pairs[i]];
            }
            args[a] = b.args().intern(pairs);
        }
        int[] sites = stacks(part.stacks(), str);
        for (Diagnostic d : part.diagnostics().snapshot()) {
            for (long i = 0; i < d.count(); i++) {
                b.diagnostics().report(d.name(), d.severity(), d.firstWhere(), d.firstMessage());
            }
        }
        for (SortedSpans spans : chunk.spans()) {
            SpanParts to = (SpanParts) lanes.computeIfAbsent(SpanTrack.class.getSimpleName() + "/" + spans.name(),
                    k -> new SpanParts(spans.name(), spans.group()));
            to.parts.add(spans);
            to.labelMaps.add(str);
            to.argMaps.add(args);
        }
        for (Track t : chunk.tracks()) {
            appendTrack(t, str, args, sites);
        }
    }

    /** A span lane's sorted parts, each with its map of string and arg set ids, merged into a track at the end. */
    private static final class SpanParts {
        final String name;
        final String group;
        final List<SortedSpans> parts = new ArrayList<>();
        final List<int[]> labelMaps = new ArrayList<>();
        final List<int[]> argMaps = new ArrayList<>();

        SpanParts(String name, String group) {
            this.name = name;
            this.group = group;
        }

        SpanTrack build() {
            return SortedSpans.merge(name, group, parts, labelMaps, argMaps);
        }
    }

    private int[] stacks(StackTable s, int[] str) {
        StackTable out = b.stacks();
        int[] frames = new int[s.frameCount()];
        for (int f = 1; f < frames.length; f++) {
            frames[f] = out.frame(str[s.frameFunction(f)], str[s.frameFile(f)], s.frameLine(f));
        }
        int[] sites = new int[s.callsiteCount()];
        for (int c = 1; c < sites.length; c++) {
            sites[c] = out.callsite(sites[s.parent(c)], frames[s.frameOf(c)]);
        }
        return sites;
    }

    private void appendTrack(Track t, int[] str, int[] args, int[] sites) {
        String key = t.getClass().getSimpleName() + "/" + t.name();
        if (t instanceof InstantTrack it) {
            InstantTrack.Builder to = (InstantTrack.Builder) lanes.computeIfAbsent(key,
                    k -> InstantTrack.builder(t.name(), t.group()));
            for (int i = 0; i < it.size(); i++) {
                to.add(it.time(i), str[it.label(i)], args[it.args(i)]);
            }
        } else if (t instanceof CounterTrack ct) {
            CounterTrack.Builder to = (CounterTrack.Builder) lanes.computeIfAbsent(key,
                    k -> CounterTrack.builder(t.name(), t.group(), ct.unit()));
            for (int i = 0; i < ct.size(); i++) {
                to.add(ct.time(i), ct.value(i));
            }
        } else if (t instanceof SampleTrack sm) {
            SampleTrack.Builder to = (SampleTrack.Builder) lanes.computeIfAbsent(key,
                    k -> SampleTrack.builder(t.name(), t.group(), sm.types(), sm.defaultType()));
            long[] values = new long[sm.types().size()];
            for (int i = 0; i < sm.size(); i++) {
                for (int k = 0; k < values.length; k++) {
                    values[k] = sm.value(i, k);
                }
                to.add(sm.time(i), str[sm.thread(i)], sites[sm.stack(i)], values);
            }
        }
    }

    /** Builds the joined lanes into the source, with the derived tracks. */
    void finish() {
        List<CounterTrack> threadCpu = new ArrayList<>();
        // The span lanes hold nearly all events; each is merged on its own, so they are merged side by side.
        List<Object> all = new ArrayList<>(lanes.values());
        Track[] built = new Track[all.size()];
        java.util.stream.IntStream.range(0, all.size()).parallel()
                .filter(i -> all.get(i) instanceof SpanParts)
                .forEach(i -> built[i] = build(all.get(i)));
        for (int i = 0; i < all.size(); i++) {
            Track t = built[i] != null ? built[i] : build(all.get(i));
            if (t.name().equals(THROWABLES_TOTAL) && t instanceof CounterTrack ct) {
                b.track(ratePerSecond(ct, EXCEPTIONS_PER_SECOND));
            } else if (t instanceof CounterTrack ct && THREAD_CPU.equals(t.group())) {
                threadCpu.add(ct);
            } else {
                b.track(t);
                if (t.name().equals(ERRORS) && t instanceof InstantTrack it) {
                    b.track(perSecond(it, ERRORS_PER_SECOND));
                }
            }
        }
        threadCpu.sort(Comparator.comparingDouble(ChunkMerger::mean).reversed()
                .thenComparing(CounterTrack::name));
        threadCpu.stream().limit(MAX_THREAD_CPU_LANES).forEach(b::track);
        if (threadCpu.size() > MAX_THREAD_CPU_LANES) {
            b.diagnostics().info("thread-cpu-lanes-capped", "jdk.ThreadCPULoad", "kept the " + MAX_THREAD_CPU_LANES
                    + " busiest of " + threadCpu.size() + " threads' CPU lanes (by mean load)");
        }
    }

    private static Track build(Object lane) {
        if (lane instanceof SpanParts x) {
            return x.build();
        } else if (lane instanceof InstantTrack.Builder x) {
            return x.build();
        } else if (lane instanceof CounterTrack.Builder x) {
            return x.build();
        }
        return ((SampleTrack.Builder) lane).build();
    }

    private static double mean(CounterTrack t) {
        double sum = 0;
        for (int i = 0; i < t.size(); i++) {
            sum += t.value(i);
        }
        return t.size() == 0 ? 0 : sum / t.size();
    }

    /**
     * Rate between consecutive readings of a counter that only grows; a drop (a new JVM in the same file) restarts
     * the count rather than giving a negative rate.
     */
    static CounterTrack ratePerSecond(CounterTrack total, String name) {
        CounterTrack.Builder out = CounterTrack.builder(name, total.group(), "1/s");
        for (int i = 1; i < total.size(); i++) {
            long dt = total.time(i) - total.time(i - 1);
            if (dt <= 0) {
                continue;
            }
            double delta = total.value(i) - total.value(i - 1);
            out.add(total.time(i), (delta < 0 ? total.value(i) : delta) * 1e9 / dt);
        }
        return out.build();
    }

    /** Events per whole second, at the start of each second that has any. */
    static CounterTrack perSecond(InstantTrack events, String name) {
        CounterTrack.Builder out = CounterTrack.builder(name, events.group(), "1/s");
        int i = 0;
        while (i < events.size()) {
            long second = Math.floorDiv(events.time(i), 1_000_000_000L);
            int n = 0;
            while (i < events.size() && Math.floorDiv(events.time(i), 1_000_000_000L) == second) {
                n++;
                i++;
            }
            out.add(second * 1_000_000_000L, n);
        }
        return out.build();
    }
}
