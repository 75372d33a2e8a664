package io.incident.parsers.strace;

import io.incident.model.Columns;
import io.incident.model.CounterTrack;
import java.util.Arrays;

/** Failed calls per second of one errno, as a step counter that drops back to zero after a quiet second. */
final class ErrorRate {
    private static final long SECOND = 1_000_000_000L;

    private ErrorRate() {
    }

    static CounterTrack perSecond(String name, Columns.Longs times) {
        long[] t = times.toArray();
        Arrays.sort(t);
        CounterTrack.Builder out = CounterTrack.builder(name, "errors", "1/s");
        int i = 0;
        while (i < t.length) {
            long bucket = Math.floorDiv(t[i], SECOND);
            long first = t[i];
            int n = 0;
            while (i < t.length && Math.floorDiv(t[i], SECOND) == bucket) {
                n++;
                i++;
            }
            // The rate of second [b, b+1) starts at its first failure, so the counter never reaches before the trace.
            out.add(first, n);
            if (i == t.length || Math.floorDiv(t[i], SECOND) > bucket + 1) {
                out.add((bucket + 1) * SECOND, 0);
            }
        }
        return out.build();
    }
}
