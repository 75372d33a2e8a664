package io.incident.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A track merged from sorted parts must be the track of all their spans given at once, part after part, to the
 * constructor, which sorts them its own way: same order (by start, longer first, then as added), same ids once each
 * part's map is applied, same depths.
 */
class SpanTrackMergeTest {
    @ParameterizedTest(name = "{0} parts of up to {1} spans")
    @CsvSource({"1, 0", "1, 1", "1, 40", "2, 17", "3, 1000", "5, 70000"})
    void mergeEqualsOneSortOfEverySpan(int partCount, int maxSpans) {
        Random r = new Random(31L * partCount + maxSpans);
        List<SortedSpans> parts = new ArrayList<>();
        List<int[]> labelMaps = new ArrayList<>();
        List<int[]> argMaps = new ArrayList<>();
        List<long[]> all = new ArrayList<>();
        long base = 0;
        for (int p = 0; p < partCount; p++) {
            SpanTrack.Builder b = SpanTrack.builder("lane", "group");
            int[] labelMap = p % 2 == 0 ? null : new int[50];
            int[] argMap = p % 2 == 0 ? null : new int[20];
            if (labelMap != null) {
                java.util.Arrays.setAll(labelMap, i -> 1000 + 7 * i);
                java.util.Arrays.setAll(argMap, i -> 500 + i);
            }
            int n = maxSpans == 0 ? 0 : r.nextInt(maxSpans) + 1;
            for (int i = 0; i < n; i++) {
                // Parts overlap, as a recording's chunks do where they meet (a span is written when it ends), on a
                // coarse clock, so that spans of different parts often tie on start and duration.
                long start = (base + i - r.nextInt(40) + (r.nextInt(20) == 0 ? -r.nextInt(5000) : 0)) / 4 * 4;
                long end = start + 5L * r.nextInt(3);
                int label = r.nextInt(50);
                int args = r.nextInt(20);
                b.add(start, end, label, args);
                all.add(new long[] {start, end, labelMap == null ? label : labelMap[label],
                        argMap == null ? args : argMap[args]});
            }
            base += n / 2;
            parts.add(b.sorted());
            labelMaps.add(labelMap);
            argMaps.add(argMap);
        }
        SpanTrack merged = SortedSpans.merge("lane", "group", parts, labelMaps, argMaps);
        SpanTrack want = new SpanTrack("lane", "group", column(all, 0), column(all, 1), ints(all, 2), ints(all, 3));
        assertEquals(want.size(), merged.size());
        assertEquals(want.maxDepth(), merged.maxDepth());
        for (int i = 0; i < want.size(); i++) {
            String at = "span " + i;
            assertEquals(want.start(i), merged.start(i), at);
            assertEquals(want.end(i), merged.end(i), at);
            assertEquals(want.label(i), merged.label(i), at);
            assertEquals(want.args(i), merged.args(i), at);
            assertEquals(want.depth(i), merged.depth(i), at);
        }
    }

    /**
     * Spans longer than an int of nanoseconds (2.1 s) are kept with their ends, and nesting deeper than a byte with
     * int depths: both read back exactly, through the builder and through the constructor.
     */
    @ParameterizedTest(name = "longest {0} ns, {1} nested")
    @CsvSource({"1000, 3", "2147483647, 127", "2147483648, 128", "86400000000000, 300"})
    void longSpansAndDeepNestingReadBack(long longest, int nested) {
        SpanTrack.Builder b = SpanTrack.builder("lane", "group");
        int n = nested + 2;
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < nested; i++) {
            // Each span inside the one before it, the first the longest.
            starts[i] = 1_000_000L + i;
            ends[i] = starts[i] + longest - 2L * i;
        }
        starts[nested] = 5;
        ends[nested] = 5 + 7;
        starts[nested + 1] = 1_000_000L + longest + 10; // after them all, alone
        ends[nested + 1] = starts[nested + 1];
        for (int i = n - 1; i >= 0; i--) {
            b.add(starts[i], ends[i], i, i);
        }
        int[] ids = java.util.stream.IntStream.range(0, n).toArray();
        for (SpanTrack t : List.of(b.build(), new SpanTrack("lane", "group", starts, ends, ids, ids))) {
            assertEquals(n, t.size());
            assertEquals(nested - 1, t.maxDepth());
            assertEquals(5, t.start(0));
            assertEquals(12, t.end(0));
            for (int j = 1; j <= nested; j++) {
                int i = t.label(j);
                assertEquals(starts[i], t.start(j));
                assertEquals(ends[i], t.end(j));
                assertEquals(j - 1, t.depth(j), "depth of span " + j);
            }
            assertEquals(starts[nested + 1], t.maxTime());
            assertEquals(0, t.depth(nested + 1));
            assertEquals(1, t.indexEndingAtOrAfter(13));
        }
    }

    private static long[] column(List<long[]> rows, int c) {
        return rows.stream().mapToLong(x -> x[c]).toArray();
    }

    private static int[] ints(List<long[]> rows, int c) {
        return rows.stream().mapToInt(x -> (int) x[c]).toArray();
    }
}
