package io.incident.parsers.goroutine;

import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Source;
import io.incident.model.StackTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what {@link DumpParser} collected into buckets, tracks and the summary. Bucketing hashes (leaf call site,
 * state class, creator) into one map, so it is linear in the number of goroutines; only the buckets are sorted.
 */
final class DumpAssembler {
    private static final List<SampleType> COUNT = List.of(new SampleType("goroutines", "count"));
    private static final List<SampleType> BUCKET_VALUES = List.of(new SampleType("goroutines", "count"),
            new SampleType("wait_min", "minutes"), new SampleType("wait_max", "minutes"));

    /** A bucket while it fills. */
    private static final class Acc {
        final int first;
        final int stack;
        final int stateClass;
        final int createdBy;
        final int labels;
        long count;
        int minWait = -1;
        int maxWait = -1;
        int index;

        Acc(int first, int stack, int stateClass, int createdBy, int labels) {
            this.first = first;
            this.stack = stack;
            this.stateClass = stateClass;
            this.createdBy = createdBy;
            this.labels = labels;
        }

        void wait(int w) {
            if (w >= 0) {
                minWait = minWait < 0 ? w : Math.min(minWait, w);
                maxWait = Math.max(maxWait, w);
            }
        }
    }

    private final DumpParser p;
    private final Source.Builder b;

    DumpAssembler(DumpParser parser) {
        this.p = parser;
        this.b = parser.builder;
    }

