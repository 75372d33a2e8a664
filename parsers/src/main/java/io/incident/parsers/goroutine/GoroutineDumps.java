package io.incident.parsers.goroutine;

import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.StackTable;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Goroutine dumps when only the model is left: a case reopens from its stored {@link Source}s, not from the artifact
 * files, so the bucket table has to come from the {@code "goroutine buckets"} track the reader wrote. That track holds
 * each bucket's count, state class, wait range and stack; it does not hold the creator or the individual goroutines,
 * so a dump rebuilt here has {@code createdBy ""} and no goroutines (hence no leak suspects in a diff).
 */
public final class GoroutineDumps {
    /** Name of the per-bucket table track {@link GoroutineDumpReader} writes. */
    public static final String BUCKETS_TRACK = "goroutine buckets";
    /** Argument of the {@code "dump"} instant with the highest goroutine id (absent when the dump lists none). */
    public static final String MAX_ID_ARG = "max goroutine id";

    private GoroutineDumps() {
    }

    /**
     * Rebuilds the buckets of a goroutine-dump model, largest first, with signatures as the reader makes them (minus
     * the creator, which the model does not keep), so two rebuilt dumps diff with {@link DumpDiff#of}.
     */
    public static GoroutineDump fromSource(Source source) {
        SampleTrack table = bucketTrack(source);
        List<GoroutineBucket> buckets = new ArrayList<>();
        long total = 0;
        int longest = -1;
        if (table != null) {
            for (int i = 0; i < table.size(); i++) {
                int min = (int) table.value(i, 1);
                int max = (int) table.value(i, 2);
                long count = table.value(i, 0);
                buckets.add(bucket(source, table.thread(i), table.stack(i), count, min, max));
                total += count;
                longest = Math.max(longest, max);
            }
        }
        buckets.sort((x, y) -> Long.compare(y.count(), x.count()));
        Object summaryCount = source.summary().get("goroutines");
        long count = summaryCount instanceof Number n ? n.longValue() : total;
        GoroutineDump.Format format = format(source);
        Object truncated = source.summary().get("truncated");
        return new GoroutineDump(source, format, count, List.of(), buckets, List.of(), List.of(), List.of(), List.of(),
                Boolean.TRUE.equals(truncated), longest);
    }

    /**
     * Highest goroutine id in the dump (from the model's {@code "dump"} instant when the goroutines were not kept), or
     * -1 when it lists no goroutines (debug=1).
     */
    public static long maxId(GoroutineDump dump) {
        long max = -1;
        for (Goroutine g : dump.goroutines()) {
            max = Math.max(max, g.id());
        }
        if (max < 0) {
            String arg = dumpArgs(dump.source()).get(MAX_ID_ARG);
            max = arg == null ? -1 : Long.parseLong(arg);
        }
        return max;
    }

    /**
     * Whether {@code later} can be a dump of the same process as {@code earlier}: Go never reuses a goroutine id and
     * numbers them upwards, so a process that was restarted in between shows a lower highest id. Dumps without ids
     * cannot be told apart and count as possibly the same. Rebuilt dumps use the highest id the reader kept.
     */
    public static boolean maybeSameProcess(GoroutineDump earlier, GoroutineDump later) {
        long a = maxId(earlier);
        long b = maxId(later);
        return a < 0 || b < 0 || b >= a;
    }

    /**
     * The two dumps to compare by default: of the same format (a debug=1 profile has no states, so it does not diff with
     * a debug=2 dump), possibly of the same process, furthest apart in time, then sharing the most goroutines (same id,
     * same bucket): when the file times are lost (all equal) the pair that is one process wins over one across a
     * restart.
     *
     * @param placedTimes when each dump was taken, on one clock (the case's)
     * @return {@code {earlier, later}} indexes into {@code dumps}, or null when no two dumps compare
     */
    public static int[] furthestPair(List<GoroutineDump> dumps, long[] placedTimes) {
        int[] best = null;
        long bestTime = -1;
        long bestShared = -1;
        for (int i = 0; i < dumps.size(); i++) {
            for (int j = 0; j < dumps.size(); j++) {
                GoroutineDump a = dumps.get(i);
                GoroutineDump b = dumps.get(j);
                long dt = placedTimes[j] - placedTimes[i];
                long ids = maxId(b) - maxId(a);
                boolean ordered = dt > 0 || dt == 0 && (ids > 0 || ids == 0 && i < j);
                if (i == j || !ordered || a.format() != b.format() || !maybeSameProcess(a, b)) {
                    continue;
                }
                if (dt < bestTime) {
                    continue;
                }
                long shared = shared(a, b);
                if (dt > bestTime || shared > bestShared) {
                    best = new int[] {i, j};
                    bestTime = dt;
                    bestShared = shared;
                }
            }
        }
        return best;
    }

    /**
     * How much of {@code b} was already in {@code a}: goroutines with the same id in a bucket of the same signature, or
     * without goroutine lists (rebuilt from the model) the goroutines both have in buckets of one signature.
     */
    static long shared(GoroutineDump a, GoroutineDump b) {
        if (a.goroutines().isEmpty() || b.goroutines().isEmpty()) {
            Map<String, Long> first = new HashMap<>();
            a.buckets().forEach(x -> first.merge(x.signature(), x.count(), Long::sum));
            Map<String, Long> second = new HashMap<>();
            b.buckets().forEach(x -> second.merge(x.signature(), x.count(), Long::sum));
            long n = 0;
            for (Map.Entry<String, Long> e : second.entrySet()) {
                n += Math.min(e.getValue(), first.getOrDefault(e.getKey(), 0L));
            }
            return n;
        }
        Map<Long, String> first = new HashMap<>();
        for (Goroutine g : a.goroutines()) {
            first.put(g.id(), a.buckets().get(g.bucket()).signature());
        }
        long n = 0;
        for (Goroutine g : b.goroutines()) {
            if (b.buckets().get(g.bucket()).signature().equals(first.get(g.id()))) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, String> dumpArgs(Source source) {
        for (Track t : source.tracks()) {
            if (t instanceof InstantTrack it && it.name().equals("dump") && it.size() > 0) {
                return source.argsOf(it.args(0));
            }
        }
        return Map.of();
    }

    /** The format the reader noted on its "dump" instant; DEBUG2 when it is missing. */
    private static GoroutineDump.Format format(Source source) {
        String f = dumpArgs(source).getOrDefault("format", "");
        for (GoroutineDump.Format x : GoroutineDump.Format.values()) {
            if (x.name().equalsIgnoreCase(f)) {
                return x;
            }
        }
        return GoroutineDump.Format.DEBUG2;
    }

    private static SampleTrack bucketTrack(Source source) {
        for (Track t : source.tracks()) {
            if (t instanceof SampleTrack st && st.name().equals(BUCKETS_TRACK) && st.types().size() >= 3) {
                return st;
            }
        }
        return null;
    }

    private static GoroutineBucket bucket(Source source, int stateId, int stack, long count, int min, int max) {
        StackTable st = source.stacks();
        String state = source.label(stateId);
        String top = stack == 0 ? "" : source.label(st.frameFunction(st.frameOf(stack)));
        StringBuilder sig = new StringBuilder(state).append('\n');
        for (int f : st.framesRootFirst(stack)) {
            sig.append('\n').append(source.label(st.frameFunction(f)));
        }
        return new GoroutineBucket(count, state, min, max, stack, top, "", "", sig.toString());
    }
}
