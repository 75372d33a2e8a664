package io.incident.parsers.strace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incident.model.SpanTrack;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A lane puts each call at its place as it comes, so the track finds it sorted: the track must be the one the calls
 * would give in the order they came, for ties (equal starts and durations keep their order) and for clock jumps too
 * far back to move a call over (the track's own sort then finishes the job).
 */
class LaneOrderTest {
    @Test
    void callsOnTheSameMicrosecondAndClockJumpsGiveTheTrackOfTheArrivalOrder() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + r.nextInt(300);
            long[] starts = new long[n];
            long[] ends = new long[n];
            int[] labels = new int[n];
            int[] args = new int[n];
            long t = 1_000_000;
            Lane lane = new Lane(1);
            for (int i = 0; i < n; i++) {
                int shape = r.nextInt(10);
                // Mostly in order; some on the same microsecond, a few far back (a clock stepped back), a few with no -T.
                t += shape < 5 ? 1000 * (1 + r.nextInt(5)) : shape < 8 ? 0 : shape < 9 ? -1000 * r.nextInt(40) : 0;
                starts[i] = t;
                ends[i] = shape == 9 ? -1 : t + 1000 * r.nextInt(3);
                labels[i] = r.nextInt(3);
                args[i] = i;
                lane.add(starts[i], ends[i], labels[i], args[i]);
            }
            long[] clamped = ends.clone();
            for (int i = 0; i < n; i++) {
                clamped[i] = Math.max(starts[i], ends[i]);
            }
            SpanTrack expected = new SpanTrack("syscalls 1", "g", starts, clamped, labels, args);
            SpanTrack got = (SpanTrack) lane.track("g", true);
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) {
                assertArrayEquals(new long[] {expected.start(i), expected.end(i), expected.label(i), expected.args(i)},
                        new long[] {got.start(i), got.end(i), got.label(i), got.args(i)}, "round " + round + " span " + i);
            }
        }
    }
}
