package io.incident.parsers.goroutine;

import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.StackTable;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.List;

/**
 * Goroutine dumps when only the model is left: a case reopens from its stored {@link Source}s, not from the artifact
 * files, so the bucket table has to come from the {@code "goroutine buckets"} track the reader wrote. That track holds
 * each bucket's count, state class, wait range and stack; it does not hold the creator or the individual goroutines,
 * so a dump rebuilt here has {@code createdBy ""} and no goroutines (hence no leak suspects in a diff).
 */
public final class GoroutineDumps {
    /** Name of the per-bucket table track {@link GoroutineDumpReader} writes. */
    public static final String BUCKETS_TRACK = "goroutine buckets";

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

    /** Highest goroutine id in the dump, or -1 when it lists no goroutines (debug=1, or rebuilt from the model). */
    public static long maxId(GoroutineDump dump) {
        long max = -1;
        for (Goroutine g : dump.goroutines()) {
            max = Math.max(max, g.id());
        }
        return max;
    }

    /**
     * Whether {@code later} can be a dump of the same process as {@code earlier}: Go never reuses a goroutine id and
     * numbers them upwards, so a process that was restarted in between shows a lower highest id. Dumps without ids
     * cannot be told apart and count as possibly the same.
     */
    public static boolean maybeSameProcess(GoroutineDump earlier, GoroutineDump later) {
        long a = maxId(earlier);
        long b = maxId(later);
        return a < 0 || b < 0 || b >= a;
    }

    /** The format the reader noted on its "dump" instant; DEBUG2 when it is missing. */
    private static GoroutineDump.Format format(Source source) {
        for (Track t : source.tracks()) {
            if (t instanceof InstantTrack it && it.name().equals("dump") && it.size() > 0) {
                String f = source.argsOf(it.args(0)).getOrDefault("format", "");
                for (GoroutineDump.Format x : GoroutineDump.Format.values()) {
                    if (x.name().equalsIgnoreCase(f)) {
                        return x;
                    }
                }
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