    GoroutineDump assemble() {
        int n = p.ids.size();
        List<Acc> accs = new ArrayList<>();
        Acc[] bucketOf = bucketGoroutines(n, accs);
        bucketRecords(accs);
        accs.sort((x, y) -> x.count != y.count ? Long.compare(y.count, x.count) : Integer.compare(x.first, y.first));
        for (int i = 0; i < accs.size(); i++) {
            accs.get(i).index = i;
        }
        long count = goroutineCount(n);
        List<GoroutineBucket> buckets = new ArrayList<>(accs.size());
        for (Acc a : accs) {
            buckets.add(bucket(a));
        }
        List<Goroutine> goroutines = new ArrayList<>(n);
        int longest = -1;
        Map<String, Long> states = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int flags = p.flags.get(i);
            String state = b.strings().get(p.states.get(i));
            goroutines.add(new Goroutine(p.ids.get(i), state, p.waits.get(i), (flags & DumpParser.FLAG_LOCKED) != 0,
                    b.strings().get(p.createdBy.get(i)), p.creators.get(i), p.stackIds.get(i),
                    (flags & DumpParser.FLAG_ELIDED) != 0, p.lines.get(i), bucketOf[i].index));
            longest = Math.max(longest, p.waits.get(i));
            states.merge(state, 1L, Long::sum);
        }
        addTracks(n, accs, count);
        b.summary("goroutines", count);
        b.summary("buckets", accs.size());
        b.summary("states", sortedByCount(states));
        b.summary("longestWaitMinutes", (long) Math.max(0, longest));
        b.summary("truncated", p.truncated);
        return new GoroutineDump(b.build(), format(), count, goroutines, buckets, p.panics, p.fatalErrors, p.signals,
                p.races, p.truncated, longest);
    }

    private GoroutineDump.Format format() {
        if (p.profileTotal >= 0 || p.recordCounts.size() > 0 && p.ids.size() == 0) {
            return GoroutineDump.Format.DEBUG1;
        }
        if (!p.panics.isEmpty() || !p.fatalErrors.isEmpty() || !p.signals.isEmpty()) {
            return GoroutineDump.Format.TRACEBACK;
        }
        if (p.ids.size() == 0 && !p.races.isEmpty()) {
            return GoroutineDump.Format.RACE;
        }
        return GoroutineDump.Format.DEBUG2;
    }

    /** Header count for dumps with goroutines; for debug=1 the {@code total N} line, or the records' sum without one. */
    private long goroutineCount(int n) {
        if (n > 0 || p.profileTotal < 0 && p.recordCounts.size() == 0) {
            return n;
        }
        if (p.profileTotal >= 0) {
            return p.profileTotal;
        }
        long sum = 0;
        for (int i = 0; i < p.recordCounts.size(); i++) {
            sum += p.recordCounts.get(i);
        }
        return sum;
    }

    private Acc[] bucketGoroutines(int n, List<Acc> accs) {
        Map<Long, Integer> classes = new HashMap<>();
        Map<Long, Acc> byKey = new HashMap<>();
        Acc[] bucketOf = new Acc[n];
        for (int i = 0; i < n; i++) {
            long classKey = ((long) p.stateClasses.get(i) << 32) | p.createdBy.get(i);
            Integer cls = classes.get(classKey);
            if (cls == null) {
                cls = classes.size();
                classes.put(classKey, cls);
            }
            long key = ((long) p.stackIds.get(i) << 32) | cls;
            Acc a = byKey.get(key);
            if (a == null) {
                a = new Acc(i, p.stackIds.get(i), p.stateClasses.get(i), p.createdBy.get(i), 0);
                byKey.put(key, a);
                accs.add(a);
            }
            a.count++;
            a.wait(p.waits.get(i));
            bucketOf[i] = a;
        }
        return bucketOf;
    }

    /** debug=1 records are buckets already; records that resolve to the same lines and labels are merged. */
    private void bucketRecords(List<Acc> accs) {
        Map<Long, Acc> byKey = new HashMap<>();
        for (int i = 0; i < p.recordCounts.size(); i++) {
            long key = ((long) p.recordStacks.get(i) << 32) | p.recordLabelIds.get(i);
            int index = i;
            Acc a = byKey.computeIfAbsent(key, k -> {
                Acc fresh = new Acc(index, p.recordStacks.get(index), 0, 0, p.recordLabelIds.get(index));
                accs.add(fresh);
                return fresh;
            });
            a.count += p.recordCounts.get(i);
        }
    }

    private GoroutineBucket bucket(Acc a) {
        StackTable st = b.stacks();
        String top = a.stack == 0 ? "" : b.strings().get(st.frameFunction(st.frameOf(a.stack)));
        String state = b.strings().get(a.stateClass);
        String createdBy = b.strings().get(a.createdBy);
        StringBuilder sig = new StringBuilder(state).append('\n').append(createdBy);
        for (int f : st.framesRootFirst(a.stack)) {
            sig.append('\n').append(b.strings().get(st.frameFunction(f)));
        }
        return new GoroutineBucket(a.count, state, a.minWait, a.maxWait, a.stack, top, createdBy,
                b.strings().get(a.labels), sig.toString());
    }

    private void addTracks(int n, List<Acc> accs, long count) {
        int dumpLabel = b.intern("dump");
        List<String> args = new ArrayList<>(List.of("format", format().name().toLowerCase()));
        addFirst(args, "panic", p.panics);
        addFirst(args, "fatal error", p.fatalErrors);
        addFirst(args, "signal", p.signals);
        if (n > 0) {
            // Go numbers goroutines upwards and never reuses an id: a later dump with a lower highest id is of a
            // restarted process. Kept in the model because a reopened case has no goroutine list.
            long max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, p.ids.get(i));
            }
            args.add(GoroutineDumps.MAX_ID_ARG);
            args.add(Long.toString(max));
        }
        b.track(InstantTrack.builder("dump", "goroutines").add(0, dumpLabel, b.args(args.toArray(String[]::new)))
                .build());
        b.track(CounterTrack.builder("goroutines", "goroutines", "goroutines").add(0, count).build());
        SampleTrack.Builder samples = SampleTrack.builder("goroutines", "goroutines", COUNT, 0);
        for (int i = 0; i < n; i++) {
            samples.add(0, p.states.get(i), p.stackIds.get(i), 1);
        }
        if (n == 0) {
            for (Acc a : accs) {
                samples.add(0, a.stateClass, a.stack, a.count);
            }
        }
        b.track(samples.build());
        SampleTrack.Builder table = SampleTrack.builder("goroutine buckets", "goroutines", BUCKET_VALUES, 0);
        for (Acc a : accs) {
            table.add(SampleTrack.UNTIMED, a.stateClass, a.stack, a.count, a.minWait, a.maxWait);
        }
        b.track(table.build());
        if (!p.races.isEmpty()) {
            SampleTrack.Builder races = SampleTrack.builder("data races", "goroutines",
                    List.of(new SampleType("accesses", "count")), 0);
            for (RaceAccess r : p.races) {
                races.add(0, b.intern(r.heading()), r.stack(), 1);
            }
            b.track(races.build());
        }
    }

    private static void addFirst(List<String> args, String key, List<String> values) {
        if (!values.isEmpty()) {
            args.add(key);
            args.add(values.get(0));
        }
    }

    private static Map<String, Object> sortedByCount(Map<String, Long> counts) {
        Map.Entry<String, Long>[] entries = counts.entrySet().toArray(Map.Entry[]::new);
        Arrays.sort(entries, (x, y) -> !x.getValue().equals(y.getValue()) ? Long.compare(y.getValue(), x.getValue())
                : x.getKey().compareTo(y.getKey()));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : entries) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
