package io.incident.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnsSortTest {
    /** The order must be the one a stable sort by key, ties by the second column descending, gives. */
    @ParameterizedTest
    @ValueSource(ints = {2, 23, 25, 1000, 100_000})
    void matchesAStableReferenceSort(int n) {
        Random r = new Random(n);
        long[] keys = new long[n];
        long[] tie = new long[n];
        for (int i = 0; i < n; i++) {
            // Nearly sorted, as readers emit, with runs of equal keys and equal ties.
            keys[i] = i / 3 + r.nextInt(5) - (r.nextInt(50) == 0 ? r.nextInt(1000) : 0);
            tie[i] = r.nextInt(3);
        }
        assertStableOrder(keys, tie);
        int[] noTie = Columns.sortOrder(keys, null);
        int[] wantNoTie = IntStream.range(0, n).boxed().sorted(Comparator.comparingLong(i -> keys[i]))
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(wantNoTie, noTie == null ? IntStream.range(0, n).toArray() : noTie);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 50})
    void sortedInputNeedsNoPermutation(int n) {
        long[] keys = new long[n];
        Arrays.setAll(keys, i -> i * 10L);
        assertNull(Columns.sortOrder(keys, null));
    }

    /**
     * Keys that span more bits than fit beside an index (any long, epoch nanoseconds hours apart), so that the packed
     * sort sees near keys as equal and the exact order is restored among them; with ties on equal keys as well.
     */
    @ParameterizedTest
    @ValueSource(ints = {3, 100, 50_000})
    void wideKeysAreOrderedExactly(int n) {
        Random r = new Random(7L * n);
        long[] keys = new long[n];
        long[] tie = new long[n];
        long base = 1_700_000_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            keys[i] = switch (r.nextInt(4)) {
                case 0 -> r.nextLong(); // the whole range: the packed key keeps only a few high bits
                case 1 -> base + r.nextInt(1000); // near keys a packed key cannot tell apart
                case 2 -> base + 3_600_000_000_000L * r.nextInt(3); // hours apart, often equal
                default -> i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            };
            tie[i] = r.nextInt(3);
        }
        assertStableOrder(keys, tie);
    }

    /** The order must be the one a stable sort by key, ties by the second column descending, gives. */
    private static void assertStableOrder(long[] keys, long[] tie) {
        int n = keys.length;
        int[] want = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> keys[i]).thenComparing(i -> -tie[i]))
                .mapToInt(Integer::intValue).toArray();
        int[] got = Columns.sortOrder(keys, tie);
        assertArrayEquals(want, got == null ? IntStream.range(0, n).toArray() : got);
    }
}
