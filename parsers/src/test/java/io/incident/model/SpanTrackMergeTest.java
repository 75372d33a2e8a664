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

    private static long[] column(List<long[]> rows, int c) {
        return rows.stream().mapToLong(x -> x[c]).toArray();
    }

    private static int[] ints(List<long[]> rows, int c) {
        return rows.stream().mapToInt(x -> (int) x[c]).toArray();
    }
}
