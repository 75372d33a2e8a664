package io.incident.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The galloping search gives what the plain binary search gives, from any start at or before the answer. */
class ColumnsLowerBoundTest {
    @Test
    void gallopingFromAnyEarlierIndexFindsTheSameBound() {
        Random r = new Random(11);
        for (int round = 0; round < 300; round++) {
            long[] a = new long[r.nextInt(200)];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(60);
            }
            Arrays.sort(a);
            for (long t = -2; t <= 62; t++) {
                int expected = Columns.lowerBound(a, t);
                for (int from = 0; from <= expected; from++) {
                    assertEquals(expected, Columns.lowerBound(a, t, from), "t " + t + " from " + from + " in "
                            + Arrays.toString(a));
                }
            }
        }
    }

    @Test
    void aStartPastTheEndIsTheEnd() {
        long[] a = {1, 2, 3};
        assertEquals(3, Columns.lowerBound(a, 9, 3));
        assertEquals(3, Columns.lowerBound(a, 9, 7));
        assertEquals(0, Columns.lowerBound(new long[0], 5, 0));
    }
}
